//! Boxes and bars the screens and popups share: a centred box, a popup's titled frame, a
//! dashboard panel and a gauge.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Padding};

use crate::tui::theme::Theme;

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

/// A dashboard panel: a bordered box with `title`.
pub fn panel(title: String, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .border_style(theme.border)
        .padding(Padding::horizontal(1))
        .title(title)
}

/// A bar `width` wide, filled `value / max` of the way.
pub fn gauge(value: Option<f64>, max: f64, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let filled = value.map_or(0, |v| {
        ((v / max).clamp(0.0, 1.0) * width as f64).round() as usize
    });
    vec![
        Span::styled("█".repeat(filled), theme.bar_fill),
        Span::styled("░".repeat(width - filled), theme.dim),
    ]
}
