//! Evidence for the four DORA questions from a git repository: release tags (or merges to the
//! main branch) stand for deployments, and the history around them points to an answer.
//!
//! [`git`] reads a repository with the `git` command into an [`Input`]: the deployments in a
//! window of days, each with the commits it shipped first. [`compute`] turns an `Input` into a
//! [`Report`] without touching git ([`frequency`] holds fourkeys' bucket rule), so every formula
//! is tested on lists made by hand. The report suggests an option per question, with the
//! evidence behind it; it never votes.

pub mod compute;
mod failure;
pub mod frequency;
pub mod git;
mod measure;
pub mod names;

pub use compute::{Finding, Report, report};

/// A commit as the evidence needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full object id.
    pub id: String,
    /// When it was committed (the committer date, which a rebase or a cherry-pick renews).
    pub at: jiff::Timestamp,
    /// How many parents it has: 2 or more is a merge.
    pub parents: usize,
    /// The whole message: subject, blank line, body.
    pub message: String,
}

impl Commit {
    /// The first line of the message.
    pub fn subject(&self) -> &str {
        self.message.lines().next().unwrap_or_default()
    }

    /// A merge commit.
    pub fn is_merge(&self) -> bool {
        self.parents > 1
    }
}

/// One deployment: a release tag, or a merge to the main branch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deployment {
    /// The tag's name, or the merge's short id.
    pub name: String,
    /// When it happened: the tag's date (the tagger's for an annotated tag, the commit's for a
    /// lightweight one), or the merge's committer date.
    pub at: jiff::Timestamp,
    /// The commits it shipped first: in it and in no earlier deployment.
    pub commits: Vec<Commit>,
    /// No deployment came before it, so its commits are the whole history before it.
    pub first_ever: bool,
}

/// A branch or a tag whose name says hotfix but that is not itself a deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub name: String,
    pub at: jiff::Timestamp,
}

/// The days the evidence covers, UTC, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub since: jiff::civil::Date,
    pub until: jiff::civil::Date,
    /// The day of the repository's first commit: days before it are not counted as days
    /// without deployments (fourkeys counts from the start of its data too).
    pub data_start: Option<jiff::civil::Date>,
}

impl Window {
    /// The first day counted: `since`, or the first commit's day when later.
    pub fn first_day(&self) -> jiff::civil::Date {
        match self.data_start {
            Some(start) if start > self.since => start.min(self.until),
            _ => self.since,
        }
    }

    /// How many days are counted.
    pub fn days(&self) -> i64 {
        i64::from((self.until - self.first_day()).get_days()) + 1
    }

    /// Whether `at` falls on a day of the window (UTC).
    pub fn holds(&self, at: jiff::Timestamp) -> bool {
        let day = day_of(at);
        day >= self.first_day() && day <= self.until
    }
}

/// The UTC day of a moment.
pub fn day_of(at: jiff::Timestamp) -> jiff::civil::Date {
    at.to_zoned(jiff::tz::TimeZone::UTC).date()
}

/// What the computation works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub window: Window,
    /// What was counted as a deployment, in words (`release tags …`, `merges to main …`).
    pub source: String,
    /// Whether the deployments are tags (hotfix and patch rules apply to their names).
    pub tags: bool,
    /// The deployments in the window, oldest first.
    pub deployments: Vec<Deployment>,
    /// Commits on the main branch that no deployment has shipped yet (up to the window's end).
    pub pending: Vec<Commit>,
    /// Hotfix branches and tags that are not deployments.
    pub hotfixes: Vec<Marker>,
    /// A patch release (x.y.Z, Z > 0) right after a release of the same x.y counts as a fix of
    /// it.
    pub patches_are_fixes: bool,
}

/// A `--since` value: `90d`, `12w`, `6m`, `1y`, or a date `YYYY-MM-DD`; the first day of the
/// window that ends on `until`, that day included.
pub fn since(text: &str, until: jiff::civil::Date) -> Result<jiff::civil::Date, String> {
    let text = text.trim();
    if text.len() == 10 && text.as_bytes().get(4) == Some(&b'-') {
        let date = crate::date::parse_date(text)?;
        if date > until {
            return Err(format!("--since {text} is after the window's end, {until}"));
        }
        return Ok(date);
    }
    let bad = || {
        format!(
            "`{text}` is not a period: write a number and d, w, m or y (90d, 12w, 6m, 1y), or a \
             date YYYY-MM-DD"
        )
    };
    let unit = text.chars().last().ok_or_else(bad)?;
    let n: i64 = text[..text.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| bad())?;
    if !(1..=10_000).contains(&n) {
        return Err(bad());
    }
    let span = match unit {
        'd' => jiff::Span::new().days(n),
        'w' => jiff::Span::new().weeks(n),
        'm' => jiff::Span::new().months(n),
        'y' => jiff::Span::new().years(n.min(100)),
        _ => return Err(bad()),
    };
    // `90d` is the 90 days that end on `until`: the first is 89 days before it.
    until
        .checked_sub(span)
        .and_then(|d| d.checked_add(jiff::Span::new().days(1)))
        .map_err(|_| bad())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn periods_end_on_the_last_day() {
        let until = date(2026, 11, 23);
        assert_eq!(since("90d", until), Ok(date(2026, 8, 26)));
        assert_eq!(since("1d", until), Ok(until));
        assert_eq!(since("2w", until), Ok(date(2026, 11, 10)));
        assert_eq!(since("3m", until), Ok(date(2026, 8, 24)));
        assert_eq!(since("1y", until), Ok(date(2025, 11, 24)));
        assert_eq!(since("2026-01-01", until), Ok(date(2026, 1, 1)));
        for bad in [
            "",
            "d",
            "0d",
            "-3d",
            "90",
            "90x",
            "2027-01-01",
            "2026-02-30",
        ] {
            assert!(since(bad, until).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_window_starts_at_the_first_commit_when_later() {
        let w = Window {
            since: date(2026, 1, 1),
            until: date(2026, 1, 31),
            data_start: Some(date(2026, 1, 10)),
        };
        assert_eq!(w.first_day(), date(2026, 1, 10));
        assert_eq!(w.days(), 22);
        let w = Window {
            data_start: Some(date(2025, 1, 1)),
            ..w
        };
        assert_eq!(w.days(), 31);
    }
}
