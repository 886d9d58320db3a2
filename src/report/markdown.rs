//! The report as GitHub-flavoured markdown: symbols for the heatmap's bands, every user's text
//! escaped by the summary's one rule.

use std::fmt::Write;

use super::cells::{self, Cell, NOT_RATED, SYMBOLS};
use super::{Movement, Report, count};
use crate::export::markdown::escape;

/// What the report covers, for its title: the tribe asked for, else every squad.
pub fn scope(tribe: Option<&str>) -> String {
    match tribe {
        Some(t) => format!("{} tribe", t.trim()),
        None => "every squad".to_string(),
    }
}

/// The order the glance lists the squads in, with what each line says.
pub const GLANCE: [(Movement, &str); 5] = [
    (Movement::Improving, "Improving"),
    (Movement::Mixed, "Some up, some down"),
    (Movement::Stuck, "Stuck (nothing moved)"),
    (Movement::Slipping, "Slipping"),
    (Movement::First, "First checkpoint"),
];

/// The whole page.
pub fn render(report: &Report, scope: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# DevOps Checkpoints: {} | {}\n",
        escape(scope),
        report.today
    );
    let _ = writeln!(
        out,
        "{}. Each squad is compared with its own previous checkpoint and its target, never \
         with the other squads.\n",
        report.coverage()
    );
    glance(&mut out, report);
    squads(&mut out, report);
    heatmap(&mut out, report);
    levels(&mut out, report);
    heading(&mut out, report);
    if !report.skipped.is_empty() {
        let _ = writeln!(out, "## Not read\n");
        for why in &report.skipped {
            let _ = writeln!(out, "- {}", escape(why));
        }
        out.push('\n');
    }
    out
}

fn names<'a>(squads: impl Iterator<Item = &'a super::Squad>) -> (usize, String) {
    let names: Vec<String> = squads.map(|s| escape(&s.name)).collect();
    (names.len(), names.join(", "))
}

fn glance(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## At a glance\n");
    for (movement, label) in GLANCE {
        let (n, names) = names(report.moving(movement));
        if n > 0 {
            let _ = writeln!(out, "- **{label}** ({n}): {names}");
        }
    }
    let stale: Vec<String> = report
        .stale()
        .map(|s| format!("{} (last {})", escape(&s.name), s.latest.date))
        .collect();
    if !stale.is_empty() {
        let _ = writeln!(
            out,
            "- **No checkpoint for {}** ({}): {}",
            count(usize::try_from(report.stale_months).unwrap_or(0), "month"),
            stale.len(),
            stale.join(", ")
        );
    }
    out.push('\n');
}

fn squads(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## Squads\n");
    let _ = writeln!(
        out,
        "| {} |\n|{}",
        cells::SQUAD_HEADERS.join(" | "),
        "---|".repeat(cells::SQUAD_HEADERS.len())
    );
    for squad in &report.squads {
        let row = cells::squad_row(squad, report.phases.len()).map(|c| escape(&c));
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

/// A cell as markdown: `◑ 2.1 ↑ ✓`.
fn cell(cell: &Cell) -> String {
    let symbol = cell.band.map_or(NOT_RATED, |b| SYMBOLS[b]);
    let mut text = format!("{symbol} {}", cell.value);
    if !cell.arrow.is_empty() {
        text.push(' ');
        text.push_str(cell.arrow);
    }
    match cell.on_target {
        Some(true) => text.push_str(" ✓"),
        Some(false) => {
            let _ = write!(text, " ✗ {}", cell.target.as_deref().unwrap_or_default());
        }
        None => {}
    }
    text
}

fn heatmap(out: &mut String, report: &Report) {
    let _ = writeln!(out, "## Heatmap\n");
    let _ = writeln!(
        out,
        "Baseline sections by level (○ below Novice, ◔ Novice, ◑ Intermediate, ● Advanced); \
         phases by progress (○ under 25%, ◔ under 50%, ◑ under 75%, ● 75% or more); · not \
         rated. ↑ ↓ = since the squad's previous checkpoint; ✓ meets its target, ✗ below it.\n"
    );
    let mut head = String::from("| Squad |");
    let mut rule = String::from("|---|");
    for (_, title) in &report.sections {
        let _ = write!(head, " {} |", escape(title));
        rule.push_str("---|");
    }
    for (i, (_, title)) in report.phases.iter().enumerate() {
        let _ = write!(head, " Phase {}: {} |", i + 1, escape(title));
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{head}\n{rule}");
    for squad in &report.squads {
        let row: Vec<String> = cells::row(squad, &report.sections, &report.phases)
            .iter()
            .map(cell)
            .collect();
        let _ = writeln!(out, "| {} | {} |", escape(&squad.name), row.join(" | "));
    }
    out.push('\n');
}

fn levels(out: &mut String, report: &Report) {
    let Some(first) = report.tribes.first() else {
        return;
    };
    let _ = writeln!(out, "## DevOps maturity by tribe\n");
    let mut head = String::from("| Tribe | Squads |");
    let mut rule = String::from("|---|---|");
    for (level, _) in &first.levels {
        let _ = write!(head, " {} |", escape(level));
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{head}\n{rule}");
    for tribe in &report.tribes {
        let name = escape(cells::tribe_name(&tribe.name));
        let counts: Vec<String> = tribe.levels.iter().map(|(_, n)| n.to_string()).collect();
        let _ = writeln!(
            out,
            "| {name} | {} | {} |",
            tribe.squads,
            counts.join(" | ")
        );
    }
    out.push('\n');
}

fn heading(out: &mut String, report: &Report) {
    for (title, list) in [
        ("Most common next milestones", &report.milestones),
        ("Most common actions", &report.actions),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        for (i, (text, n)) in list.iter().enumerate() {
            let _ = writeln!(out, "{}. {} ({})", i + 1, escape(text), count(*n, "squad"));
        }
        out.push('\n');
    }
}
