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
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::popup::{Pick, PickItem, PickPurpose, Popup, Purpose};
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
fn improvement_of(c: &Checkpoint, row: Row) -> Option<usize> {
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
pub fn update(app: &mut App, state: &mut State, action: Action) -> Option<Screen> {
    let c = app.checkpoint_mut()?;
    let rows = rows(c);
    state.selected = state.selected.min(rows.len().saturating_sub(1));
    let row = rows.get(state.selected).copied()?;
    match (action, row) {
        (Action::Up, _) => state.selected = state.selected.saturating_sub(1),
        (Action::Down, _) => state.selected = (state.selected + 1).min(rows.len() - 1),
        (Action::Add | Action::Open, Row::Improvement(_) | Row::Other)
        | (Action::Add, Row::Action(_)) => {
            app.popup = Some(ask_text(improvement_of(c, row), None, ""));
        }
        (Action::Open | Action::Rename, Row::Action(k)) => {
            let text = c.actions[k].text.clone();
            app.popup = Some(ask_text(c.actions[k].improvement, Some(k), &text));
        }
        (Action::Remove, Row::Action(k)) => {
            let gone = c.actions.remove(k);
            app.info(&format!("Removed “{}”.", gone.text));
        }
        (Action::Remove, _) => app.error("Select an action to remove."),
        (Action::Add, Row::FollowUp(k)) => {
            // An action not done last time, kept for this quarter.
            let f = c.previous_actions[k].clone();
            c.actions.push(Item {
                text: f.text,
                owner: f.owner,
                due: None,
                improvement: None,
            });
            app.info("Kept for this quarter, under “Not tied to an improvement”.");
        }
        (Action::Toggle, Row::FollowUp(k)) => {
            let f = &mut c.previous_actions[k];
            f.done = !f.done;
        }
        (Action::Kit, _) => match improvement_of(c, row) {
            Some(i) => app.popup = Some(kit_picker(app, i)),
            None => app.error("Select an improvement (or one of its actions) first."),
        },
        _ => {}
    }
    None
}

/// The execution kits' starter backlogs to pick actions from, the one that fits the improvement
/// first, with its definition of done.
pub fn kit_picker(app: &App, improvement: usize) -> Popup {
    let catalog = &app.catalog;
    let fits = app
        .checkpoint()
        .and_then(|c| c.improvements.get(improvement))
        .and_then(|m| crate::plan::kit_for(catalog, m))
        .map(|k| k.id.clone());
    let mut kits: Vec<&crate::checklist::Kit> = catalog.kits().collect();
    kits.sort_by_key(|k| Some(&k.id) != fits.as_ref());
    let mut items = Vec::new();
    let mut steps = Vec::new();
    let mut added = Vec::new();
    for kit in &kits {
        for step in &kit.steps {
            added.push(app.checkpoint().is_some_and(|c| is_action(c, &step.title)));
            items.push(PickItem {
                label: step.title.clone(),
                detail: kit.title.clone(),
            });
            steps.push((kit.id.clone(), step.title.clone()));
        }
    }
    let done = kits
        .first()
        .map(|k| {
            let mut lines = vec![format!("Definition of done ({}):", k.title)];
            lines.extend(k.definition_of_done.iter().map(|d| format!("• {d}")));
            lines
        })
        .unwrap_or_default();
    let title = match &fits {
        Some(_) => "Starter backlog: Space picks, Enter adds the picked",
        None => "Starter backlogs (no kit names this improvement): Space picks, Enter adds",
    };
    let mut pick = Pick::new(title, items, PickPurpose::KitSteps { improvement, steps });
    pick.multi = true;
    pick.added = added;
    pick.notes = done;
    Popup::Pick(pick)
}

/// Whether a starter-backlog item is one of the checkpoint's actions already (under any
/// improvement): the same text, ignoring case and the spaces around it.
fn is_action(c: &Checkpoint, title: &str) -> bool {
    c.actions
        .iter()
        .any(|a| a.text.trim().eq_ignore_ascii_case(title.trim()))
}

/// Adds the picked starter-backlog items as actions of `improvement`, and remembers the kit so
/// the summary shows its definition of done.
pub fn add_steps(app: &mut App, improvement: usize, picked: &[(String, String)]) {
    let Some(c) = app.checkpoint_mut() else {
        return;
    };
    let mut n = 0;
    for (kit, title) in picked {
        if is_action(c, title) {
            continue;
        }
        n += 1;
        c.actions.push(Item {
            text: title.clone(),
            owner: String::new(),
            due: None,
            improvement: Some(improvement),
        });
        if let Some(m) = c.improvements.get_mut(improvement) {
            m.kit.get_or_insert_with(|| kit.clone());
        }
    }
    app.info(&match n {
        0 => "Nothing picked: Space picks an item.".to_string(),
        1 => "Added 1 action; Enter on it gives it an owner.".to_string(),
        n => format!("Added {n} actions; Enter on each gives it an owner."),
    });
}

/// Keeps an action's text, then asks for its owner.
pub fn apply_text(
    app: &mut App,
    improvement: Option<usize>,
    edit: Option<usize>,
    text: &str,
) -> Result<(), String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Say what is to be done.".into());
    }
    let c = app.checkpoint_mut().ok_or("no checkpoint is open")?;
    let k = match edit.filter(|k| *k < c.actions.len()) {
        Some(k) => {
            c.actions[k].text = text.to_string();
            k
        }
        None => {
            c.actions.push(Item {
                text: text.to_string(),
                owner: String::new(),
                due: None,
                improvement,
            });
            c.actions.len() - 1
        }
    };
    let owner = c.actions[k].owner.clone();
    let names = c.participants.join(", ");
    let row = rows(c).iter().position(|r| *r == Row::Action(k));
    if let (Screen::Actions(s), Some(row)) = (&mut app.screen, row) {
        s.selected = row;
    }
    app.popup = Some(Popup::input(
        &format!("Owner ({names})"),
        Purpose::ActionOwner(k),
        &owner,
    ));
    Ok(())
}

/// Keeps an action's owner, then asks for its due date.
pub fn apply_owner(app: &mut App, k: usize, owner: &str) -> Result<(), String> {
    let c = app.checkpoint_mut().ok_or("no checkpoint is open")?;
    // An owner who is a participant is written as the participant list spells them.
    let owner = c
        .participant_named(owner)
        .unwrap_or(owner.trim())
        .to_string();
    let action = c.actions.get_mut(k).ok_or("the action is gone")?;
    action.owner = owner;
    let due = action.due.map(|d| d.to_string()).unwrap_or_default();
    app.popup = Some(Popup::input(
        "Due date, YYYY-MM-DD (empty for none)",
        Purpose::ActionDue(k),
        &due,
    ));
    Ok(())
}

/// Keeps an action's due date (empty for none).
pub fn apply_due(app: &mut App, k: usize, due: &str) -> Result<(), String> {
    let due = match due.trim() {
        "" => None,
        text => Some(crate::date::parse_date(text)?),
    };
    let c = app.checkpoint_mut().ok_or("no checkpoint is open")?;
    c.actions.get_mut(k).ok_or("the action is gone")?.due = due;
    Ok(())
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
pub fn render(frame: &mut Frame, area: Rect, app: &App, state: &State) {
    let theme = &app.theme;
    let Some(c) = app.checkpoint() else {
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
                if crate::plan::kit_for(&app.catalog, m).is_some() {
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
        .and_then(|m| crate::plan::kit_for(&app.catalog, m));
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
