//! Setup: the squad, tribe, facilitator, date and board link, and who votes. A solo
//! self-assessment asks for your name instead, and has no board link or dots.
//!
//! ```text
//!  Squad        Partner Tooling
//!  ...
//!  Participants
//!  › Ana
//!    + add a participant
//!    DORA model   2019  level and capabilities (Enter: 2025)
//!    Start the workshop →
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::checklist::{Benchmarks, DoraModel};
use crate::checkpoint::Mode;
use crate::command::Command;
use crate::tui::effect::{Dest, Effect, error};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Confirmed, Popup, Purpose};
use crate::tui::widgets;

pub use crate::command::Field;

/// A field's label.
fn label(field: Field) -> &'static str {
    match field {
        Field::Squad => "Squad",
        Field::Tribe => "Tribe",
        Field::Facilitator => "Facilitator",
        Field::YourName => "Your name",
        Field::Date => "Date",
        Field::BoardLink => "Board link",
        Field::Dots => "Dots each",
        Field::Industry => "Industry",
        Field::OrgSize => "Org size",
    }
}

/// A row of the setup screen.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Field(Field),
    /// The DORA model: Enter switches between 2019 and 2025.
    Dora,
    Participant(usize),
    Add,
    Start,
}

/// The selected row.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
}

fn rows(model: &Model) -> Vec<Row> {
    let Some(c) = model.checkpoint() else {
        return Vec::new();
    };
    let mut rows = vec![Row::Field(Field::Squad), Row::Field(Field::Tribe)];
    match c.mode {
        // Alone there is no shared board to link and nobody to dot-vote with.
        Mode::Solo => rows.extend([Row::Field(Field::YourName), Row::Field(Field::Date)]),
        Mode::Workshop => {
            rows.extend([
                Row::Field(Field::Facilitator),
                Row::Field(Field::Date),
                Row::Field(Field::BoardLink),
                Row::Field(Field::Dots),
            ]);
            rows.extend((0..c.participants.len()).map(Row::Participant));
            rows.push(Row::Add);
        }
    }
    // The model row only when the other model is loaded; the benchmarks' rows on 2025 only.
    if model.has_other_model() {
        rows.push(Row::Dora);
    }
    if c.dora == DoraModel::V2025 {
        rows.extend([Row::Field(Field::Industry), Row::Field(Field::OrgSize)]);
    }
    rows.push(Row::Start);
    rows
}

/// The prompt for the squad's name, which a new checkpoint opens with.
pub fn squad_prompt(text: &str) -> Popup {
    Popup::input("Squad name", Purpose::Setup(Field::Squad), text)
}

fn value(model: &Model, field: Field) -> String {
    let Some(c) = model.checkpoint() else {
        return String::new();
    };
    match field {
        Field::Squad => c.squad.clone(),
        Field::Tribe => c.tribe.clone(),
        Field::Facilitator => c.facilitator.clone(),
        Field::YourName => c.participants.first().cloned().unwrap_or_default(),
        Field::Date => c.date.to_string(),
        Field::BoardLink => c.board_link.clone(),
        Field::Dots => c.dot_voting.per_person.to_string(),
        Field::Industry => benchmark_name(model, &c.industry, Benchmarks::industry),
        Field::OrgSize => benchmark_name(model, &c.org_size, Benchmarks::org_size),
    }
}

/// A chosen benchmark group as the row shows it: `technology (Technology)`; empty when none.
fn benchmark_name(
    model: &Model,
    id: &str,
    find: for<'b> fn(&'b Benchmarks, &str) -> Option<&'b crate::checklist::Cohort>,
) -> String {
    let name = model.catalog.benchmarks().and_then(|b| find(b, id));
    match name {
        Some(c) if c.name != id => format!("{id} ({})", c.name),
        _ => id.to_string(),
    }
}

/// Handles a key on the setup screen.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let rows = rows(model);
    let row = rows.get(state.selected).cloned();
    let participant = |i: usize| model.checkpoint()?.participants.get(i).cloned();
    let popup = |popup: Popup| vec![Effect::Popup(popup)];
    match (action, row) {
        (Action::Up, _) => state.selected = state.selected.saturating_sub(1),
        (Action::Down, _) => {
            state.selected = (state.selected + 1).min(rows.len().saturating_sub(1))
        }
        (Action::Open, Some(Row::Dora)) => {
            let next = model
                .checkpoint()
                .map_or(DoraModel::V2025, |c| c.dora.other());
            let command = Command::Dora(next);
            return match model.preview(&command) {
                Ok(_) => vec![Effect::Edit(command)],
                Err(e) => error(&e),
            };
        }
        (Action::Open, Some(Row::Field(field @ (Field::Industry | Field::OrgSize)))) => {
            let text = model.checkpoint().map_or(String::new(), |c| match field {
                Field::Industry => c.industry.clone(),
                _ => c.org_size.clone(),
            });
            return popup(Popup::input(label(field), Purpose::Setup(field), &text));
        }
        (Action::Open, Some(Row::Field(field))) => {
            let text = value(model, field);
            return popup(Popup::input(label(field), Purpose::Setup(field), &text));
        }
        (Action::Open, Some(Row::Participant(i))) => {
            if let Some(name) = participant(i) {
                return popup(Popup::input("Rename", Purpose::Rename(name.clone()), &name));
            }
        }
        (Action::Open | Action::Add, Some(Row::Add)) | (Action::Add, _)
            if model.checkpoint().is_some_and(|c| c.mode == Mode::Workshop) =>
        {
            return popup(Popup::input("New participant", Purpose::AddParticipant, ""));
        }
        (Action::Add, _) => return error("A solo self-assessment has one participant: you."),
        (Action::Open, Some(Row::Start)) => {
            return match model.setup_done() {
                Ok(()) => vec![Effect::Go(Dest::Agenda)],
                Err(missing) => missing.map(error).unwrap_or_default(),
            };
        }
        (Action::Remove, Some(Row::Participant(i))) => {
            let Some(name) = participant(i) else {
                return Vec::new();
            };
            let votes = model.checkpoint().map_or(0, |c| c.votes_by(&name));
            let dots = model.checkpoint().map_or(0, |c| c.dots_placed(&name));
            if votes == 0 && dots == 0 {
                return remove(&name);
            }
            return popup(Popup::Confirm {
                message: match (votes, dots) {
                    (1, 0) => format!("Remove {name} and their vote?"),
                    (n, 0) => format!("Remove {name} and their {n} votes?"),
                    (n, d) => format!(
                        "Remove {name}, their {} and their {}?",
                        widgets::count(n, "vote", "votes"),
                        widgets::count(d as usize, "dot", "dots")
                    ),
                },
                then: Confirmed::RemoveParticipant(name),
            });
        }
        (Action::Remove, _) => return error("Select a participant to remove."),
        _ => {}
    }
    Vec::new()
}

/// Sets a field from typed text, or says what is wrong with it.
pub fn apply(model: &Model, field: Field, text: &str) -> Result<Vec<Effect>, String> {
    let id = text.trim();
    let benchmarks = model.catalog.benchmarks();
    let known = |ids: Vec<&str>| id.is_empty() || ids.contains(&id);
    let check = |what: &str, ids: Vec<&str>| match known(ids.clone()) {
        true => Ok(()),
        false => Err(format!("`{id}` is not {what}: {}", ids.join(", "))),
    };
    match (field, benchmarks) {
        (Field::Industry, Some(b)) => check("an industry", b.industry_ids())?,
        (Field::OrgSize, Some(b)) => check("an organisation size", b.org_size_ids())?,
        _ => {}
    }
    let command = Command::Set(field, text.to_string());
    model.preview(&command)?;
    let mut effects = vec![Effect::Edit(command)];
    match field {
        Field::Squad if model.is_draft() => effects.push(Effect::OfferCarryOver),
        Field::Squad | Field::Date => effects.push(Effect::LoadHistory),
        _ => {}
    }
    Ok(effects)
}

/// Adds a participant, or says why not.
pub fn add(model: &Model, name: &str) -> Result<Vec<Effect>, String> {
    let command = Command::AddParticipant(name.to_string());
    model.preview(&command)?;
    Ok(vec![Effect::Edit(command)])
}

/// Renames a participant, or says why not.
pub fn rename(model: &Model, old: &str, new: &str) -> Result<Vec<Effect>, String> {
    let command = Command::RenameParticipant {
        old: old.to_string(),
        new: new.to_string(),
    };
    model.preview(&command)?;
    Ok(vec![Effect::Edit(command)])
}

/// Removes a participant and their votes.
pub fn remove(name: &str) -> Vec<Effect> {
    vec![
        Effect::Edit(Command::RemoveParticipant(name.to_string())),
        Effect::Info(format!("Removed {name}.")),
    ]
}

/// Draws the setup screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let Some(c) = model.checkpoint() else {
        return;
    };
    let mut lines = vec![
        Line::styled(
            match c.mode {
                Mode::Solo => "Setup: a solo self-assessment",
                Mode::Workshop => "Setup: a squad checkpoint",
            },
            theme.title,
        ),
        Line::default(),
    ];
    let rows = rows(model);
    let width = c
        .participants
        .iter()
        .map(|p| widgets::width(p))
        .max()
        .unwrap_or(0)
        .min(30);
    let mut selected_line = 0;
    for (i, row) in rows.iter().enumerate() {
        let selected = i == state.selected;
        let mark = if selected { "› " } else { "  " };
        let style = if selected { theme.selected } else { theme.text };
        let line = match row {
            Row::Field(field) => {
                let v = value(model, *field);
                let shown = if v.is_empty() { "–".to_string() } else { v };
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("{:<13}", label(*field)), theme.dim),
                    Span::styled(shown, style),
                ])
            }
            Row::Dora => Line::from(vec![
                Span::raw(mark),
                Span::styled(format!("{:<13}", "DORA model"), theme.dim),
                Span::styled(c.dora.name(), style),
                Span::styled(
                    match c.dora {
                        DoraModel::V2019 => "  level and capabilities (Enter: 2025)",
                        DoraModel::V2025 => "  scores 0-10 against 2025 benchmarks (Enter: 2019)",
                    },
                    theme.dim,
                ),
            ]),
            Row::Participant(p) => {
                let name = c.participants.get(*p).map_or("", String::as_str);
                let votes = widgets::count(c.votes_by(name), "vote", "votes");
                let label = if *p == 0 { "Participants" } else { "" };
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("{label:<13}"), theme.dim),
                    Span::styled(widgets::fit(name, width), style),
                    Span::styled(format!("  {votes}"), theme.dim),
                ])
            }
            Row::Add => Line::from(vec![
                Span::raw(mark),
                Span::styled(
                    format!(
                        "{:<13}",
                        if c.participants.is_empty() {
                            "Participants"
                        } else {
                            ""
                        }
                    ),
                    theme.dim,
                ),
                Span::styled("+ add a participant", style),
            ]),
            Row::Start => Line::from(vec![
                Span::raw(mark),
                Span::styled("Start the workshop →", style.patch(theme.title)),
            ]),
        };
        let first_of_list = matches!(row, Row::Participant(0))
            || (matches!(row, Row::Add) && c.participants.is_empty());
        if first_of_list || matches!(row, Row::Start | Row::Dora) {
            lines.push(Line::default());
        }
        if selected {
            selected_line = lines.len();
        }
        lines.push(line);
    }
    // Long lists of participants scroll to keep the selection in sight.
    let inner = area.inner(ratatui::layout::Margin::new(1, 1));
    let scroll = (selected_line + 1).saturating_sub(usize::from(inner.height));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        inner,
    );
}
