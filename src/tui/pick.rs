//! A list to pick from, over a screen: a starting point for an improvement, a capability to
//! rate on purpose, or a kit's starter-backlog items (several at once).
//!
//! ```text
//!   ┌ Starter backlog: Space picks, Enter adds the picked ─────┐
//!   │› [x] Continuous deployment to dev   Deployment automation │
//!   │  [ ] Post-deployment smoke tests    Deployment automation │
//!   │ Definition of done (...):                                 │
//!   └───────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph};

use crate::checkpoint::Concern;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, hanging, titled, wrap};

/// A list to pick from.
#[derive(Debug, Clone)]
pub struct Pick {
    pub title: String,
    pub items: Vec<PickItem>,
    pub selected: usize,
    /// Several can be picked (Space), and Enter takes them all.
    pub multi: bool,
    pub picked: Vec<bool>,
    /// Rows already taken (a backlog item that is an action already): shown as added, never
    /// picked again.
    pub added: Vec<bool>,
    /// Lines shown under the list.
    pub notes: Vec<String>,
    pub purpose: PickPurpose,
}

/// One row of a [`Pick`].
#[derive(Debug, Clone)]
pub struct PickItem {
    pub label: String,
    /// Said after the label, dimmed.
    pub detail: String,
}

/// What picking does.
#[derive(Debug, Clone)]
pub enum PickPurpose {
    /// Start an improvement: the first row is the squad's own words, then these.
    Suggestion(Vec<crate::plan::Suggestion>),
    /// Add a kit's starter-backlog items as actions: (kit id, item title) per row.
    KitSteps {
        improvement: usize,
        steps: Vec<(String, String)>,
    },
    /// Rate a capability on purpose: its id per row.
    Capability(Vec<String>),
}

impl Pick {
    /// A list with the first row selected and nothing picked.
    pub fn new(title: &str, items: Vec<PickItem>, purpose: PickPurpose) -> Pick {
        Pick {
            title: title.to_string(),
            picked: vec![false; items.len()],
            added: vec![false; items.len()],
            items,
            selected: 0,
            multi: false,
            notes: Vec::new(),
            purpose,
        }
    }

    /// Whether row `i` is taken already.
    fn is_added(&self, i: usize) -> bool {
        self.added.get(i).copied().unwrap_or(false)
    }
}

/// What a key in the list comes to.
#[derive(Debug, Clone)]
pub enum Picked {
    /// The list stays open, saying this when there is something to say.
    Open(Pick, Option<&'static str>),
    Closed,
    /// A starting point for an improvement: its text and what it concerns, or nothing for
    /// the squad's own words.
    Suggestion(String, Option<Concern>),
    /// Starter-backlog items (kit id, title) for an improvement.
    KitSteps {
        improvement: usize,
        steps: Vec<(String, String)>,
    },
    /// A capability to rate on purpose.
    Capability(String),
}

/// Handles a key while the list is open.
pub fn update(mut pick: Pick, action: Action) -> Picked {
    let last = pick.items.len().saturating_sub(1);
    match action {
        Action::Back => return Picked::Closed,
        Action::Up => pick.selected = pick.selected.saturating_sub(1),
        Action::Down => pick.selected = (pick.selected + 1).min(last),
        // Space picks in place: the cursor stays, so a second Space unpicks.
        Action::Toggle if pick.multi => {
            if pick.is_added(pick.selected) {
                return Picked::Open(pick, Some("Already added: it is one of the actions."));
            } else if let Some(p) = pick.picked.get_mut(pick.selected) {
                *p = !*p;
            }
        }
        Action::Confirm => match &pick.purpose {
            PickPurpose::Suggestion(suggestions) => {
                let chosen = pick
                    .selected
                    .checked_sub(1)
                    .and_then(|i| suggestions.get(i));
                return match chosen {
                    Some(s) => Picked::Suggestion(s.text.clone(), Some(s.concerns.clone())),
                    None => Picked::Suggestion(String::new(), None),
                };
            }
            PickPurpose::KitSteps { improvement, steps } => {
                // Enter with nothing picked takes the selected item; an item added already is
                // never added again.
                let mut chosen: Vec<(String, String)> = (0..steps.len())
                    .filter(|i| pick.picked[*i] && !pick.is_added(*i))
                    .map(|i| steps[i].clone())
                    .collect();
                if chosen.is_empty() {
                    if pick.is_added(pick.selected) {
                        let why = "Already added: pick another item, or Esc.";
                        return Picked::Open(pick, Some(why));
                    }
                    chosen.extend(steps.get(pick.selected).cloned());
                }
                return Picked::KitSteps {
                    improvement: *improvement,
                    steps: chosen,
                };
            }
            PickPurpose::Capability(ids) => {
                return match ids.get(pick.selected) {
                    Some(id) => Picked::Capability(id.clone()),
                    None => Picked::Closed,
                };
            }
        },
        _ => {}
    }
    Picked::Open(pick, None)
}

/// Draws a list to pick from, with its notes under it.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme, pick: &Pick) {
    let width = area.width.saturating_sub(4).min(96);
    // The notes wrapped inside the box, a bullet's next lines under its text.
    let columns = usize::from(width.saturating_sub(2));
    let wrapped: Vec<String> = pick
        .notes
        .iter()
        .flat_map(|n| match n.strip_prefix("• ") {
            Some(text) => hanging("• ", text, columns),
            None => wrap(n, columns),
        })
        .collect();
    let notes = u16::try_from(wrapped.len()).unwrap_or(0);
    let rows = u16::try_from(pick.items.len()).unwrap_or(u16::MAX);
    let height = rows
        .saturating_add(notes)
        .saturating_add(2)
        .min(area.height.saturating_sub(2));
    let box_area = centered(area, width, height);
    frame.render_widget(Clear, box_area);
    let outer = titled(theme, &pick.title);
    let inner = outer.inner(box_area);
    frame.render_widget(outer, box_area);
    let list_height = rows.min(inner.height.saturating_sub(notes.min(inner.height / 2)));
    let [list_area, notes_area] =
        Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)]).areas(inner);
    let items: Vec<ListItem> = pick
        .items
        .iter()
        .zip(&pick.picked)
        .enumerate()
        .map(|(i, (item, picked))| {
            let added = pick.is_added(i);
            let mark = match (pick.multi, added, picked) {
                (false, _, _) => "",
                (true, true, _) => "[✓] ",
                (true, false, true) => "[x] ",
                (true, false, false) => "[ ] ",
            };
            let label = format!("{mark}{}", item.label);
            let mut spans = vec![if added {
                Span::styled(label, theme.dim)
            } else {
                Span::raw(label)
            }];
            if added {
                spans.push(Span::styled("  added", theme.good));
            } else if !item.detail.is_empty() {
                spans.push(Span::styled(format!("  {}", item.detail), theme.dim));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme.selected)
            .highlight_symbol("› "),
        list_area,
        &mut ListState::default().with_selected(Some(pick.selected)),
    );
    let lines: Vec<Line> = wrapped
        .into_iter()
        .map(|n| Line::styled(n, theme.dim))
        .collect();
    frame.render_widget(Paragraph::new(lines), notes_area);
}
