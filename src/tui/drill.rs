//! The dashboard's overlays: a baseline section's items (Enter votes on one), and every
//! measure's change since the squad's last checkpoint with its trend.
//!
//! ```text
//!   ┌ Deployment · 1.7 (Enter votes, Esc closes) ───────────────┐
//!   │› Deployment automation             ████████░░░░  2.0 Most │
//!   └───────────────────────────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, HighlightSpacing, List, ListItem, ListState, Paragraph};

use crate::number::fixed;
use crate::tui::dashboard::{Section, Since, change_span};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, fit, gauge};

/// A baseline section's items, opened from the dashboard.
#[derive(Debug, Clone)]
pub struct Drill {
    pub section: Section,
    pub selected: usize,
}

/// What a key in the list comes to.
#[derive(Debug, Clone)]
pub enum Drilled {
    Open(Drill),
    Closed,
    /// Vote on this question.
    Vote(String),
}

/// Handles a key in a section's item list.
pub fn update(mut drill: Drill, action: Action) -> Drilled {
    let items = &drill.section.items;
    match action {
        Action::Back => return Drilled::Closed,
        Action::Up => drill.selected = drill.selected.saturating_sub(1),
        Action::Down => {
            drill.selected = (drill.selected + 1).min(items.len().saturating_sub(1));
        }
        Action::Open => {
            return match items.get(drill.selected) {
                Some((id, ..)) => Drilled::Vote(id.clone()),
                None => Drilled::Closed,
            };
        }
        _ => {}
    }
    Drilled::Open(drill)
}

/// Draws a section's items over the dashboard.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme, drill: &Drill) {
    let section = &drill.section;
    let height = u16::try_from(section.items.len() + 2).unwrap_or(u16::MAX);
    let box_area = centered(area, 76, height);
    frame.render_widget(Clear, box_area);
    let items: Vec<ListItem> = section
        .items
        .iter()
        .map(|(_, name, value, label)| {
            let mut spans = vec![Span::raw(format!("{} ", fit(name, 39)))];
            spans.extend(gauge(*value, 3.0, 12, theme));
            spans.push(Span::raw(format!(
                " {:>4} {label}",
                value.map_or("–".to_string(), |v| fixed(v, 1))
            )));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let title = format!(
        " {} · {} (Enter votes, Esc closes) ",
        section.title,
        section.score.map_or("–".to_string(), |v| fixed(v, 1))
    );
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().border_style(theme.border).title(title))
            .highlight_style(theme.selected)
            .highlight_symbol("› ")
            .highlight_spacing(HighlightSpacing::Always),
        box_area,
        &mut ListState::default().with_selected(Some(drill.selected)),
    );
}

/// Draws every measure's change since the last checkpoint, with its trend, over the dashboard.
pub fn render_since(frame: &mut Frame, area: Rect, theme: &Theme, since: &Since, scroll: u16) {
    let c = &since.comparison;
    let mut lines = vec![
        Line::styled(
            format!(
                "{} → {} · trend across {} checkpoints",
                c.before.date, c.after.date, since.checkpoints
            ),
            theme.dim,
        ),
        Line::default(),
    ];
    let width = since.checkpoints.max(5);
    for (row, trend) in c.rows.iter().zip(&since.trends) {
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", fit(&row.label, 38))),
            Span::styled(format!("{trend:<width$} "), theme.bar_fill),
            Span::raw(format!(
                "{:>8} → {:<8} ",
                fit(&row.before, 8),
                fit(&row.after, 8)
            )),
            change_span(row, theme),
        ]));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let box_area = centered(area, 80, height);
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().border_style(theme.border).title(format!(
                " Since the last checkpoint ({}) · Esc closes ",
                c.before.date
            )))
            .scroll((scroll, 0)),
        box_area,
    );
}
