//! Draws the organisation view ([`crate::tui::organisation`]): the squads × measures heatmap
//! with the report's cells ([`crate::report::cells`]: band, value, arrow, target), or the
//! drill-down into one squad's checkpoints.
//!
//! ```text
//!  title:   Organisation: N squads in T tribes, from C checkpoints in <store>
//!  glance:  how many improve, are stuck, have not checked in
//!  table:   Tribe  Squad  Latest  Level  <a cell per baseline section>  <per phase>
//!  legend:  the bands' symbols, the arrows, the target marks
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use crate::history::Snapshot;
use crate::report::cells::{self, NOT_RATED, SYMBOLS};
use crate::report::{Movement, STALE_MONTHS, Squad};
use crate::tui::model::Model;
use crate::tui::organisation::{Drill, State};
use crate::tui::theme::Theme;
use crate::tui::widgets::{count, truncate};

/// Below this width the Latest column gives its room to the names.
const WITH_DATES: u16 = 96;

/// Section cells (`◑ 2.0↑✓`) and phase cells (`● 100%↑✓`).
const SECTION: u16 = 7;
const PHASE: u16 = 8;

/// Draws the view.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let area = area.inner(Margin::new(1, 0));
    let [title, glance, _, table, legend] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let tribes = {
        let mut names: Vec<String> = state
            .squads
            .iter()
            .map(|s| s.tribe.to_lowercase())
            .collect();
        names.dedup();
        names.len()
    };
    let mut heading = format!(
        "Organisation: {} in {}, from {} in {}",
        count(state.squads.len(), "squad", "squads"),
        count(tribes, "tribe", "tribes"),
        count(state.read, "checkpoint", "checkpoints"),
        model.store.dir().display()
    );
    if state.skipped > 0 {
        heading.push_str(&format!(" ({} unreadable)", state.skipped));
    }
    frame.render_widget(Paragraph::new(Line::styled(heading, theme.title)), title);
    frame.render_widget(Paragraph::new(glance_line(state, theme)), glance);
    if let Some(drill) = &state.drill {
        render_drill(frame, table, model, state, drill);
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Enter resumes the selected checkpoint · Esc back to every squad",
                theme.dim,
            )),
            legend,
        );
        return;
    }
    if state.squads.is_empty() {
        let text = format!("No checkpoints in {}", model.store.dir().display());
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), table);
        return;
    }
    render_squads(frame, table, model, state);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "{} below 1  {} 1  {} 2  {} 3 (phases by quarters) · ↑ ↓ = since the previous \
                 checkpoint · ✓ ✗ target",
                SYMBOLS[0], SYMBOLS[1], SYMBOLS[2], SYMBOLS[3]
            ),
            theme.dim,
        )),
        legend,
    );
}

/// How many squads improve, are stuck, and have not checked in; or that they are being scored.
fn glance_line(state: &State, theme: &Theme) -> Line<'static> {
    let Some(loaded) = state.loaded() else {
        return Line::styled(
            format!(
                "Scoring each squad's latest checkpoints… ({} to score)",
                state.squads.len()
            ),
            theme.dim,
        );
    };
    let report = &loaded.report;
    let mut spans = Vec::new();
    for movement in [
        Movement::Improving,
        Movement::Mixed,
        Movement::Stuck,
        Movement::Slipping,
        Movement::First,
    ] {
        let n = report.moving(movement).count();
        spans.push(Span::styled(n.to_string(), theme.title));
        spans.push(Span::raw(format!(" {} · ", movement.label())));
    }
    spans.push(Span::styled(
        report.stale().count().to_string(),
        theme.title,
    ));
    spans.push(Span::raw(format!(
        " not checked in for {STALE_MONTHS} months"
    )));
    Line::from(spans)
}

/// The heatmap's column widths after the names: (latest date?, level, the cells).
fn columns(width: u16, sections: usize, phases: usize) -> (bool, Vec<Constraint>) {
    let dates = width >= WITH_DATES;
    let mut widths = vec![Constraint::Fill(1), Constraint::Fill(1)];
    if dates {
        widths.push(Constraint::Length(10));
    }
    widths.push(Constraint::Length(9));
    widths.extend(std::iter::repeat_n(Constraint::Length(SECTION), sections));
    widths.extend(std::iter::repeat_n(Constraint::Length(PHASE), phases));
    (dates, widths)
}

/// The header's titles of the sections and phases, cut to their cells.
fn measure_titles(model: &Model, state: &State) -> (Vec<String>, Vec<String>) {
    let cut = |t: &str, w: u16| truncate(t, usize::from(w));
    match state.loaded() {
        Some(l) if !l.report.sections.is_empty() => (
            l.report
                .sections
                .iter()
                .map(|(_, t)| cut(t, SECTION))
                .collect(),
            (1..=l.report.phases.len())
                .map(|i| format!("Phase {i}"))
                .collect(),
        ),
        _ => (
            model
                .catalog
                .sections()
                .map(|s| cut(&s.title, SECTION))
                .collect(),
            (1..=model.catalog.board().map_or(0, |b| b.phases.len()))
                .map(|i| format!("Phase {i}"))
                .collect(),
        ),
    }
}

fn render_squads(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let (sections, phases) = measure_titles(model, state);
    let (dates, widths) = columns(area.width.saturating_sub(2), sections.len(), phases.len());
    let mut header = vec!["Tribe".to_string(), "Squad".to_string()];
    if dates {
        header.push("Latest".into());
    }
    header.push("Level".into());
    header.extend(sections.iter().cloned());
    header.extend(phases.iter().cloned());
    let loaded = state.loaded();
    let measures = sections.len() + phases.len();
    let rows = state.squads.iter().enumerate().map(|(i, listed)| {
        let squad = loaded.and_then(|l| Some(&l.report.squads[(*l.rows.get(i)?)?]));
        let mut row = vec![
            Cell::from(listed.tribe.clone()),
            Cell::from(listed.name.clone()),
        ];
        if dates {
            let style = if squad.is_some_and(|s| s.stale) {
                theme.warn
            } else {
                theme.text
            };
            row.push(Cell::from(Span::styled(listed.latest.to_string(), style)));
        }
        match (loaded, squad) {
            (None, _) => {
                row.extend((0..=measures).map(|_| Cell::from(Span::styled("…", theme.dim))));
            }
            (Some(_), None) => row.push(Cell::from(Span::styled("unreadable", theme.dim))),
            (Some(l), Some(squad)) => {
                row.push(Cell::from(level(squad)));
                let cells = cells::row(squad, &l.report.sections, &l.report.phases);
                row.extend(cells.iter().map(|c| heat_cell(c, theme)));
            }
        }
        Row::new(row)
    });
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.dim))
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut table_state = TableState::new().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, area, &mut table_state);
}

/// `High ↑`: the level and the change of the level (else of the score).
fn level(squad: &Squad) -> String {
    let (_, arrow) = cells::dora(squad);
    let level = squad.latest.level.as_deref().unwrap_or("–");
    format!("{level} {arrow}").trim_end().to_string()
}

/// One heatmap cell: the band's symbol and style, the value, the arrow, the target's mark.
fn heat_cell(cell: &cells::Cell, theme: &Theme) -> Cell<'static> {
    let symbol = cell.band.map_or(NOT_RATED, |b| SYMBOLS[b]);
    let style = cell.band.map_or(theme.dim, |b| theme.bands[b]);
    let mark = match cell.on_target {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "",
    };
    Cell::from(Span::styled(
        format!("{symbol} {}{}{mark}", cell.value, cell.arrow),
        style,
    ))
}

/// The drill-down: every checkpoint of the squad, newest first.
fn render_drill(frame: &mut Frame, area: Rect, model: &Model, state: &State, drill: &Drill) {
    let theme = &model.theme;
    let (sections, phases) = measure_titles(model, state);
    let [title, table] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            format!(
                "{} · {} · {}",
                drill.squad,
                if drill.tribe.is_empty() {
                    "no tribe"
                } else {
                    &drill.tribe
                },
                count(drill.past.len(), "checkpoint", "checkpoints")
            ),
            theme.highlight,
        )),
        title,
    );
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(9),
        Constraint::Length(5),
    ];
    widths.extend(std::iter::repeat_n(
        Constraint::Length(SECTION),
        sections.len(),
    ));
    widths.extend(std::iter::repeat_n(Constraint::Length(PHASE), phases.len()));
    widths.push(Constraint::Fill(1));
    let mut header = vec!["Date".to_string(), "Level".into(), "Score".into()];
    header.extend(sections);
    header.extend(phases);
    header.push("File".into());
    let rows = drill.past.iter().map(|past| {
        let file = past
            .path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match &past.scored {
            Ok(s) => Row::new(
                snapshot_cells(s, theme)
                    .into_iter()
                    .chain([Cell::from(file)]),
            ),
            Err(e) => Row::new([
                Cell::from(Span::styled("unreadable", theme.error)),
                Cell::from(Span::styled(e.clone(), theme.dim)),
            ]),
        }
    });
    let table_widget = Table::new(rows, widths)
        .header(Row::new(header).style(theme.dim))
        .row_highlight_style(theme.selected)
        .highlight_symbol("› ");
    let mut table_state = TableState::new().with_selected(Some(drill.selected));
    frame.render_stateful_widget(table_widget, table, &mut table_state);
}

/// A past checkpoint's cells: date, level, score, then each section's and phase's cell.
fn snapshot_cells(s: &Snapshot, theme: &Theme) -> Vec<Cell<'static>> {
    let mut row = vec![
        Cell::from(s.date.to_string()),
        Cell::from(s.level.clone().unwrap_or_else(|| "–".into())),
        Cell::from(s.score.map_or("–".into(), |v| crate::number::fixed(v, 2))),
    ];
    row.extend(cells::snapshot(s).iter().map(|c| heat_cell(c, theme)));
    row
}
