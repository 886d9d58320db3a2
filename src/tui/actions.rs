//! Actions: the top improvements broken into concrete items, each with an owner and an optional
//! due date. An improvement about deployment automation offers the execution kit's starter
//! backlog (`p`). Last checkpoint's actions, when they were brought over, are marked done or
//! not here.
//!
//! ```text
//!  Actions · 3, all with an owner · from 2026-08-20: 1 of 2 done
//!  ★1 Automate the deploy to production · 4 dots · p: starter backlog
//!   › Continuous deployment to dev                         Ana · due 2027-01-15
//!  ★2 Fix the flaky tests · 2 dots
//!     + add an action
//!  Not tied to an improvement
//!  From the last checkpoint (2026-08-20), Space marks done
//!     ✓ Write the deployment runbook                       Ben
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::checkpoint::{Action as Item, Checkpoint};
use crate::command::Command;
use crate::tui::effect::{Effect, error};
use crate::tui::keymap::Action;
use crate::tui::kits::kit_picker;
use crate::tui::model::Model;
use crate::tui::popup::{Popup, Purpose};
use crate::tui::widgets::{count, fit, width};

/// The selected row.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
}

/// A row of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// An improvement's heading: actions are added under it.
    Improvement(usize),
    Action(usize),
    /// The heading of the actions tied to no improvement.
    Other,
    /// One of last checkpoint's actions.
    FollowUp(usize),
}

/// The improvements that get actions: the top ones once dots are placed (with any other that
/// has actions), else every improvement, in the order shown on the improvements screen.
fn improvements(c: &Checkpoint) -> Vec<usize> {
    let ranking = c.ranking();
    let any_top = c.dots_shown() && ranking.iter().any(|r| r.is_top());
    c.improvement_order()
        .into_iter()
        .filter(|i| {
            !any_top
                || ranking.iter().any(|r| r.index == *i && r.is_top())
                || c.actions_for(Some(*i)).next().is_some()
        })
        .collect()
}

/// Every row, in order.
pub fn rows(c: &Checkpoint) -> Vec<Row> {
    let mut rows = Vec::new();
    for i in improvements(c) {
        rows.push(Row::Improvement(i));
        rows.extend(c.actions_for(Some(i)).map(|(k, _)| Row::Action(k)));
    }
    rows.push(Row::Other);
    rows.extend(c.actions_for(None).map(|(k, _)| Row::Action(k)));
    rows.extend((0..c.previous_actions.len()).map(Row::FollowUp));
    rows
}

/// The improvement a row belongs to.
pub fn improvement_of(c: &Checkpoint, row: Row) -> Option<usize> {
    match row {
        Row::Improvement(i) => Some(i),
        Row::Action(k) => c.actions.get(k)?.improvement,
        Row::Other | Row::FollowUp(_) => None,
    }
}

/// The text field for an action's text; the owner and the due date are asked next.
fn ask_text(improvement: Option<usize>, edit: Option<usize>, text: &str) -> Popup {
    let title = if edit.is_some() {
        "The action"
    } else {
        "A new action"
    };
    Popup::input(title, Purpose::ActionText { improvement, edit }, text)
}

/// Handles a key on the actions screen.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let Some(c) = model.checkpoint() else {
        return Vec::new();
    };
    let rows = rows(c);
    state.selected = state.selected.min(rows.len().saturating_sub(1));
    let Some(row) = rows.get(state.selected).copied() else {
        return Vec::new();
    };
    let popup = |popup: Popup| vec![Effect::Popup(popup)];
    match (action, row) {
        (Action::Up, _) => state.selected = state.selected.saturating_sub(1),
        (Action::Down, _) => state.selected = (state.selected + 1).min(rows.len() - 1),
        (Action::Add | Action::Open, Row::Improvement(_) | Row::Other)
        | (Action::Add, Row::Action(_)) => {
            return popup(ask_text(improvement_of(c, row), None, ""));
        }
        (Action::Open | Action::Rename, Row::Action(k)) => {
            let a = &c.actions[k];
            return popup(ask_text(a.improvement, Some(k), &a.text));
        }
        (Action::Remove, Row::Action(k)) => {
            return vec![
                Effect::Edit(Command::RemoveAction(k)),
                Effect::Info(format!("Removed “{}”.", c.actions[k].text)),
            ];
        }
        (Action::Remove, _) => return error("Select an action to remove."),
        (Action::Add, Row::FollowUp(k)) => {
            // An action not done last time, kept for this quarter.
            return vec![
                Effect::Edit(Command::KeepFollowUp(k)),
                Effect::Info("Kept for this quarter, under “Not tied to an improvement”.".into()),
            ];
        }
        (Action::Toggle, Row::FollowUp(k)) => {
            return vec![Effect::Edit(Command::ToggleFollowUp(k))];
        }
        (Action::Kit, _) => {
            return match improvement_of(c, row) {
                Some(i) => popup(kit_picker(model, i)),
                None => error("Select an improvement (or one of its actions) first."),
            };
        }
        _ => {}
    }
    Vec::new()
}

/// Keeps an action's text (selecting it), then asks for its owner.
pub fn apply_text(
    model: &Model,
    state: Option<&mut State>,
    improvement: Option<usize>,
    edit: Option<usize>,
    text: &str,
) -> Result<Vec<Effect>, String> {
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err("Say what is to be done.".into());
    }
    let c = model.checkpoint().ok_or("no checkpoint is open")?;
    let edit = edit.filter(|k| *k < c.actions.len());
    let command = match edit {
        Some(index) => Command::ActionText { index, text },
        None => Command::AddAction(Item {
            text,
            owner: String::new(),
            due: None,
            improvement,
        }),
    };
    let (after, done) = model.preview(&command)?;
    let k = edit.unwrap_or(done.index());
    let names = after.participants.join(", ");
    let row = rows(&after).iter().position(|r| *r == Row::Action(k));
    if let (Some(state), Some(row)) = (state, row) {
        state.selected = row;
    }
    let owner = Popup::input(
        &format!("Owner ({names})"),
        Purpose::ActionOwner(k),
        &after.actions[k].owner,
    );
    Ok(vec![Effect::Edit(command), Effect::Popup(owner)])
}

/// Keeps an action's owner, then asks for its due date.
pub fn apply_owner(model: &Model, k: usize, owner: &str) -> Result<Vec<Effect>, String> {
    let owner = owner.to_string();
    let command = Command::ActionOwner { index: k, owner };
    let (after, _) = model.preview(&command)?;
    let due = after.actions[k]
        .due
        .map(|d| d.to_string())
        .unwrap_or_default();
    let ask = Popup::input(
        "Due date, YYYY-MM-DD (empty for none)",
        Purpose::ActionDue(k),
        &due,
    );
    Ok(vec![Effect::Edit(command), Effect::Popup(ask)])
}

/// Keeps an action's due date (empty for none).
pub fn apply_due(model: &Model, k: usize, due: &str) -> Result<Vec<Effect>, String> {
    let due = match due.trim() {
        "" => None,
        text => Some(crate::date::parse_date(text)?),
    };
    let command = Command::ActionDue { index: k, due };
    model.preview(&command)?;
    Ok(vec![Effect::Edit(command)])
}

/// `Ana · due 2027-01-15`, or `owner?` when nobody owns it yet.
fn owner_and_due(action: &Item) -> (String, bool) {
    let owner = if action.owner.is_empty() {
        "owner?".to_string()
    } else {
        action.owner.clone()
    };
    let due = action.due.map_or(String::new(), |d| format!(" · due {d}"));
    (format!("{owner}{due}"), action.owner.is_empty())
}

/// Draws the actions screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let Some(c) = model.checkpoint() else {
        return;
    };
    let [title, body, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area.inner(ratatui::layout::Margin::new(1, 0)));
    let owned = c.actions.iter().filter(|a| !a.owner.is_empty()).count();
    let mut heading = match c.actions.len() {
        0 => "no actions yet".to_string(),
        n if owned == n => format!("{n}, all with an owner"),
        n => format!("{n}, {owned} with an owner"),
    };
    if let Some(first) = c.previous_actions.first() {
        let done = c.previous_actions.iter().filter(|f| f.done).count();
        heading.push_str(&format!(
            " · from {}: {done} of {} done",
            first.from,
            c.previous_actions.len()
        ));
    }
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Actions", theme.title),
            Span::styled(format!(" · {heading}"), theme.dim),
        ])),
        title,
    );

    let ranking = c.ranking();
    let shown = c.dots_shown();
    let columns = usize::from(body.width).saturating_sub(2);
    let rows = rows(c);
    let mut items = Vec::new();
    for row in &rows {
        if matches!(row, Row::FollowUp(0)) {
            items.push(None);
        }
        items.push(Some(match *row {
            Row::Improvement(i) => {
                let m = &c.improvements[i];
                let r = ranking.iter().find(|r| r.index == i);
                let mut spans = Vec::new();
                if let Some(r) = r.filter(|r| shown && r.dots > 0) {
                    let star = if r.is_top() { "★" } else { " " };
                    spans.push(Span::styled(format!("{star}{} ", r.rank), theme.warn));
                }
                spans.push(Span::styled(
                    fit(&m.text, columns.saturating_sub(34)),
                    theme.title,
                ));
                if let Some(r) = r.filter(|r| shown && r.dots > 0) {
                    let dots = count(r.dots as usize, "dot", "dots");
                    spans.push(Span::styled(format!(" · {dots}"), theme.dim));
                }
                if crate::plan::kit_for(&model.catalog, m).is_some() {
                    spans.push(Span::styled(" · p: starter backlog", theme.good));
                }
                if c.actions_for(Some(i)).next().is_none() {
                    spans.push(Span::styled(" · Enter: add one", theme.dim));
                }
                Line::from(spans)
            }
            Row::Action(k) => {
                let a = &c.actions[k];
                let (who, missing) = owner_and_due(a);
                let room = columns.saturating_sub(width(&who) + 6);
                Line::from(vec![
                    Span::raw("   • "),
                    Span::raw(format!("{:<room$}", fit(&a.text, room))),
                    Span::styled(
                        format!(" {who}"),
                        if missing { theme.warn } else { theme.dim },
                    ),
                ])
            }
            Row::Other => Line::styled("Not tied to an improvement", theme.title),
            Row::FollowUp(k) => {
                let f = &c.previous_actions[k];
                let (mark, style) = if f.done {
                    ("✓ done    ", theme.good)
                } else {
                    ("✗ not done", theme.warn)
                };
                let owner = if f.owner.is_empty() { "–" } else { &f.owner };
                let room = columns.saturating_sub(width(owner) + 16);
                Line::from(vec![
                    Span::styled(format!("   {mark} "), style),
                    Span::raw(format!("{:<room$}", fit(&f.text, room))),
                    Span::styled(format!(" {owner}"), theme.dim),
                ])
            }
        }));
    }
    // The follow-ups' heading is a line of its own that cannot be selected.
    let mut selected = state.selected;
    let mut list = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        match item {
            Some(line) => list.push(ListItem::new(line)),
            None => {
                let from = c
                    .previous_actions
                    .first()
                    .map(|f| f.from.to_string())
                    .unwrap_or_default();
                list.push(ListItem::new(Line::styled(
                    format!(
                        "From the last checkpoint ({from}): Space marks done, a keeps one for now"
                    ),
                    theme.title,
                )));
                if n <= selected {
                    selected += 1;
                }
            }
        }
    }
    frame.render_stateful_widget(
        List::new(list)
            .highlight_style(theme.selected)
            .highlight_symbol("› "),
        body,
        &mut ListState::default().with_selected(Some(selected)),
    );
    let kit = rows
        .get(state.selected)
        .and_then(|r| improvement_of(c, *r))
        .and_then(|i| c.improvements.get(i))
        .and_then(|m| crate::plan::kit_for(&model.catalog, m));
    let note = match kit {
        Some(kit) => format!(
            "{}: p picks from its starter backlog of {} items, with its definition of done.",
            kit.title,
            kit.steps.len()
        ),
        None => {
            "a adds an action · Enter edits one (text, owner, due date) · d removes it".to_string()
        }
    };
    frame.render_widget(
        Paragraph::new(Line::styled(note, theme.dim)).wrap(Wrap { trim: true }),
        detail,
    );
}
