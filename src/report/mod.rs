//! The organisation's report: every squad's latest checkpoint in one or more stores, each beside
//! the squad's previous one and its target, never ranked against the others (DORA warns
//! against league tables of teams).
//!
//! [`Report::gather`] reads the header of every checkpoint (a few kilobytes each), groups them by
//! squad, and parses only each squad's latest two in full; the renderers ([`markdown`],
//! [`html`]) only format what it found.

pub mod cells;
pub mod history;
pub mod html;
pub mod markdown;
pub mod scan;
mod tally;
pub mod targets;

use std::path::PathBuf;

use crate::assessment::Assessment;
use crate::checklist::Catalog;
use crate::history::{Change, Comparison, Measured, Snapshot, compare};
pub use scan::{Scan, Seen, tribe_of};
use tally::{most_common, parallel, same, tribes};
pub use targets::{Target, Targets};

/// How old a squad's latest checkpoint may be before the report says it has not checked in.
pub const STALE_MONTHS: i64 = 6;

/// What to report on.
#[derive(Debug, Clone)]
pub struct Options {
    /// Only this tribe's squads (case-insensitive).
    pub tribe: Option<String>,
    /// Only checkpoints on or after this date.
    pub since: Option<jiff::civil::Date>,
    /// The day the report is made, for "not checked in since".
    pub today: jiff::civil::Date,
    /// How many months without a checkpoint make a squad one that has not checked in
    /// ([`STALE_MONTHS`] by default).
    pub stale_months: i64,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    pub today: jiff::civil::Date,
    /// See [`Options::stale_months`].
    pub stale_months: i64,
    /// The baseline sections and phases, as the heatmap's columns: (id, title).
    pub sections: Vec<(String, String)>,
    pub phases: Vec<(String, String)>,
    /// Every squad, by tribe then name.
    pub squads: Vec<Squad>,
    /// Per tribe, how many squads are at each level (the benchmark's order, then "not known").
    pub tribes: Vec<Tribe>,
    /// The next milestones most squads work on, and how many squads: most common first.
    pub milestones: Vec<(String, usize)>,
    /// The actions most squads took, and how many squads: most common first.
    pub actions: Vec<(String, usize)>,
    /// Files that could not be read, with why.
    pub skipped: Vec<String>,
    /// How many checkpoint files were read (headers), and parsed in full.
    pub read: usize,
    pub parsed: usize,
}

pub use crate::text::count;

/// One squad: its latest checkpoint, the change since the one before, its target.
#[derive(Debug, Clone)]
pub struct Squad {
    pub name: String,
    pub tribe: String,
    pub latest: Snapshot,
    pub path: PathBuf,
    /// Every checkpoint of the squad in the report's range, newest first (the latest is
    /// `path`); only the first two were parsed.
    pub files: Vec<PathBuf>,
    /// The comparison with the previous checkpoint, when there is one.
    pub since: Option<Comparison>,
    /// How many checkpoints the squad has in the report's range.
    pub checkpoints: usize,
    /// Phases reached in the latest checkpoint.
    pub phase: usize,
    pub target: Target,
    pub stale: bool,
    /// The next milestones of its phase (their text).
    pub next: Vec<String>,
    pub actions: Vec<String>,
}

/// How a squad moved since its previous checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Movement {
    /// Its first checkpoint.
    First,
    Improving,
    /// Some up, some down.
    Mixed,
    Slipping,
    /// Nothing moved.
    Stuck,
}

impl Movement {
    pub fn label(self) -> &'static str {
        match self {
            Movement::First => "first checkpoint",
            Movement::Improving => "improving",
            Movement::Mixed => "mixed",
            Movement::Slipping => "slipping",
            Movement::Stuck => "stuck",
        }
    }
}

impl Squad {
    /// The change of a measure since the previous checkpoint.
    pub fn change(&self, measure: &Measured) -> Option<Change> {
        let rows = &self.since.as_ref()?.rows;
        rows.iter()
            .find(|r| &r.measure == measure)
            .map(|r| r.change)
    }

    /// Whether the squad improved, slipped or stayed where it was, over the level, the score,
    /// the baseline sections and the phases.
    pub fn movement(&self) -> Movement {
        let Some(since) = &self.since else {
            return Movement::First;
        };
        let counted = since
            .rows
            .iter()
            .filter(|r| !matches!(r.measure, Measured::Percentile));
        let (mut up, mut down) = (0, 0);
        for row in counted {
            match row.change {
                Change::Up | Change::New => up += 1,
                Change::Down | Change::Gone => down += 1,
                _ => {}
            }
        }
        match (up, down) {
            (0, 0) => Movement::Stuck,
            (_, 0) => Movement::Improving,
            (0, _) => Movement::Slipping,
            _ => Movement::Mixed,
        }
    }
}

/// One tribe's squads by level.
#[derive(Debug, Clone)]
pub struct Tribe {
    pub name: String,
    pub squads: usize,
    /// (level, squads), in the benchmark's order, then "not known".
    pub levels: Vec<(String, usize)>,
}

impl Report {
    /// Reads the stores in `dirs` and builds the report. `targets` are the stores' target
    /// files, already read.
    pub fn gather(
        dirs: &[PathBuf],
        catalog: &Catalog,
        targets: &Targets,
        options: &Options,
    ) -> Report {
        Report::build(Scan::read(dirs, options), catalog, targets, options)
    }

    /// Builds the report from the stores' headers already read: each squad's latest two
    /// checkpoints are parsed and scored, the squads spread over the cores.
    pub fn build(scan: Scan, catalog: &Catalog, targets: &Targets, options: &Options) -> Report {
        let Scan {
            squads: groups,
            mut skipped,
            read,
        } = scan;
        let parsed = groups.iter().map(|s| s.len().min(2)).sum();
        // Each squad is parsed and scored on its own: spread over the cores.
        let built = parallel(&groups, |seen| squad(catalog, targets, options, seen));
        let mut squads: Vec<Squad> = Vec::new();
        for result in built {
            match result {
                Ok(s) => squads.push(s),
                Err(e) => skipped.push(e),
            }
        }
        squads.sort_by(|a, b| {
            (a.tribe.to_lowercase(), a.name.to_lowercase())
                .cmp(&(b.tribe.to_lowercase(), b.name.to_lowercase()))
        });
        let pick = |list: &Vec<crate::history::Measure>| {
            list.iter()
                .map(|m| (m.id.clone(), m.title.clone()))
                .collect::<Vec<_>>()
        };
        let (sections, phases) = squads.first().map_or_else(
            || (Vec::new(), Vec::new()),
            |s| (pick(&s.latest.sections), pick(&s.latest.phases)),
        );
        Report {
            today: options.today,
            stale_months: options.stale_months,
            tribes: tribes(catalog, &squads),
            milestones: most_common(squads.iter().map(|s| &s.next)),
            actions: most_common(squads.iter().map(|s| &s.actions)),
            sections,
            phases,
            squads,
            skipped,
            read,
            parsed,
        }
    }

    /// The squads whose latest checkpoint is older than [`Options::stale_months`].
    pub fn stale(&self) -> impl Iterator<Item = &Squad> {
        self.squads.iter().filter(|s| s.stale)
    }

    /// What the report covers: `4 squads in 3 tribes, from 12 checkpoints`.
    pub fn coverage(&self) -> String {
        let checkpoints = self.squads.iter().map(|s| s.checkpoints).sum();
        format!(
            "{} in {}, from {}",
            count(self.squads.len(), "squad"),
            count(self.tribes.len(), "tribe"),
            count(checkpoints, "checkpoint")
        )
    }

    /// The squads that moved `movement` since their previous checkpoint.
    pub fn moving(&self, movement: Movement) -> impl Iterator<Item = &Squad> {
        self.squads.iter().filter(move |s| s.movement() == movement)
    }
}

/// Builds a squad from its checkpoints, newest first: only the first two are parsed.
fn squad(
    catalog: &Catalog,
    targets: &Targets,
    options: &Options,
    seen: &[Seen],
) -> Result<Squad, String> {
    let latest = &seen[0];
    let checkpoint = crate::checkpoint::load(&latest.path).map_err(|e| e.to_string())?;
    let (shown, _) = checkpoint.revealed_only();
    let assessment = Assessment::new(catalog, &shown);
    let snapshot = Snapshot::scored(catalog, &latest.name, &shown, &assessment);
    let previous = seen.get(1).and_then(|p| {
        let c = crate::checkpoint::load(&p.path).ok()?;
        Some(Snapshot::new(catalog, &p.name, &c))
    });
    let phases = assessment.phases.as_ref();
    let phase = phases_reached(&assessment);
    let next = phases.map_or_else(Vec::new, |p| {
        p.next.iter().map(|m| m.text.to_string()).collect()
    });
    let stale_after = options
        .today
        .checked_sub(jiff::Span::new().months(options.stale_months))
        .unwrap_or(options.today);
    Ok(Squad {
        target: targets.for_squad(&latest.squad, &latest.tribe),
        name: latest.squad.clone(),
        tribe: latest.tribe.clone(),
        since: previous.map(|p| compare(&p, &snapshot)),
        latest: snapshot,
        path: latest.path.clone(),
        files: seen.iter().map(|s| s.path.clone()).collect(),
        checkpoints: seen.len(),
        phase,
        stale: latest.date < stale_after,
        next,
        actions: shown
            .actions
            .iter()
            .map(|a| a.text.trim().to_string())
            .collect(),
    })
}

/// How many phases, from the first, the assessment reached.
pub fn phases_reached(assessment: &Assessment) -> usize {
    let phases = assessment.phases.as_ref();
    phases.map_or(0, |p| p.phases.iter().take_while(|p| p.reached).count())
}

/// A squad whose level is not known (a DORA question without a value).
pub const NOT_KNOWN: &str = "not known";

#[cfg(test)]
mod tests;
