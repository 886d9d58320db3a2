//! Improvements and dot-voting: anyone notes an improvement (from a suggestion or their own
//! words), then each participant places their dots, several on one if they like. The dots stay
//! hidden until everyone has placed theirs or the facilitator reveals them; then the list is
//! ranked and the top ones marked.
//!
//! ```text
//!  Improvements · 3 dots each · dots hidden: 2 of 6 placed
//! ┌ Dots ─────────┐┌ Improvements, in the order noted ─────────────────────────┐
//! │› Ana  ●●○     ││› Automate the deploy to production   Stage: Deploy  ●     │
//! │  Ben  ○○○     ││  Fix the flaky tests                                 ●    │
//! └───────────────┘└───────────────────────────────────────────────────────────┘
//!  Selected: full text · what it concerns · actions
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::checkpoint::Mode;
use crate::command::Command;
use crate::tui::effect::{Effect, error, info};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Confirmed, Pick, PickItem, PickPurpose, Popup, Purpose};
use crate::tui::widgets::{fit, width};

/// The selected improvement (a row of the list as shown) and whose dots the keys place.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
    pub dotter: usize,
}

impl State {
    /// The screen with the first participant who has dots left placing them.
    pub fn new(model: &Model) -> State {
        let dotter = model
            .checkpoint()
            .and_then(|c| c.with_dots_left(0))
            .unwrap_or(0);
        State {
            selected: 0,
            dotter,
        }
    }
}

/// `●●○`: the dots placed, then those left.
fn dots(placed: u32, left: u32) -> String {
    let cap = |n: u32| usize::try_from(n.min(20)).unwrap_or(0);
    format!("{}{}", "●".repeat(cap(placed)), "○".repeat(cap(left)))
}

/// Handles a key on the improvements screen.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let Some(c) = model.checkpoint() else {
        return Vec::new();
    };
    let order = c.improvement_order();
    let people = c.participants.len();
    state.selected = state.selected.min(order.len().saturating_sub(1));
    state.dotter = state.dotter.min(people.saturating_sub(1));
    let index = order.get(state.selected).copied();
    let dotter = c.participants.get(state.dotter).cloned();
    let popup = |popup: Popup| vec![Effect::Popup(popup)];
    match (action, index) {
        (Action::Up, _) => state.selected = state.selected.saturating_sub(1),
        (Action::Down, _) => {
            state.selected = (state.selected + 1).min(order.len().saturating_sub(1));
        }
        (Action::Left, _) if people > 0 => state.dotter = (state.dotter + people - 1) % people,
        (Action::Right, _) if people > 0 => state.dotter = (state.dotter + 1) % people,
        (Action::Add, _) => return popup(suggestions(model)),
        (Action::Reveal, _) if c.all_dots_placed() => {
            return info("Everyone has placed their dots: they show already.");
        }
        (Action::Reveal, _) => {
            let shown = !c.dot_voting.revealed;
            let said = if shown {
                "The dots show, ranked; v hides them again."
            } else {
                "The dots are hidden again."
            };
            return vec![
                Effect::Edit(Command::RevealDots(shown)),
                Effect::Info(said.into()),
            ];
        }
        (_, None)
            if matches!(
                action,
                Action::Open | Action::Rename | Action::Remove | Action::DotAdd | Action::DotRemove
            ) =>
        {
            return error("No improvement yet: a notes one.");
        }
        (Action::Open | Action::Rename, Some(i)) => {
            let improvement = &c.improvements[i];
            return popup(Popup::input(
                "Edit the improvement",
                Purpose::Improvement {
                    edit: Some(i),
                    concerns: improvement.concerns.clone(),
                },
                &improvement.text,
            ));
        }
        (Action::Remove, Some(i)) => {
            let text = &c.improvements[i].text;
            let dots = c.improvements[i].total_dots();
            let actions = c.actions_for(Some(i)).count();
            if dots == 0 && actions == 0 {
                return vec![
                    Effect::Edit(Command::RemoveImprovement(i)),
                    Effect::Info(format!("Removed “{text}”.")),
                ];
            }
            return popup(Popup::Confirm {
                message: format!(
                    "Remove “{text}” with its {dots} dots? Its {actions} actions stay, \
                     tied to no improvement."
                ),
                then: Confirmed::RemoveImprovement(i),
            });
        }
        (Action::DotAdd, Some(index)) => {
            let Some(who) = dotter else {
                return Vec::new();
            };
            let participant = who.clone();
            let command = Command::AddDot { index, participant };
            let after = match model.preview(&command) {
                Ok((after, _)) => after,
                Err(e) => return error(format!("{e}; - takes one back.")),
            };
            let mut effects = vec![Effect::Edit(command)];
            if after.dots_left(&who) == 0 {
                // Their last dot: the next person with dots left takes over.
                let done = if after.all_dots_placed() {
                    " Everyone has placed their dots: here is the ranking."
                } else {
                    ""
                };
                if let Some(next) = after.with_dots_left(state.dotter + 1) {
                    state.dotter = next;
                }
                effects.push(Effect::Info(format!(
                    "{who} has placed all their dots.{done}"
                )));
            }
            return effects;
        }
        (Action::DotRemove, Some(index)) => {
            let Some(participant) = dotter else {
                return Vec::new();
            };
            let command = Command::RemoveDot { index, participant };
            return match model.preview(&command) {
                Ok(_) => vec![Effect::Edit(command)],
                Err(e) => error(e),
            };
        }
        _ => {}
    }
    Vec::new()
}

/// The list of starting points a new improvement can take: the squad's own words first.
pub fn suggestions(model: &Model) -> Popup {
    let mut items = vec![PickItem {
        label: "✎ In our own words".to_string(),
        detail: String::new(),
    }];
    let suggested = model
        .shown()
        .map(|(c, _)| crate::plan::suggestions(&model.catalog, &c))
        .unwrap_or_default();
    items.extend(suggested.iter().map(|s| PickItem {
        label: s.text.clone(),
        detail: s.why.to_string(),
    }));
    Popup::Pick(Pick::new(
        "Note an improvement: start from",
        items,
        PickPurpose::Suggestion(suggested),
    ))
}

/// Adds an improvement (selecting it), or changes the text of improvement `edit`.
pub fn apply(
    model: &Model,
    state: Option<&mut State>,
    edit: Option<usize>,
    concerns: Option<crate::checkpoint::Concern>,
    text: &str,
) -> Result<Vec<Effect>, String> {
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err("Say what to improve.".into());
    }
    let c = model.checkpoint().ok_or("no checkpoint is open")?;
    if let Some(index) = edit.filter(|i| *i < c.improvements.len()) {
        return Ok(vec![Effect::Edit(Command::EditImprovement { index, text })]);
    }
    let command = Command::AddImprovement { text, concerns };
    let (after, done) = model.preview(&command)?;
    let order = after.improvement_order();
    if let Some(state) = state {
        state.selected = order.iter().position(|k| *k == done.index()).unwrap_or(0);
    }
    Ok(vec![
        Effect::Edit(command),
        Effect::Info("Noted. Everyone places their dots when the list is complete.".into()),
    ])
}

/// Draws the improvements screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let Some(c) = model.checkpoint() else {
        return;
    };
    let shown = c.dots_shown();
    let solo = c.mode == Mode::Solo;
    let per_person = c.dot_voting.per_person;
    let placed = c
        .participants
        .iter()
        .fold(0u32, |sum, p| sum.saturating_add(c.dots_placed(p)));
    let all = per_person.saturating_mul(u32::try_from(c.participants.len()).unwrap_or(u32::MAX));
    let [title, lists, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let status = if shown {
        format!("{placed} of {all} dots placed, ranked")
    } else {
        format!("dots hidden: {placed} of {all} placed (v reveals)")
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" Improvements", theme.title),
            Span::styled(format!(" · {per_person} dots each · {status}"), theme.dim),
        ])),
        title,
    );

    let names = c
        .participants
        .iter()
        .map(|p| width(p))
        .max()
        .unwrap_or(0)
        .min(14);
    let panel = u16::try_from(names + 6 + per_person.min(10) as usize).unwrap_or(30);
    let [people, list] =
        Layout::horizontal([Constraint::Length(panel), Constraint::Fill(1)]).areas(lists);
    let who: Vec<ListItem> = c
        .participants
        .iter()
        .map(|p| {
            ListItem::new(Line::from(vec![
                Span::raw(format!("{} ", fit(p, names))),
                Span::styled(dots(c.dots_placed(p), c.dots_left(p)), theme.good),
            ]))
        })
        .collect();
    frame.render_stateful_widget(
        List::new(who)
            .block(Block::bordered().border_style(theme.border).title(if solo {
                " Your dots "
            } else {
                " Dots of "
            }))
            .highlight_style(theme.selected)
            .highlight_symbol("›"),
        people,
        &mut ListState::default().with_selected(Some(state.dotter)),
    );

    let dotter = c.participants.get(state.dotter);
    let ranking = c.ranking();
    let inner = usize::from(list.width.saturating_sub(4));
    let order = c.improvement_order();
    let rows: Vec<ListItem> = order
        .iter()
        .filter_map(|i| {
            let improvement = c.improvements.get(*i)?;
            let ranked = ranking.iter().find(|r| r.index == *i)?;
            let mark = if shown && ranked.is_top() { "★" } else { " " };
            let (left, right) = if shown {
                (
                    format!("{mark}{:>2} ", ranked.rank),
                    format!(
                        " {} {}",
                        "●".repeat(ranked.dots.min(12) as usize),
                        ranked.dots
                    ),
                )
            } else {
                let mine = dotter
                    .and_then(|d| improvement.dots.get(d))
                    .copied()
                    .unwrap_or(0);
                (
                    "".to_string(),
                    format!(" {}", "●".repeat(mine.min(12) as usize)),
                )
            };
            let concerns = improvement
                .concerns
                .as_ref()
                .map(|k| crate::plan::concern_label(&model.catalog, k))
                .unwrap_or_default();
            let room = inner.saturating_sub(width(&left) + width(&right) + 1);
            let concern_room = (room / 3).min(width(&concerns));
            let text_room = room.saturating_sub(concern_room + 1);
            Some(ListItem::new(Line::from(vec![
                Span::styled(left, theme.warn),
                Span::raw(fit(&improvement.text, text_room)),
                Span::raw(" "),
                Span::styled(fit(&concerns, concern_room), theme.dim),
                Span::styled(right, theme.good),
            ])))
        })
        .collect();
    let list_title = if c.improvements.is_empty() {
        " Improvements ".to_string()
    } else if shown {
        " Improvements, ranked by dots (★ top) ".to_string()
    } else {
        match dotter {
            Some(d) => format!(" Improvements, as noted · {d}'s dots "),
            None => " Improvements, as noted ".to_string(),
        }
    };
    let block = Block::bordered()
        .border_style(theme.border)
        .title(list_title);
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(vec![
                Line::raw("Nothing noted yet. a notes an improvement: in your own words, or"),
                Line::raw("from the next milestones, the capability to focus on first and"),
                Line::raw("the manual stages of the flow."),
            ])
            .style(theme.dim)
            .block(block),
            list,
        );
    } else {
        frame.render_stateful_widget(
            List::new(rows)
                .block(block)
                .highlight_style(theme.selected)
                .highlight_symbol("›"),
            list,
            &mut ListState::default().with_selected(Some(state.selected)),
        );
    }

    let selected = order
        .get(state.selected)
        .and_then(|i| c.improvements.get(*i).map(|m| (*i, m)));
    let mut lines = Vec::new();
    if let Some((i, improvement)) = selected {
        lines.push(Line::styled(improvement.text.clone(), theme.title));
        let mut facts = Vec::new();
        if let Some(k) = &improvement.concerns {
            facts.push(crate::plan::concern_label(&model.catalog, k));
        }
        if shown && !improvement.dots.is_empty() {
            let by: Vec<String> = c
                .participants
                .iter()
                .filter_map(|p| Some(format!("{p} {}", improvement.dots.get(p)?)))
                .collect();
            facts.push(format!("dots: {}", by.join(", ")));
        }
        match c.actions_for(Some(i)).count() {
            0 => {}
            1 => facts.push("1 action".into()),
            n => facts.push(format!("{n} actions")),
        }
        lines.push(Line::styled(facts.join(" · "), theme.dim));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        detail.inner(ratatui::layout::Margin::new(1, 0)),
    );
}
