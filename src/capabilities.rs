//! Which capabilities the squad rates: the three its DORA level recommends ("help me
//! prioritize", seed 004), then any it chose to rate on purpose or has rated already. The
//! capabilities part of the workshop and the capabilities ballot both follow this order.

use crate::assessment::dora_result;
use crate::checklist::{BenchmarkLevel, Capability, Catalog, Question, SetBody};
use crate::checkpoint::Checkpoint;

/// Why a DORA question has no value yet, so the level waits for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// Nobody voted and nothing was agreed.
    NoVotes,
    /// Some voted; the votes show once everyone has (or the facilitator reveals them).
    Hidden { voted: usize, of: usize },
    /// Only n/a: the level needs a best guess.
    NotApplicable,
}

/// The DORA level of a checkpoint and the capabilities its part walks through.
#[derive(Debug, Clone)]
pub struct Walk<'a> {
    /// The level, once every DORA question has a value.
    pub level: Option<&'a BenchmarkLevel>,
    /// "Performing better than N% of respondents", with the level.
    pub percentile: Option<u8>,
    /// The mean of the DORA questions with a value.
    pub score: Option<f64>,
    /// The level's capabilities, in catalog order; empty until the level is known.
    pub recommended: Vec<&'a Capability>,
    /// Capabilities chosen on purpose or already rated, not among the recommended, in catalog
    /// order.
    pub others: Vec<&'a Capability>,
    /// The DORA questions without a value, and why.
    pub waiting: Vec<(&'a Question, Waiting)>,
}

impl<'a> Walk<'a> {
    /// The walk for `checkpoint`, with the capabilities in `chosen` (ids) rated on purpose. When
    /// `shared`, votes not yet revealed do not count towards the level, as on the shared screen
    /// and in the summary; otherwise every vote counts.
    pub fn new(
        catalog: &'a Catalog,
        checkpoint: &Checkpoint,
        chosen: &[String],
        shared: bool,
    ) -> Walk<'a> {
        let catalog = catalog.for_model(checkpoint.dora);
        let questions = &catalog.dora().questions;
        // Only the DORA answers matter here: hide on a copy of those, not of every vote.
        let dora = checkpoint.answers_only(questions.iter().map(|q| q.id.as_str()));
        let shown = if shared {
            dora.revealed_only().0
        } else {
            std::borrow::Cow::Borrowed(&dora)
        };
        let result = dora_result(catalog, &shown);
        let level = result.level.as_ref().and_then(|l| catalog.find_level(l.id));
        let waiting = questions
            .iter()
            .zip(&result.questions)
            .filter(|(_, r)| r.value.is_none())
            .map(|(q, r)| {
                let votes = dora.answer(&q.id).map_or(0, |a| a.votes.len());
                let why = if r.not_applicable {
                    Waiting::NotApplicable
                } else if votes > 0 {
                    Waiting::Hidden {
                        voted: votes,
                        of: dora.expected(&q.id).count(),
                    }
                } else {
                    Waiting::NoVotes
                };
                (q, why)
            })
            .collect();
        let recommended = level.map_or_else(Vec::new, |l| catalog.recommended(&l.id));
        let rated = |c: &Capability| {
            chosen.contains(&c.id)
                || c.statements
                    .iter()
                    .any(|s| checkpoint.answer(&s.id).is_some())
        };
        let others = catalog
            .capabilities()
            .filter(|c| !recommended.iter().any(|r| r.id == c.id) && rated(c))
            .collect();
        Walk {
            level,
            percentile: result.percentile.filter(|_| level.is_some()),
            score: result.score,
            recommended,
            others,
            waiting,
        }
    }

    /// Every capability of the walk: the recommended, then the others.
    pub fn capabilities(&self) -> impl Iterator<Item = &'a Capability> + '_ {
        self.recommended.iter().chain(&self.others).copied()
    }

    /// Whether the level recommends the capability with id `id`.
    pub fn is_recommended(&self, id: &str) -> bool {
        self.recommended.iter().any(|c| c.id == id)
    }

    /// The walk's capabilities that belong to the set with id `set`, in the walk's order.
    pub fn in_set(&self, catalog: &'a Catalog, set: &str) -> Vec<&'a Capability> {
        let own: &[Capability] = catalog
            .sets()
            .find(|s| s.id == set)
            .and_then(|s| match &s.body {
                SetBody::Capabilities(caps) => Some(caps.as_slice()),
                _ => None,
            })
            .unwrap_or(&[]);
        self.capabilities()
            .filter(|c| own.iter().any(|o| o.id == c.id))
            .collect()
    }
}

/// The capability a statement belongs to.
pub fn of_statement<'a>(catalog: &'a Catalog, question: &str) -> Option<&'a Capability> {
    catalog
        .capabilities()
        .find(|c| c.statements.iter().any(|s| s.id == question))
}

/// Whether `question` is one of the DORA questions, whose every answer the level needs.
pub fn is_dora(catalog: &Catalog, question: &str) -> bool {
    catalog.dora().questions.iter().any(|q| q.id == question)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::Vote;

    fn catalog() -> Catalog {
        Catalog::builtin().unwrap()
    }

    fn names<'a>(caps: impl IntoIterator<Item = &'a Capability>) -> Vec<&'a str> {
        caps.into_iter().map(|c| c.name.as_str()).collect()
    }

    fn checkpoint(dora: [Vote; 4]) -> Checkpoint {
        let mut c = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
        c.add_participant("Ana").unwrap();
        c.add_participant("Ben").unwrap();
        let ids = ["lead-time", "deploy-frequency", "time-to-restore"];
        for (id, vote) in ids.iter().chain(&["change-failure-rate"]).zip(dora) {
            for p in ["Ana", "Ben"] {
                c.vote(&format!("dora.{id}"), p, vote);
            }
        }
        c
    }

    #[test]
    fn each_level_recommends_its_three_in_catalog_order() {
        let catalog = catalog();
        let level = |name| names(catalog.recommended(&catalog.find_level(name).unwrap().id));
        assert_eq!(
            level("elite"),
            [
                "Westrum organizational culture",
                "Monitoring and observability",
                "Working in small batches"
            ]
        );
        assert_eq!(
            level("High"),
            [
                "Learning culture",
                "Work in process limits",
                "Trunk-based development"
            ]
        );
        assert_eq!(
            level("MEDIUM"),
            [
                "Continuous integration",
                "Continuous delivery",
                "Loosely coupled architecture"
            ]
        );
        assert_eq!(
            level("low"),
            [
                "Continuous testing",
                "Cloud infrastructure",
                "Code maintainability"
            ]
        );
        assert!(catalog.find_level("great").is_none());
    }

    #[test]
    fn capabilities_are_found_by_id_short_id_or_name() {
        let catalog = catalog();
        for name in [
            "capabilities.continuous-delivery",
            "continuous-delivery",
            "Continuous Delivery",
        ] {
            assert_eq!(
                catalog.find_capability(name).map(|c| c.id.as_str()),
                Some("capabilities.continuous-delivery"),
                "{name}"
            );
        }
        assert!(catalog.find_capability("delivery").is_none());
    }

    #[test]
    fn the_walk_waits_for_the_level_and_says_why() {
        let catalog = catalog();
        let mut c = checkpoint([Vote::Value(5); 4]);
        c.clear_vote("dora.lead-time", "Ben");
        c.answers.remove("dora.deploy-frequency");
        for p in ["Ana", "Ben"] {
            c.vote("dora.time-to-restore", p, Vote::NotApplicable);
        }
        let walk = Walk::new(&catalog, &c, &[], true);
        assert!(walk.level.is_none());
        assert!(walk.recommended.is_empty());
        let why: Vec<(&str, Waiting)> = walk
            .waiting
            .iter()
            .map(|(q, w)| (q.id.as_str(), *w))
            .collect();
        assert_eq!(
            why,
            [
                ("dora.lead-time", Waiting::Hidden { voted: 1, of: 2 }),
                ("dora.deploy-frequency", Waiting::NoVotes),
                ("dora.time-to-restore", Waiting::NotApplicable),
            ]
        );
        // Not shared, every vote counts: Ana's hidden 5 too.
        let walk = Walk::new(&catalog, &c, &[], false);
        assert_eq!(walk.waiting.len(), 2);
    }

    #[test]
    fn a_participant_absent_for_the_dora_part_does_not_hold_the_level_back() {
        let catalog = catalog();
        let mut c = checkpoint([Vote::Value(5); 4]);
        // Written in without voting (as a hand-edited file can): the votes wait for Cy.
        c.participants.push("Cy".into());
        let walk = Walk::new(&catalog, &c, &[], true);
        assert!(walk.level.is_none());
        assert_eq!(walk.waiting[0].1, Waiting::Hidden { voted: 2, of: 3 });
        c.set_absent("dora", "Cy", true).unwrap();
        let walk = Walk::new(&catalog, &c, &[], true);
        assert_eq!(walk.level.map(|l| l.name.as_str()), Some("High"));
    }

    #[test]
    fn the_level_s_three_come_first_then_those_chosen_or_rated() {
        let catalog = catalog();
        let mut c = checkpoint([Vote::Value(5); 4]);
        let walk = Walk::new(&catalog, &c, &[], true);
        assert_eq!(walk.level.map(|l| l.name.as_str()), Some("High"));
        assert_eq!(walk.percentile, Some(77));
        assert!(walk.others.is_empty());
        // A statement rated and a capability chosen on purpose follow, in catalog order.
        c.vote(
            "capabilities.continuous-testing.every-commit",
            "Ana",
            Vote::Value(4),
        );
        let chosen = ["capabilities.westrum-culture".to_string()];
        let walk = Walk::new(&catalog, &c, &chosen, true);
        assert_eq!(
            names(walk.capabilities()),
            [
                "Learning culture",
                "Work in process limits",
                "Trunk-based development",
                "Westrum organizational culture",
                "Continuous testing",
            ]
        );
        assert!(walk.is_recommended("capabilities.wip-limits"));
        assert!(!walk.is_recommended("capabilities.westrum-culture"));
        assert_eq!(walk.in_set(&catalog, "capabilities").len(), 5);
        assert!(walk.in_set(&catalog, "dora").is_empty());
    }
}
