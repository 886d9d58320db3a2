//! Overlays on top of a screen: help, tips, text entry, the agreed value, a yes/no question and
//! a baseline section's items. At most one is open at a time.
//!
//! ```text
//!        ┌ Title ────────────────────┐
//!        │ body                      │
//!        │ Enter done · Esc cancel   │
//!        └───────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::checkpoint::Vote;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::{self, Action, Context};
use crate::tui::theme::Theme;
use crate::tui::widgets::TextInput;
use crate::tui::{results, setup, summary, voting};

pub use crate::tui::pick::{Pick, PickItem, PickPurpose};

/// The overlay that is open.
#[derive(Debug, Clone)]
pub enum Popup {
    Help {
        contexts: Vec<Context>,
        scroll: u16,
    },
    Tips {
        question: String,
        scroll: u16,
    },
    Input(Input),
    Agree {
        question: String,
    },
    Confirm {
        message: String,
        then: Confirmed,
    },
    Drill(results::Drill),
    /// One or more items of a list: a starting point for an improvement, a kit's backlog items.
    Pick(Pick),
    /// What changed since the squad's last checkpoint, measure by measure.
    Since {
        scroll: u16,
    },
    /// The last save failed: retry, save elsewhere or quit without saving.
    Unsaved,
}

/// Text being typed, and what it is for.
#[derive(Debug, Clone)]
pub struct Input {
    pub title: String,
    pub purpose: Purpose,
    pub field: TextInput,
    /// What went wrong with the last Enter.
    pub error: Option<String>,
}

/// What typed text becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Setup(setup::Field),
    AddParticipant,
    Rename(String),
    Note(String),
    Export,
    /// A stage's name: a new one after the selected stage, or stage N renamed.
    Stage(Option<usize>),
    /// An improvement's text: a new one (concerning something or not), or one edited.
    Improvement {
        edit: Option<usize>,
        concerns: Option<crate::checkpoint::Concern>,
    },
    /// An action's text, for an improvement or none; the owner and due date follow.
    ActionText {
        improvement: Option<usize>,
        edit: Option<usize>,
    },
    ActionOwner(usize),
    ActionDue(usize),
    /// A new file to save the checkpoint to, when its own cannot be written.
    SaveAs,
}

/// What a yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    RemoveParticipant(String),
    /// Delete a new checkpoint nobody takes part in.
    Discard,
    RemoveStage(usize),
    RemoveImprovement(usize),
    /// Bring over the squad's last checkpoint's participants and actions.
    CarryOver(Box<crate::checkpoint::Checkpoint>),
}

impl Popup {
    /// The help for the keys of `contexts`.
    pub fn help(contexts: Vec<Context>) -> Popup {
        Popup::Help {
            contexts,
            scroll: 0,
        }
    }

    /// A text field titled `title`, holding `text`.
    pub fn input(title: &str, purpose: Purpose, text: &str) -> Popup {
        Popup::Input(Input {
            title: title.to_string(),
            purpose,
            field: TextInput::new(text),
            error: None,
        })
    }

    /// The keys' context while this popup is open.
    pub fn context(&self) -> Context {
        match self {
            Popup::Help { .. } => Context::Help,
            Popup::Tips { .. } => Context::Tips,
            Popup::Input(_) => Context::Input,
            Popup::Agree { .. } => Context::Agree,
            Popup::Confirm { .. } => Context::Confirm,
            Popup::Drill(_) => Context::Drill,
            Popup::Pick(_) => Context::Pick,
            Popup::Since { .. } => Context::Since,
            Popup::Unsaved => Context::Unsaved,
        }
    }
}

/// Handles an action while `popup` is open; the popup stays open unless the action closes it.
pub fn update(app: &mut App, popup: Popup, action: Action) {
    app.popup = match popup {
        Popup::Help { contexts, scroll } => {
            scrolled(scroll, action).map(|scroll| Popup::Help { contexts, scroll })
        }
        Popup::Tips { question, scroll } => {
            scrolled(scroll, action).map(|scroll| Popup::Tips { question, scroll })
        }
        Popup::Input(input) => update_input(app, input, action),
        Popup::Agree { question } => {
            let agreed = match action {
                Action::Vote(v) => Some(Some(Vote::Value(v))),
                Action::NotApplicable => Some(Some(Vote::NotApplicable)),
                Action::Clear => Some(None),
                _ => None,
            };
            match (action, agreed) {
                (Action::Back, _) => None,
                (_, Some(agreed)) if voting::agree(app, &question, agreed) => None,
                _ => Some(Popup::Agree { question }),
            }
        }
        Popup::Confirm { message, then } => match action {
            Action::Yes => {
                match then {
                    Confirmed::RemoveParticipant(name) => setup::remove(app, &name),
                    Confirmed::Discard => app.discard(),
                    Confirmed::RemoveStage(i) => {
                        if let Some(c) = app.checkpoint_mut() {
                            c.remove_stage(i);
                        }
                    }
                    Confirmed::RemoveImprovement(i) => {
                        if let Some(c) = app.checkpoint_mut() {
                            c.remove_improvement(i);
                        }
                    }
                    Confirmed::CarryOver(previous) => app.carry_over(&previous),
                }
                app.popup.take()
            }
            Action::No => None,
            _ => Some(Popup::Confirm { message, then }),
        },
        Popup::Drill(drill) => results::update_drill(app, drill, action),
        Popup::Pick(pick) => crate::tui::pick::update(app, pick, action),
        Popup::Since { scroll } => scrolled(scroll, action).map(|scroll| Popup::Since { scroll }),
        Popup::Unsaved => crate::tui::unsaved::update(app, action),
    };
}

/// A scrolling overlay's offset after `action`; `None` when the action closes it.
fn scrolled(scroll: u16, action: Action) -> Option<u16> {
    match action {
        Action::Back => None,
        Action::Up => Some(scroll.saturating_sub(1)),
        Action::Down => Some(scroll.saturating_add(1)),
        _ => Some(scroll),
    }
}

fn update_input(app: &mut App, mut input: Input, action: Action) -> Option<Popup> {
    match action {
        Action::Back => {
            if let Purpose::Setup(setup::Field::Squad) = input.purpose
                && app.work.as_ref().is_some_and(|w| w.path.is_none())
            {
                // Nothing was saved yet: leaving the squad's name leaves the new checkpoint.
                app.go_home();
            }
            None
        }
        Action::Edit(edit) => {
            input.field.edit(edit);
            input.error = None;
            Some(Popup::Input(input))
        }
        Action::Confirm => {
            let text = input.field.text().to_string();
            let done = match &input.purpose {
                Purpose::Setup(field) => setup::apply(app, *field, &text),
                Purpose::AddParticipant => setup::add(app, &text),
                Purpose::Rename(old) => setup::rename(app, old, &text),
                Purpose::Note(question) => {
                    if let Some(c) = app.checkpoint_mut() {
                        c.set_note(question, &text);
                    }
                    Ok(())
                }
                Purpose::Export => summary::export(app, &text),
                Purpose::Stage(index) => crate::tui::flow::apply(app, *index, &text),
                Purpose::Improvement { edit, concerns } => {
                    crate::tui::improvements::apply(app, *edit, concerns.clone(), &text)
                }
                Purpose::ActionText { improvement, edit } => {
                    crate::tui::actions::apply_text(app, *improvement, *edit, &text)
                }
                Purpose::ActionOwner(k) => crate::tui::actions::apply_owner(app, *k, &text),
                Purpose::ActionDue(k) => crate::tui::actions::apply_due(app, *k, &text),
                Purpose::SaveAs => crate::tui::unsaved::save_as(app, &text),
            };
            match done {
                // A step may open the next one (the owner after an action's text).
                Ok(()) => app.popup.take(),
                Err(message) => {
                    input.error = Some(message);
                    Some(Popup::Input(input))
                }
            }
        }
        _ => Some(Popup::Input(input)),
    }
}

/// A centred box `width` × `height`, inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// A popup's rounded box with its title.
pub fn titled<'a>(theme: &Theme, title: &str) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

/// Draws the popup over the screen.
pub fn render(frame: &mut Frame, area: Rect, app: &App, popup: &Popup) {
    let theme = &app.theme;
    let block = |title: &str| titled(theme, title);
    match popup {
        Popup::Help { contexts, scroll } => {
            let lines = help_lines(app, contexts);
            let title = block("Keys (↑/↓ scroll, Esc closes)");
            scrolling(
                frame,
                centered(area, 78, area.height.saturating_sub(2)),
                title,
                lines,
                *scroll,
            );
        }
        Popup::Tips { question, scroll } => {
            let box_area = centered(area, 76, area.height.saturating_sub(2));
            let lines = app
                .catalog
                .question(question)
                .map(|q| {
                    crate::tui::question::tip_lines(q, box_area.width.saturating_sub(2), theme)
                })
                .unwrap_or_default();
            let title = block("Facilitator tips (Esc closes)");
            scrolling(frame, box_area, title, lines, *scroll);
        }
        Popup::Input(input) => {
            let box_area = centered(area, 64, 5);
            frame.render_widget(Clear, box_area);
            let outer = block(&input.title);
            let inner = outer.inner(box_area);
            frame.render_widget(outer, box_area);
            let [field, note] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(2)]).areas(inner);
            frame.render_widget(input.field.widget(theme.text, theme.selected), field);
            let note_line = match &input.error {
                Some(e) => Line::styled(e.as_str(), theme.error),
                None => Line::styled("Enter keeps it · Esc leaves it as it was", theme.dim),
            };
            frame.render_widget(Paragraph::new(note_line).wrap(Wrap { trim: true }), note);
        }
        Popup::Agree { question } => {
            let Some(q) = app.catalog.question(question) else {
                return;
            };
            let scale = q.scale();
            let mut lines = vec![Line::styled(q.name(), theme.title), Line::default()];
            for (value, label) in scale.values().zip(q.scale_labels()) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {value}  "), theme.key),
                    Span::raw(label),
                ]));
            }
            lines.push(Line::default());
            lines.push(Line::styled(
                format!("{scale} agrees on a value · n n/a · Backspace clears · Esc cancels"),
                theme.dim,
            ));
            let height = u16::try_from(lines.len())
                .unwrap_or(u16::MAX)
                .saturating_add(2);
            let box_area = centered(area, 70, height);
            frame.render_widget(Clear, box_area);
            frame.render_widget(
                Paragraph::new(lines)
                    .block(block("The squad's agreed value"))
                    .wrap(Wrap { trim: false }),
                box_area,
            );
        }
        Popup::Confirm { message, then } => {
            let box_area = centered(area, 60, 5);
            frame.render_widget(Clear, box_area);
            let lines = vec![
                Line::raw(message.as_str()),
                Line::styled("y yes · n no", theme.dim),
            ];
            frame.render_widget(
                Paragraph::new(lines)
                    .block(block(match then {
                        Confirmed::CarryOver(_) => "The squad's last checkpoint",
                        _ => "Are you sure?",
                    }))
                    .wrap(Wrap { trim: true }),
                box_area,
            );
        }
        Popup::Drill(drill) => results::render_drill(frame, area, app, drill),
        Popup::Pick(pick) => crate::tui::pick::render(frame, area, app, pick),
        Popup::Since { scroll } => results::render_since(frame, area, app, *scroll),
        Popup::Unsaved => crate::tui::unsaved::render(frame, area, app),
    }
}

/// Lines of text in a box over the screen, wrapped and scrolled down `scroll` lines.
fn scrolling(frame: &mut Frame, area: Rect, block: Block, lines: Vec<Line>, scroll: u16) {
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// The help: every key of `contexts`, under each context's title.
fn help_lines(app: &App, contexts: &[Context]) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    let mut last_title = "";
    for binding in keymap::bindings(contexts).filter(|b| app.offers(b.action)) {
        let title = binding.context.title();
        if title != last_title {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(title, theme.title));
            last_title = title;
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<16}", binding.label()), theme.key),
            Span::raw(binding.help),
        ]));
    }
    if matches!(app.screen, Screen::Voting(_)) {
        lines.push(Line::default());
        lines.push(Line::styled(
            "Votes stay hidden (voted / not yet) until everyone has voted or v reveals them.",
            theme.dim,
        ));
    }
    lines
}
