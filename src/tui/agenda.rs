//! The agenda: the workshop's parts in order, with progress, timebox and time spent; open one,
//! or skip it.
//!
//! ```text
//!    Part                     Answered   Time    Timebox
//!  › Setup                    3 people
//!    DORA maturity            4/4        12:03   20 min
//!    ...
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use crate::agenda::SUMMARY_PART;
use crate::command::Command;
use crate::tui::effect::{Dest, Effect, error};
use crate::tui::keymap::Action;
use crate::tui::model::Model;

/// The selected row: 0 is the setup, then one row per part.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
}

/// Handles a key on the agenda.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let rows = model.parts.len() + 1;
    let part = state.selected.checked_sub(1);
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(rows - 1),
        Action::Open => {
            return vec![Effect::Go(match part {
                None => Dest::Setup,
                Some(i) => Dest::Part(i),
            })];
        }
        Action::Skip => match part.and_then(|i| model.parts.get(i)) {
            Some(p) if p.id != SUMMARY_PART => {
                let Some(c) = model.checkpoint() else {
                    return Vec::new();
                };
                let title = &p.title;
                let text = if c.session.skipped.contains(&p.id) {
                    format!("{title} is back on the agenda.")
                } else {
                    format!("Skipping {title}; x takes it back.")
                };
                return vec![
                    Effect::Edit(Command::Skip(p.id.clone())),
                    Effect::Info(text),
                ];
            }
            _ => return error("The summary cannot be skipped."),
        },
        _ => {}
    }
    Vec::new()
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// Draws the agenda.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let Some(work) = &model.work else {
        return;
    };
    let c = work.checkpoint();
    let [title, table_area, note] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area.inner(ratatui::layout::Margin::new(1, 1)));
    frame.render_widget(Paragraph::new(Line::styled("Agenda", theme.title)), title);

    let people = crate::tui::widgets::count(c.participants.len(), "person", "people");
    let mut rows = vec![Row::new([
        Cell::from("Setup"),
        Cell::from(people),
        Cell::from(""),
        Cell::from(""),
        Cell::from(""),
    ])];
    for (i, part) in model.parts.iter().enumerate() {
        let (answered, done) = model.part_status(i);
        let seconds = work.seconds(&part.id, model.now);
        let over = part.timebox.is_some_and(|t| seconds > u64::from(t) * 60);
        let state_cell = if model.is_skipped(i) {
            Span::styled("skipped", theme.dim)
        } else if done {
            Span::styled("✓ done", theme.good)
        } else if c.session.part == part.id {
            Span::styled("● here", theme.highlight)
        } else {
            Span::raw("")
        };
        let style = if model.is_skipped(i) {
            theme.dim
        } else {
            theme.text
        };
        rows.push(
            Row::new([
                Cell::from(part.title.as_str()),
                Cell::from(answered),
                Cell::from(Span::styled(
                    if seconds > 0 {
                        clock(seconds)
                    } else {
                        String::new()
                    },
                    if over { theme.warn } else { theme.text },
                )),
                Cell::from(part.timebox.map_or(String::new(), |t| format!("{t} min"))),
                Cell::from(state_cell),
            ])
            .style(style),
        );
    }
    // The parts kept, against the workshop's two hours.
    let kept = (0..model.parts.len()).filter(|i| !model.is_skipped(*i));
    let planned = crate::agenda::planned_minutes(kept.map(|i| model.parts[i].timebox));
    let spent: u64 = model
        .parts
        .iter()
        .map(|p| work.seconds(&p.id, model.now))
        .sum();
    let whole = crate::agenda::WORKSHOP_MINUTES;
    rows.push(
        Row::new([
            Cell::from("Total"),
            Cell::from(""),
            Cell::from(if spent > 0 {
                clock(spent)
            } else {
                String::new()
            }),
            Cell::from(format!("{planned} min")),
            Cell::from(format!("of {}", crate::agenda::duration(whole))),
        ])
        .style(if planned > whole {
            theme.warn
        } else {
            theme.dim
        }),
    );
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(8),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["Part", "Answered", "Time", "Timebox", ""]).style(theme.dim))
    .row_highlight_style(theme.selected)
    .highlight_symbol("› ");
    let mut table_state = TableState::new().with_selected(Some(state.selected));
    frame.render_stateful_widget(table, table_area, &mut table_state);
    let hint = "Enter opens a part · x skips it (solo users often take only some) · \
                r results · b board · f flow · i improvements · c actions · s summary";
    frame.render_widget(
        Paragraph::new(Line::styled(hint, theme.dim)).wrap(Wrap { trim: true }),
        note,
    );
}
