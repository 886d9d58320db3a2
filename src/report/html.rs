//! The report as one self-contained HTML page: inline CSS, the heatmap's bands as colours, the
//! levels by tribe as inline SVG bars; nothing is fetched from the network.

use std::fmt::Write;

use super::cells::{self, Cell};
use super::markdown::GLANCE;
use super::{Report, STALE_MONTHS};

/// A band's background, lowest first; "not rated" is grey.
pub const COLOURS: [&str; cells::BANDS] = ["#f4c7c3", "#fce8b2", "#d9ead3", "#93c47d"];
const GREY: &str = "#eeeeee";

/// `text` safe in HTML text and in a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() || crate::text::is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}\
table{border-collapse:collapse;margin:0 0 1.5rem}\
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}td.cell{text-align:center;white-space:nowrap}\
.miss{outline:2px solid #cc0000;outline-offset:-2px}.note{color:#555}";

/// The whole page.
pub fn render(report: &Report, scope: &str) -> String {
    let mut out = String::new();
    let title = format!("DevOps Checkpoints: {} | {}", escape(scope), report.today);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title}</title><style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n"
    );
    let _ = writeln!(
        out,
        "<p class=\"note\">{} squads in {} tribes, from {} checkpoints. Each squad is compared with \
         its own previous checkpoint and its target, never with the other squads.</p>",
        report.squads.len(),
        report.tribes.len(),
        report.read
    );
    glance(&mut out, report);
    squads(&mut out, report);
    heatmap(&mut out, report);
    levels(&mut out, report);
    for (title, list) in [
        ("Most common next milestones", &report.milestones),
        ("Most common actions", &report.actions),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{title}</h2>\n<ol>");
        for (text, n) in list {
            let _ = writeln!(out, "<li>{} ({n} squads)</li>", escape(text));
        }
        out.push_str("</ol>\n");
    }
    if !report.skipped.is_empty() {
        out.push_str("<h2>Not read</h2>\n<ul>\n");
        for why in &report.skipped {
            let _ = writeln!(out, "<li>{}</li>", escape(why));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    out
}

fn glance(out: &mut String, report: &Report) {
    out.push_str("<h2>At a glance</h2>\n<ul>\n");
    for (movement, label) in GLANCE {
        let names: Vec<String> = report.moving(movement).map(|s| escape(&s.name)).collect();
        if !names.is_empty() {
            let _ = writeln!(
                out,
                "<li><strong>{label}</strong> ({}): {}</li>",
                names.len(),
                names.join(", ")
            );
        }
    }
    let stale: Vec<String> = report
        .stale()
        .map(|s| format!("{} (last {})", escape(&s.name), s.latest.date))
        .collect();
    if !stale.is_empty() {
        let _ = writeln!(
            out,
            "<li><strong>No checkpoint for {STALE_MONTHS} months</strong> ({}): {}</li>",
            stale.len(),
            stale.join(", ")
        );
    }
    out.push_str("</ul>\n");
}

fn squads(out: &mut String, report: &Report) {
    out.push_str(
        "<h2>Squads</h2>\n<table><thead><tr><th>Tribe</th><th>Squad</th><th>Latest</th>\
         <th>DevOps maturity (DORA score)</th><th>Phases reached</th><th>Checkpoints</th>\
         <th>Since the one before</th></tr></thead><tbody>\n",
    );
    for squad in &report.squads {
        let (dora, arrow) = cells::dora(squad);
        let target = squad
            .target
            .phase
            .map(|p| format!(" (target {p})"))
            .unwrap_or_default();
        let stale = if squad.stale { " ⚠ old" } else { "" };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}{stale}</td><td>{} {arrow}</td><td>{} of {}{target}</td>\
             <td>{}</td><td>{}</td></tr>",
            escape(&squad.tribe),
            escape(&squad.name),
            squad.latest.date,
            escape(&dora),
            squad.phase,
            report.phases.len(),
            squad.checkpoints,
            squad.movement().label()
        );
    }
    out.push_str("</tbody></table>\n");
}

fn cell(cell: &Cell) -> String {
    let colour = cell.band.map_or(GREY, |b| COLOURS[b]);
    let (class, mark) = match cell.on_target {
        Some(true) => ("cell", " ✓".to_string()),
        Some(false) => (
            "cell miss",
            format!(" ✗ {}", escape(cell.target.as_deref().unwrap_or_default())),
        ),
        None => ("cell", String::new()),
    };
    format!(
        "<td class=\"{class}\" style=\"background:{colour}\">{} {}{mark}</td>",
        escape(&cell.value),
        cell.arrow
    )
}

fn heatmap(out: &mut String, report: &Report) {
    out.push_str("<h2>Heatmap</h2>\n");
    let legend: Vec<String> = [
        "below Novice / under 25%",
        "Novice / under 50%",
        "Intermediate / under 75%",
        "Advanced / 75% or more",
    ]
    .iter()
    .zip(COLOURS)
    .map(|(label, colour)| {
        format!("<span style=\"background:{colour};padding:0 .4rem\">{label}</span>")
    })
    .collect();
    let _ = writeln!(
        out,
        "<p class=\"note\">Baseline sections by level, phases by progress: {}. ↑ ↓ = since the \
         squad's previous checkpoint; ✓ meets its target, ✗ (outlined) below it.</p>",
        legend.join(" ")
    );
    out.push_str("<table><thead><tr><th>Squad</th>");
    for (_, title) in &report.sections {
        let _ = write!(out, "<th>{}</th>", escape(title));
    }
    for (i, (_, title)) in report.phases.iter().enumerate() {
        let _ = write!(out, "<th>Phase {}: {}</th>", i + 1, escape(title));
    }
    out.push_str("</tr></thead><tbody>\n");
    for squad in &report.squads {
        let row: String = cells::row(squad, &report.sections, &report.phases)
            .iter()
            .map(cell)
            .collect();
        let _ = writeln!(out, "<tr><th>{}</th>{row}</tr>", escape(&squad.name));
    }
    out.push_str("</tbody></table>\n");
}

/// Levels by tribe: one stacked bar per tribe, in inline SVG.
fn levels(out: &mut String, report: &Report) {
    if report.tribes.is_empty() {
        return;
    }
    out.push_str("<h2>DevOps maturity by tribe</h2>\n");
    const WIDTH: f64 = 480.0;
    const ROW: usize = 28;
    // The benchmark's levels, lowest first, then "not known".
    let palette = ["#e06666", "#ffd966", "#93c47d", "#6aa84f", "#cccccc"];
    let height = ROW * report.tribes.len() + 30;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\">",
        WIDTH as usize + 180
    );
    for (row, tribe) in report.tribes.iter().enumerate() {
        let y = row * ROW;
        let name = if tribe.name.is_empty() {
            "(no tribe)"
        } else {
            &tribe.name
        };
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{}</text>",
            y + 17,
            escape(name)
        );
        let mut x = 170.0;
        for (i, (level, n)) in tribe.levels.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let w = WIDTH * *n as f64 / tribe.squads.max(1) as f64;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"20\" fill=\"{}\"><title>{}: {n}</title></rect>",
                y + 4,
                palette[i.min(palette.len() - 1)],
                escape(level)
            );
            x += w;
        }
        out.push('\n');
    }
    // The legend under the bars.
    let y = ROW * report.tribes.len() + 18;
    let mut x = 170;
    for (i, (level, _)) in report.tribes[0].levels.iter().enumerate() {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{y}\" font-size=\"12\">{}</text>",
            y - 9,
            palette[i.min(palette.len() - 1)],
            x + 14,
            escape(level)
        );
        x += 90;
    }
    out.push_str("\n</svg>\n<table><thead><tr><th>Tribe</th><th>Squads</th>");
    for (level, _) in &report.tribes[0].levels {
        let _ = write!(out, "<th>{}</th>", escape(level));
    }
    out.push_str("</tr></thead><tbody>\n");
    for tribe in &report.tribes {
        let counts: String = tribe
            .levels
            .iter()
            .map(|(_, n)| format!("<td>{n}</td>"))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td>{counts}</tr>",
            escape(&tribe.name),
            tribe.squads
        );
    }
    out.push_str("</tbody></table>\n");
}
