//! What keys do in the popup that is open, and how it is drawn over the screen (the popups
//! themselves are in `popup.rs`). A popup reads the model and returns effects, as a screen does;
//! it stays open by asking for itself again.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::checklist::Question;
use crate::checkpoint::Vote;
use crate::command::{Command, Field};
use crate::tui::drill::{self, Drilled};
use crate::tui::effect::{Dest, Effect, error, info};
use crate::tui::keymap::{Action, Binding};
use crate::tui::model::Model;
use crate::tui::pick::{self, Picked};
use crate::tui::popup::{Confirmed, Input, Popup, Purpose};
use crate::tui::theme::Theme;
use crate::tui::unsaved;
use crate::tui::widgets::{centered, titled};

/// Handles an action while `popup` is open; it closes unless the effects open it again.
pub fn update(model: &Model, popup: Popup, action: Action) -> Vec<Effect> {
    let stay = |popup: Popup| vec![Effect::Popup(popup)];
    match popup {
        Popup::Help {
            bindings,
            voting,
            scroll,
        } => scrolled(scroll, action).map_or_else(Vec::new, |scroll| {
            stay(Popup::Help {
                bindings,
                voting,
                scroll,
            })
        }),
        Popup::Tips { question, scroll } => scrolled(scroll, action)
            .map_or_else(Vec::new, |scroll| stay(Popup::Tips { question, scroll })),
        Popup::Input(input) => update_input(model, input, action),
        Popup::Agree { question } => {
            let agreed = match action {
                Action::Vote(v) => Some(Some(Vote::Value(v))),
                Action::NotApplicable => Some(Some(Vote::NotApplicable)),
                Action::Clear => Some(None),
                _ => None,
            };
            match (action, agreed) {
                (Action::Back, _) => Vec::new(),
                (_, Some(agreed)) => match agree(model, &question, agreed) {
                    Ok(effects) => effects,
                    Err(mut effects) => {
                        effects.push(Effect::Popup(Popup::Agree { question }));
                        effects
                    }
                },
                _ => stay(Popup::Agree { question }),
            }
        }
        Popup::Confirm { message, then } => match action {
            Action::Yes => vec![Effect::Confirmed(then)],
            Action::No => Vec::new(),
            _ => stay(Popup::Confirm { message, then }),
        },
        Popup::Drill(d) => match drill::update(d, action) {
            Drilled::Open(d) => stay(Popup::Drill(d)),
            Drilled::Closed => Vec::new(),
            Drilled::Vote(question) => vec![Effect::Go(Dest::Question(question))],
        },
        Popup::Pick(p) => picked(pick::update(p, action)),
        Popup::Since { since, scroll } => scrolled(scroll, action)
            .map_or_else(Vec::new, |scroll| stay(Popup::Since { since, scroll })),
        Popup::Unsaved => unsaved::update(model, action),
    }
}

/// What a key in a list to pick from comes to.
fn picked(picked: Picked) -> Vec<Effect> {
    match picked {
        Picked::Open(p, said) => {
            let mut effects = said.map(info).unwrap_or_default();
            effects.push(Effect::Popup(Popup::Pick(p)));
            effects
        }
        Picked::Closed => Vec::new(),
        Picked::Suggestion(text, concerns) => vec![Effect::Popup(Popup::input(
            "The improvement, in the squad's words",
            Purpose::Improvement {
                edit: None,
                concerns,
            },
            &text,
        ))],
        Picked::KitSteps { improvement, steps } => vec![Effect::KitSteps { improvement, steps }],
        Picked::Capability(id) => vec![Effect::Capability(id)],
    }
}

/// Records the squad's agreed value on `question`; `Err` (with a message) when it is off the
/// question's scale, and the popup stays.
fn agree(model: &Model, question: &str, value: Option<Vote>) -> Result<Vec<Effect>, Vec<Effect>> {
    let Some(scale) = model.catalog.question(question).map(Question::scale) else {
        return Err(Vec::new());
    };
    if let Some(Vote::Value(v)) = value
        && !scale.contains(v)
    {
        return Err(error(format!(
            "{v} is not on this question's scale ({scale})."
        )));
    }
    let question = question.to_string();
    let edit = Command::Agree { question, value };
    Ok(model
        .checkpoint()
        .map(|_| Effect::Edit(edit))
        .into_iter()
        .collect())
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

fn update_input(model: &Model, mut input: Input, action: Action) -> Vec<Effect> {
    match action {
        // Nothing was saved yet: leaving the squad's name leaves the new checkpoint.
        Action::Back if input.purpose == Purpose::Setup(Field::Squad) && model.is_draft() => {
            vec![Effect::Go(Dest::Home)]
        }
        Action::Back => Vec::new(),
        Action::Edit(edit) => {
            input.field.edit(edit);
            input.error = None;
            vec![Effect::Popup(Popup::Input(input))]
        }
        Action::Confirm => vec![Effect::Typed(input)],
        _ => vec![Effect::Popup(Popup::Input(input))],
    }
}

/// Draws the popup over the screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, popup: &Popup) {
    let theme = &model.theme;
    let block = |title: &str| titled(theme, title);
    match popup {
        Popup::Help {
            bindings,
            voting,
            scroll,
        } => {
            let lines = help_lines(theme, bindings, *voting);
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
            let lines = model
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
            let Some(q) = model.catalog.question(question) else {
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
        Popup::Drill(drill) => drill::render(frame, area, theme, drill),
        Popup::Pick(p) => pick::render(frame, area, theme, p),
        Popup::Since { since, scroll } => drill::render_since(frame, area, theme, since, *scroll),
        Popup::Unsaved => unsaved::render(frame, area, model),
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

/// The help: every key offered, under each context's title.
fn help_lines(theme: &Theme, bindings: &[&Binding], voting: bool) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut last_title = "";
    for binding in bindings {
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
    if voting {
        lines.push(Line::default());
        lines.push(Line::styled(
            "Votes stay hidden (voted / not yet) until everyone has voted or v reveals them.",
            theme.dim,
        ));
    }
    lines
}
