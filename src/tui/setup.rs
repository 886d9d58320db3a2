//! Setup: the squad, tribe, facilitator, date and board link, and who votes. A solo
//! self-assessment asks for your name instead, and has no board link or dots.
//!
//! ```text
//!  Squad        Partner Tooling
//!  ...
//!  Participants
//!  › Ana
//!    + add a participant
//!    Start the workshop →
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::checkpoint::Mode;
use crate::date::parse_date;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::popup::{Confirmed, Popup, Purpose};
use crate::tui::widgets;

/// A field of the checkpoint's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Squad,
    Tribe,
    Facilitator,
    /// A solo checkpoint's one participant, who is also its facilitator.
    YourName,
    Date,
    BoardLink,
    /// How many dots each participant places on the improvements.
    Dots,
}

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::Squad => "Squad",
            Field::Tribe => "Tribe",
            Field::Facilitator => "Facilitator",
            Field::YourName => "Your name",
            Field::Date => "Date",
            Field::BoardLink => "Board link",
            Field::Dots => "Dots each",
        }
    }
}

/// A row of the setup screen.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Field(Field),
    Participant(usize),
    Add,
    Start,
}

/// The selected row.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
}

fn rows(app: &App) -> Vec<Row> {
    let Some(c) = app.checkpoint() else {
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
    rows.push(Row::Start);
    rows
}

/// The prompt for the squad's name, which a new checkpoint opens with.
pub fn squad_prompt(text: &str) -> Popup {
    Popup::input("Squad name", Purpose::Setup(Field::Squad), text)
}

fn value(app: &App, field: Field) -> String {
    let Some(c) = app.checkpoint() else {
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
    }
}

/// Handles a key on the setup screen.
pub fn update(app: &mut App, state: &mut State, action: Action) -> Option<Screen> {
    let rows = rows(app);
    let row = rows.get(state.selected).cloned();
    let participant = |app: &App, i: usize| app.checkpoint()?.participants.get(i).cloned();
    match (action, row) {
        (Action::Up, _) => state.selected = state.selected.saturating_sub(1),
        (Action::Down, _) => {
            state.selected = (state.selected + 1).min(rows.len().saturating_sub(1))
        }
        (Action::Open, Some(Row::Field(field))) => {
            app.popup = Some(Popup::input(
                field.label(),
                Purpose::Setup(field),
                &value(app, field),
            ));
        }
        (Action::Open, Some(Row::Participant(i))) => {
            if let Some(name) = participant(app, i) {
                app.popup = Some(Popup::input("Rename", Purpose::Rename(name.clone()), &name));
            }
        }
        (Action::Open | Action::Add, Some(Row::Add)) | (Action::Add, _)
            if app.checkpoint().is_some_and(|c| c.mode == Mode::Workshop) =>
        {
            app.popup = Some(Popup::input("New participant", Purpose::AddParticipant, ""));
        }
        (Action::Add, _) => app.error("A solo self-assessment has one participant: you."),
        (Action::Open, Some(Row::Start)) if app.can_leave_setup() => {
            return Some(app.agenda_screen());
        }
        (Action::Remove, Some(Row::Participant(i))) => {
            let name = participant(app, i)?;
            let votes = app.checkpoint().map_or(0, |c| c.votes_by(&name));
            let dots = app.checkpoint().map_or(0, |c| c.dots_placed(&name));
            if votes == 0 && dots == 0 {
                remove(app, &name);
            } else {
                app.popup = Some(Popup::Confirm {
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
        }
        (Action::Remove, _) => app.error("Select a participant to remove."),
        _ => {}
    }
    None
}

/// Sets a field from typed text, or says what is wrong with it.
pub fn apply(app: &mut App, field: Field, text: &str) -> Result<(), String> {
    let text = text.trim();
    let new = app.work.as_ref().is_some_and(|w| w.path.is_none());
    let c = app.checkpoint_mut().ok_or("no checkpoint is open")?;
    if matches!(field, Field::Squad | Field::Tribe | Field::Facilitator) {
        crate::text::check_name(text).map_err(|e| e.to_string())?;
    }
    match field {
        Field::Squad if text.is_empty() => return Err("The squad needs a name.".into()),
        Field::Squad => c.squad = text.to_string(),
        Field::Tribe => c.tribe = text.to_string(),
        Field::Facilitator => c.facilitator = text.to_string(),
        Field::YourName => {
            match c.participants.first().cloned() {
                Some(old) => c.rename_participant(&old, text),
                None => c.add_participant(text),
            }
            .map_err(|e| e.to_string())?;
            c.facilitator = text.to_string();
        }
        Field::Date => c.date = parse_date(text)?,
        Field::BoardLink => c.board_link = text.to_string(),
        Field::Dots => {
            let n: u32 = text
                .parse()
                .map_err(|_| format!("`{text}` is not a number of dots"))?;
            c.set_dots_per_person(n).map_err(|e| e.to_string())?;
        }
    }
    match field {
        Field::Squad if new => app.offer_carry_over(),
        Field::Squad | Field::Date => app.load_history(),
        _ => {}
    }
    Ok(())
}

/// Adds a participant, or says why not.
pub fn add(app: &mut App, name: &str) -> Result<(), String> {
    let c = app.checkpoint_mut().ok_or("no checkpoint is open")?;
    c.add_participant(name).map_err(|e| e.to_string())
}

/// Renames a participant, or says why not.
pub fn rename(app: &mut App, old: &str, new: &str) -> Result<(), String> {
    let c = app.checkpoint_mut().ok_or("no checkpoint is open")?;
    c.rename_participant(old, new).map_err(|e| e.to_string())
}

/// Removes a participant and their votes.
pub fn remove(app: &mut App, name: &str) {
    if let Some(c) = app.checkpoint_mut() {
        c.remove_participant(name);
    }
    app.info(&format!("Removed {name}."));
}

/// Draws the setup screen.
pub fn render(frame: &mut Frame, area: Rect, app: &App, state: &State) {
    let theme = &app.theme;
    let Some(c) = app.checkpoint() else {
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
    let rows = rows(app);
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
                let v = value(app, *field);
                let shown = if v.is_empty() { "–".to_string() } else { v };
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(format!("{:<13}", field.label()), theme.dim),
                    Span::styled(shown, style),
                ])
            }
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
        if first_of_list || matches!(row, Row::Start) {
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
