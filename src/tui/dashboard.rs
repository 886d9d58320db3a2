//! What the results dashboard shows, scored from the open checkpoint once per change (not once
//! per frame): the DORA level against the 2019 shares, the capabilities to work on, the
//! baseline's section scores, the questions where the squad disagrees, and what changed since
//! the squad's last checkpoint.

use ratatui::text::Span;

use crate::assessment::{Assessment, QuestionResult};
use crate::history::{Change, Comparison, Measured, Row, Snapshot};
use crate::tui::model::Model;
use crate::tui::theme::Theme;

/// What the dashboard shows, scored from the checkpoint.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub level: Option<String>,
    pub score: Option<f64>,
    pub percentile: Option<u8>,
    pub answered: usize,
    pub questions: usize,
    /// Each 2019 level: name, share in percent, whether it is the squad's.
    pub shares: Vec<(String, f64, bool)>,
    /// How scores map to levels: `Low ≤3.5 · Medium ≤4.4 · High ≤5.2 · Elite above`.
    pub bands: String,
    /// The phase the squad works on; `Some(None)` when every phase is reached.
    pub working_on: Option<Option<String>>,
    /// Name, score in percent, focus first.
    pub capabilities: Vec<(String, Option<f64>, bool)>,
    pub sections: Vec<Section>,
    pub discussion: Vec<Flag>,
    /// Questions whose votes are still hidden, left out of everything above.
    pub hidden: usize,
    /// What changed since the squad's last checkpoint, with each row's trend across all its
    /// checkpoints.
    pub since: Option<Box<Since>>,
    /// On the 2025 DORA model, its lines in place of the level's.
    pub quick: Option<crate::tui::quick::Quick>,
    /// The phase the squad's target (`targets.yaml`) aims at, the phases reached, and whether
    /// that meets it.
    pub phase_target: Option<PhaseTarget>,
}

/// The target phase against the phases reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseTarget {
    pub target: usize,
    pub reached: usize,
    pub phases: usize,
    pub met: bool,
}

/// The comparison with the last checkpoint, and a sparkline per row.
#[derive(Debug, Clone)]
pub struct Since {
    pub comparison: Comparison,
    pub trends: Vec<String>,
    /// How many checkpoints the trends run across.
    pub checkpoints: usize,
}

impl Since {
    /// The row of a measure.
    pub fn row(&self, measure: &Measured) -> Option<(&Row, &str)> {
        let at = self
            .comparison
            .rows
            .iter()
            .position(|r| r.measure == *measure)?;
        Some((&self.comparison.rows[at], self.trends.get(at)?.as_str()))
    }
}

/// A baseline section and its items.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    /// The squad's target for the section, and whether the score meets it.
    pub target: Option<(f64, Option<bool>)>,
    /// Question id, name, value, the value's label.
    pub items: Vec<(String, String, Option<f64>, String)>,
}

/// A question whose votes are far apart.
#[derive(Debug, Clone, Default)]
pub struct Flag {
    pub id: String,
    pub part: String,
    pub name: String,
    pub votes: String,
    pub agreed: Option<String>,
}

impl View {
    /// Scores the open checkpoint.
    pub fn new(model: &Model) -> View {
        let Some((c, hidden)) = model.shown() else {
            return View::default();
        };
        let a = Assessment::new(&model.catalog, &c);
        let since = model.work.as_ref().and_then(|work| {
            let last = work.history.last()?;
            let name = work.path.as_deref().and_then(|p| p.file_stem());
            let name = name.map(|n| n.to_string_lossy()).unwrap_or_default();
            let now = Snapshot::scored(&model.catalog, &name, &c, &a);
            let comparison = crate::history::compare(last, &now);
            let all = work.history.trend(&now);
            let levels = model.catalog.benchmark().levels.len();
            let trends = comparison
                .rows
                .iter()
                .map(|r| crate::history::trend(&all, r, levels))
                .collect();
            Some(Box::new(Since {
                comparison,
                trends,
                checkpoints: all.len(),
            }))
        });
        let target = model.work.as_ref().map(|w| &w.target);
        let phase_target = target.and_then(|t| {
            let reached = crate::report::phases_reached(&a);
            Some(PhaseTarget {
                target: t.phase?,
                reached,
                phases: a.phases.as_ref().map_or(0, |p| p.phases.len()),
                met: t.phase_met(reached)?,
            })
        });
        let dora = &a.dora;
        let mine = dora.level.as_ref().map(|l| l.id);
        let item = |q: &QuestionResult| {
            let label = q.value_label.unwrap_or("").to_string();
            (q.id.to_string(), q.name.to_string(), q.value, label)
        };
        View {
            level: dora.level.as_ref().map(|l| l.name.to_string()),
            score: dora.score,
            percentile: dora.percentile,
            answered: dora.answered,
            questions: dora.questions.len(),
            shares: dora
                .shares
                .iter()
                .map(|s| (s.name.to_string(), s.share, Some(s.id) == mine))
                .collect(),
            bands: model
                .catalog
                .benchmark()
                .levels
                .iter()
                .map(|l| match l.max_score {
                    Some(max) => format!("{} ≤{max}", l.name),
                    None => format!("{} above", l.name),
                })
                .collect::<Vec<_>>()
                .join(" · "),
            working_on: a
                .phases
                .as_ref()
                .map(|p| p.working_on.map(|i| p.phases[i].title.to_string())),
            capabilities: a
                .capabilities
                .iter()
                .map(|cap| (cap.name.to_string(), cap.score, cap.focus_first))
                .collect(),
            sections: a
                .baseline
                .iter()
                .map(|s| Section {
                    id: s.id.to_string(),
                    title: s.title.to_string(),
                    score: s.score,
                    target: target.and_then(|t| {
                        let aim = t.sections.get(s.id)?;
                        Some((*aim, t.section_met(s.id, s.score)))
                    }),
                    items: s.items.iter().map(item).collect(),
                })
                .collect(),
            discussion: a
                .discussion
                .iter()
                .map(|q| Flag {
                    id: q.id.to_string(),
                    part: model
                        .locate(q.id)
                        .and_then(|(p, _)| model.parts.get(p))
                        .map_or(String::new(), |p| p.title.clone()),
                    name: q.name.to_string(),
                    votes: q
                        .votes
                        .iter()
                        .map(|(_, v)| v.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    agreed: q.agreed.map(|v| v.to_string()),
                })
                .collect(),
            hidden,
            since,
            quick: crate::tui::quick::lines(dora),
            phase_target,
        }
    }
}

/// A row's change, coloured by its direction.
pub fn change_span(row: &Row, theme: &Theme) -> Span<'static> {
    let style = match row.change {
        Change::Up => theme.good,
        Change::Down => theme.warn,
        _ => theme.dim,
    };
    Span::styled(row.text.clone(), style)
}
