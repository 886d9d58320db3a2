//! Two snapshots side by side: each measure before and after, its change judged at the precision
//! shown, and the comparison as the markdown `checkpoint compare` prints.

use serde::Serialize;

pub use super::row::{Change, Measured, Row};
use super::row::{Unit, number_row, score_row};
use super::row::{missing, same};
use super::{MISSING, Measure, Snapshot};
use crate::checklist::DoraModel;
use crate::export::markdown::escape;

/// Two checkpoints side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub before: Snapshot,
    pub after: Snapshot,
    pub rows: Vec<Row>,
}

/// Compares two snapshots. "Same" means equal at the displayed precision (score 2 decimals,
/// sections 1 decimal, phases whole percent), so the table never says "up" next to two equal
/// numbers. Sections and phases are matched by id; one only on one side is New or Gone.
pub fn compare(before: &Snapshot, after: &Snapshot) -> Comparison {
    let mut rows = match (before.model, after.model) {
        (b, a) if b != a => super::models::switched(before, after),
        (_, DoraModel::V2025) => super::models::rows_2025(before, after),
        _ => dora_2019_rows(before, after),
    };
    for (_, id, title, b, a) in matched(&before.sections, &after.sections) {
        rows.push(Row {
            measure: Measured::Section(id.to_string()),
            ..number_row(&format!("Baseline: {title}"), Unit::Section, b, a)
        });
    }
    for (number, id, title, b, a) in matched(&before.phases, &after.phases) {
        rows.push(Row {
            measure: Measured::Phase(id.to_string()),
            ..number_row(&format!("Phase {number}: {title}"), Unit::Percent, b, a)
        });
    }
    Comparison {
        before: before.clone(),
        after: after.clone(),
        rows,
    }
}

/// The 2019 DORA rows: the score, the level and the percentile.
fn dora_2019_rows(before: &Snapshot, after: &Snapshot) -> Vec<Row> {
    let percent = |p: Option<u8>| p.map(|p| f64::from(p) / 100.0);
    vec![
        score_row("DORA score", Unit::Score, before, after),
        level_row(before, after),
        Row {
            measure: Measured::Percentile,
            ..number_row(
                "Performing better than",
                Unit::Percent,
                percent(before.percentile),
                percent(after.percentile),
            )
        },
    ]
}

/// A matched measure: its 1-based position, id, title and the two values.
type Matched<'a> = (usize, &'a str, &'a str, Option<f64>, Option<f64>);

/// Measures matched by id, in `after`'s order, then those only `before` has: each with its
/// 1-based position (in `after`, else in `before`), its id, its title (`after`'s when both have
/// it) and the two values.
fn matched<'a>(before: &'a [Measure], after: &'a [Measure]) -> Vec<Matched<'a>> {
    let find = |list: &'a [Measure], id: &str| list.iter().find(|m| m.id == id);
    let both = after.iter().enumerate().map(|(i, a)| {
        let b = find(before, &a.id).and_then(|b| b.value);
        (i + 1, a.id.as_str(), a.title.as_str(), b, a.value)
    });
    let gone = before
        .iter()
        .enumerate()
        .filter(|(_, b)| find(after, &b.id).is_none())
        .map(|(i, b)| (i + 1, b.id.as_str(), b.title.as_str(), b.value, None));
    both.chain(gone).collect()
}

/// The "DevOps maturity" row: the level's name, up or down by its rank in the benchmark.
fn level_row(before: &Snapshot, after: &Snapshot) -> Row {
    let (change, text) = match (&before.level, &after.level) {
        (Some(b), Some(a)) => match before.level_rank.zip(after.level_rank) {
            Some((rb, ra)) if ra > rb => (Change::Up, "↑ up".to_string()),
            Some((rb, ra)) if ra < rb => (Change::Down, "↓ down".to_string()),
            Some(_) => same(),
            None if a == b => same(),
            None => (Change::Unknown, "changed".to_string()),
        },
        (b, a) => missing(b.is_some(), a.is_some()),
    };
    let shown = |level: &Option<String>| level.clone().unwrap_or_else(|| MISSING.to_string());
    Row {
        label: "DevOps maturity".to_string(),
        before: shown(&before.level),
        after: shown(&after.level),
        change,
        text,
        measure: Measured::Level,
    }
}

/// Whether two squad names name the same squad: trimmed, case-insensitively.
pub(crate) fn same_squad(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The comparison as markdown: a heading "## <Squad>: <before date> → <after date>", then a
/// table `| | <before date> | <after date> | Change |` with every row. This is what
/// `checkpoint compare` prints.
pub fn markdown(comparison: &Comparison) -> String {
    let (before, after) = (&comparison.before, &comparison.after);
    let squad = |s: &str| match escape(s) {
        s if s.is_empty() => "DevOps checkpoints".to_string(),
        s => s,
    };
    let heading = if same_squad(&before.squad, &after.squad) {
        format!(
            "## {}: {} → {}",
            squad(&before.squad),
            before.date,
            after.date
        )
    } else {
        format!(
            "## {} {} → {} {}",
            squad(&before.squad),
            before.date,
            squad(&after.squad),
            after.date
        )
    };
    let (left, right) = column_headings(before, after);
    let mut out = format!(
        "{heading}\n\n| | {} | {} | Change |\n|---|---:|---:|---|\n",
        escape(&left),
        escape(&right)
    );
    for row in &comparison.rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            escape(&row.label),
            escape(&row.before),
            escape(&row.after),
            escape(&row.text)
        ));
    }
    out
}

/// The table's column headings: the dates, or the names when both are on one day.
fn column_headings(before: &Snapshot, after: &Snapshot) -> (String, String) {
    if before.date != after.date {
        (before.date.to_string(), after.date.to_string())
    } else if before.name != after.name && !before.name.is_empty() && !after.name.is_empty() {
        (before.name.clone(), after.name.clone())
    } else {
        ("Before".to_string(), "After".to_string())
    }
}
