//! The report in the two rich forms the summary has: Confluence storage format (for `publish`
//! and the REST API) and one self-contained HTML page (to open in a browser, paste as rich
//! text, or mail). Both are written by the summary's XHTML writer, so every user string is
//! escaped in one place; each heatmap cell is a status lozenge coloured by its band. The HTML
//! page adds the levels by tribe as inline SVG bars; nothing is fetched from the network.

use std::fmt::Write as _;

use super::Report;
use super::cells::{self, Cell};
use super::markdown::GLANCE;
use crate::export::xhtml::{Colour, Flavour, Writer, push_text};

/// The lozenge colour of each band, lowest first.
pub const COLOURS: [Colour; cells::BANDS] =
    [Colour::Red, Colour::Yellow, Colour::Blue, Colour::Green];

/// The page's title.
pub fn title(report: &Report, scope: &str) -> String {
    format!("DevOps Checkpoints: {scope} | {}", report.today)
}

/// The whole HTML page.
pub fn render(report: &Report, scope: &str) -> String {
    let mut body = body(report, Flavour::Html);
    levels_svg(&mut body, report);
    crate::export::html::page(&title(report, scope), crate::export::GENERATOR, &body)
}

/// The page's body in `flavour`: what `--format confluence` writes and `publish` sends.
pub fn body(report: &Report, flavour: Flavour) -> String {
    let mut w = Writer::new(flavour);
    w.info(&format!(
        "{}. Each squad is compared with its own previous checkpoint and its target, never \
         with the other squads.",
        report.coverage()
    ));
    glance(&mut w, report);
    squads(&mut w, report);
    heatmap(&mut w, report);
    levels(&mut w, report);
    for (title, list) in [
        ("Most common next milestones", &report.milestones),
        ("Most common actions", &report.actions),
    ] {
        if list.is_empty() {
            continue;
        }
        w.heading(2, title);
        w.list(|w| {
            for (text, n) in list {
                w.item(|w| {
                    w.text(&format!("{text} ({})", super::count(*n, "squad")));
                });
            }
        });
    }
    if !report.skipped.is_empty() {
        w.heading(2, "Not read");
        w.list(|w| {
            for why in &report.skipped {
                w.item(|w| {
                    w.text(why);
                });
            }
        });
    }
    w.finish()
}

fn glance(w: &mut Writer, report: &Report) {
    w.heading(2, "At a glance");
    w.list(|w| {
        for (movement, label) in GLANCE {
            let names: Vec<&str> = report.moving(movement).map(|s| s.name.as_str()).collect();
            if !names.is_empty() {
                w.item(|w| {
                    w.strong(label)
                        .text(&format!(" ({}): {}", names.len(), names.join(", ")));
                });
            }
        }
        let stale: Vec<String> = report
            .stale()
            .map(|s| format!("{} (last {})", s.name, s.latest.date))
            .collect();
        if !stale.is_empty() {
            w.item(|w| {
                let months = usize::try_from(report.stale_months).unwrap_or(0);
                w.strong(&format!(
                    "No checkpoint for {}",
                    super::count(months, "month")
                ))
                .text(&format!(" ({}): {}", stale.len(), stale.join(", ")));
            });
        }
    });
}

fn squads(w: &mut Writer, report: &Report) {
    w.heading(2, "Squads");
    w.table(&cells::SQUAD_HEADERS, |w| {
        for squad in &report.squads {
            w.row(|w| {
                for text in cells::squad_row(squad, report.phases.len()) {
                    w.cell_text(&text);
                }
            });
        }
    });
}

/// A cell: the value in a lozenge of its band's colour, the change, and the target.
fn cell(w: &mut Writer, cell: &Cell) {
    w.cell(|w| {
        let colour = cell.band.map_or(Colour::Grey, |b| COLOURS[b]);
        w.status(colour, &cell.value);
        let mut rest = String::new();
        if !cell.arrow.is_empty() {
            let _ = write!(rest, " {}", cell.arrow);
        }
        match cell.on_target {
            Some(true) => rest.push_str(" ✓"),
            Some(false) => {
                let _ = write!(rest, " ✗ {}", cell.target.as_deref().unwrap_or_default());
            }
            None => {}
        }
        w.text(&rest);
    });
}

fn heatmap(w: &mut Writer, report: &Report) {
    w.heading(2, "Heatmap");
    w.para_text(
        "Baseline sections by level, phases by progress: red below Novice or under 25%, yellow \
         Novice or under 50%, blue Intermediate or under 75%, green Advanced or 75% or more; \
         grey not rated. ↑ ↓ = since the squad's previous checkpoint; ✓ meets its target, ✗ \
         below it.",
    );
    let mut headers: Vec<String> = vec!["Squad".to_string()];
    headers.extend(report.sections.iter().map(|(_, t)| t.clone()));
    headers.extend(
        report
            .phases
            .iter()
            .enumerate()
            .map(|(i, (_, t))| format!("Phase {}: {t}", i + 1)),
    );
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    w.table(&headers, |w| {
        for squad in &report.squads {
            w.row(|w| {
                w.cell_text(&squad.name);
                for c in cells::row(squad, &report.sections, &report.phases) {
                    cell(w, &c);
                }
            });
        }
    });
}

fn levels(w: &mut Writer, report: &Report) {
    let Some(first) = report.tribes.first() else {
        return;
    };
    w.heading(2, "DevOps maturity by tribe");
    let mut headers = vec!["Tribe", "Squads"];
    headers.extend(first.levels.iter().map(|(l, _)| l.as_str()));
    w.table(&headers, |w| {
        for tribe in &report.tribes {
            w.row(|w| {
                w.cell_text(cells::tribe_name(&tribe.name))
                    .cell_text(&tribe.squads.to_string());
                for (_, n) in &tribe.levels {
                    w.cell_text(&n.to_string());
                }
            });
        }
    });
}

/// The levels by tribe as one stacked bar per tribe, in inline SVG (HTML only).
fn levels_svg(out: &mut String, report: &Report) {
    const WIDTH: f64 = 480.0;
    const ROW: usize = 28;
    // The benchmark's levels, lowest first, then "not known".
    const PALETTE: [&str; 5] = ["#e06666", "#ffd966", "#6fa8dc", "#6aa84f", "#cccccc"];
    let Some(first) = report.tribes.first() else {
        return;
    };
    let colour = |i: usize| PALETTE[i.min(PALETTE.len() - 1)];
    let height = ROW * report.tribes.len() + 30;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\" \
         aria-label=\"DevOps maturity by tribe\">",
        WIDTH as usize + 180
    );
    for (row, tribe) in report.tribes.iter().enumerate() {
        let y = row * ROW;
        let _ = write!(out, "<text x=\"0\" y=\"{}\" font-size=\"13\">", y + 17);
        push_text(out, cells::tribe_name(&tribe.name));
        out.push_str("</text>");
        let mut x = 170.0;
        for (i, (level, n)) in tribe.levels.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let w = WIDTH * *n as f64 / tribe.squads.max(1) as f64;
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"20\" fill=\"{}\"><title>",
                y + 4,
                colour(i)
            );
            push_text(out, &format!("{level}: {n}"));
            out.push_str("</title></rect>");
            x += w;
        }
        out.push('\n');
    }
    let y = ROW * report.tribes.len() + 18;
    for (i, (level, _)) in first.levels.iter().enumerate() {
        let x = 170 + i * 90;
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{}\" y=\"{y}\" font-size=\"12\">",
            y - 9,
            colour(i),
            x + 14
        );
        push_text(out, level);
        out.push_str("</text>");
    }
    out.push_str("\n</svg>\n");
}
