//! Every style the screens use, in one place: a colour theme and, when `NO_COLOR` is set, a
//! monochrome one where selection and votes stay visible through reverse video, bold and symbols.

use ratatui::style::{Color, Modifier, Style};

/// The styles of one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Less important text: hints, counts, unvoted rows.
    pub dim: Style,
    /// Titles and headings.
    pub title: Style,
    /// The header and footer bars.
    pub bar: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// The selected row or cell.
    pub selected: Style,
    /// Something done: a cast vote, a reached phase.
    pub good: Style,
    /// Something to look at: the discussion flag, a timebox overrun.
    pub warn: Style,
    /// An error in the status line.
    pub error: Style,
    /// Filled part of bars and gauges.
    pub bar_fill: Style,
    /// The phase the squad is working on.
    pub highlight: Style,
    /// Popup borders.
    pub border: Style,
    /// The organisation heatmap's bands, lowest first (the cells also carry the report's
    /// symbols ○ ◔ ◑ ●, so the monochrome theme reads by them alone).
    pub bands: [Style; 4],
}

impl Theme {
    /// The colour theme: named ANSI colours on the terminal's own background.
    pub fn color() -> Theme {
        Theme {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            bar: Style::new().fg(Color::Black).bg(Color::Cyan),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            good: Style::new().fg(Color::Green),
            warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            bar_fill: Style::new().fg(Color::Cyan),
            highlight: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Cyan),
            bands: [
                Style::new().fg(Color::Red),
                Style::new().fg(Color::Yellow),
                Style::new().fg(Color::Cyan),
                Style::new().fg(Color::Green),
            ],
        }
    }

    /// No colour at all: only bold, reverse video and underline.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            dim: plain,
            title: bold,
            bar: Style::new().add_modifier(Modifier::REVERSED),
            key: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            good: bold,
            warn: bold,
            error: bold,
            bar_fill: plain,
            highlight: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: plain,
            bands: [plain, plain, plain, bold],
        }
    }

    /// The theme the environment asks for: monochrome when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::monochrome(),
            _ => Theme::color(),
        }
    }
}
