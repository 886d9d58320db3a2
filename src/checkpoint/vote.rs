//! A single vote: a value on the question's scale, or n/a.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What one participant answered: a value on the scale, or "n/a" (don't know / not applicable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vote {
    Value(u8),
    NotApplicable,
}

/// How n/a is written in files and ballots.
pub const NOT_APPLICABLE: &str = "n/a";

impl Vote {
    /// A vote written as text: `n/a` (or `na`, any case), or a whole number from 0 to 9.
    pub fn parse_text(text: &str) -> Option<Vote> {
        let t = text.trim();
        if t.eq_ignore_ascii_case(NOT_APPLICABLE) || t.eq_ignore_ascii_case("na") {
            Some(Vote::NotApplicable)
        } else {
            t.parse::<u8>().ok().filter(|v| *v <= 9).map(Vote::Value)
        }
    }

    /// The value, unless n/a.
    pub fn value(self) -> Option<u8> {
        match self {
            Vote::Value(v) => Some(v),
            Vote::NotApplicable => None,
        }
    }
}

impl std::fmt::Display for Vote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Vote::Value(v) => write!(f, "{v}"),
            Vote::NotApplicable => f.write_str(NOT_APPLICABLE),
        }
    }
}

impl Serialize for Vote {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Vote::Value(v) => s.serialize_u8(*v),
            Vote::NotApplicable => s.serialize_str(NOT_APPLICABLE),
        }
    }
}

impl<'de> Deserialize<'de> for Vote {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Vote, D::Error> {
        d.deserialize_any(VoteVisitor)
    }
}

struct VoteVisitor;

impl Visitor<'_> for VoteVisitor {
    type Value = Vote;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a whole number from 0 to 9, or \"{NOT_APPLICABLE}\"")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vote, E> {
        u8::try_from(v)
            .ok()
            .filter(|v| *v <= 9)
            .map(Vote::Value)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vote, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vote, E> {
        Vote::parse_text(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Doc {
        v: Vote,
    }

    #[test]
    fn votes_round_trip_through_toml() {
        for vote in [Vote::Value(0), Vote::Value(6), Vote::NotApplicable] {
            let text = toml::to_string(&Doc { v: vote }).unwrap();
            assert_eq!(toml::from_str::<Doc>(&text).unwrap(), Doc { v: vote });
        }
        assert_eq!(
            toml::to_string(&Doc {
                v: Vote::NotApplicable
            })
            .unwrap(),
            "v = \"n/a\"\n"
        );
    }

    #[test]
    fn rejects_what_is_not_a_vote() {
        for text in ["v = -1", "v = 10", "v = \"five\"", "v = 2.5"] {
            assert!(toml::from_str::<Doc>(text).is_err(), "{text}");
        }
        assert_eq!(
            toml::from_str::<Doc>("v = \"N/A\"").unwrap().v,
            Vote::NotApplicable
        );
    }
}
