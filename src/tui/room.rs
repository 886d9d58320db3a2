//! The voting room on the workshop screen: the room the facilitator opened ([`Live`]), and its
//! panel with the join link, the room code, a QR code to scan, who joined and who waits to be
//! let in.
//!
//! ```text
//! ┌ Voting room ───────────────────────────────────────────────────────────┐
//! │ ▄▄▄▄▄▄▄ ▄ ▄▄▄▄▄▄▄   Scan, or open on a phone or laptop on this network: │
//! │ █ ▄▄▄ █ ▄ █ ▄▄▄ █   http://192.168.1.20:41234/3f9a1c2b7d4e8a60/          │
//! │ █ ███ █ ▀ █ ███ █   room 3f9a 1c2b 7d4e 8a60                             │
//! │ ...                 In the room (3): Ana, Ben, Cleo                      │
//! │                     Waiting to be let in: › Dana                         │
//! └────────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! What a key does here comes back as a [`Effect`] for the app to carry out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::room::{Happened, Order, Served};
use crate::serve::Host;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;

/// Modules of quiet (light) border around the QR code; scanners need some.
const QUIET: usize = 2;

/// A room open on the workshop screen.
pub struct Live {
    pub host: Host,
    /// Whether the panel shows.
    pub shown: bool,
    /// The selected name among those waiting.
    pub selected: usize,
    /// The link as a QR code, one row of modules per entry (true: dark).
    qr: Vec<Vec<bool>>,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live")
            .field("link", &self.host.link())
            .field("shown", &self.shown)
            .finish_non_exhaustive()
    }
}

/// What a key on the panel asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Let the name in as a participant.
    Admit(String),
    Close,
}

impl Live {
    /// The room `host` opened, with its panel showing.
    pub fn new(host: Host) -> Live {
        let qr = qr_modules(host.link());
        Live {
            host,
            shown: true,
            selected: 0,
            qr,
        }
    }

    /// Who waits to be let in.
    pub fn waiting(&self) -> Vec<&str> {
        self.host.owner().room().waiting()
    }

    /// Who joined as a participant.
    pub fn voters(&self) -> Vec<&str> {
        self.host.owner().room().voters()
    }

    /// What the header says of the room.
    pub fn label(&self) -> String {
        let joined = self.voters().len();
        match self.waiting().len() {
            0 => format!("◉ room: {joined} joined"),
            n => format!("◉ room: {joined} joined, {n} waiting (w)"),
        }
    }
}

/// Handles a key on the panel.
pub fn update(live: &mut Live, action: Action) -> Option<Effect> {
    let waiting = live.waiting().len();
    match action {
        Action::Up => live.selected = live.selected.saturating_sub(1),
        Action::Down => live.selected = (live.selected + 1).min(waiting.saturating_sub(1)),
        Action::Back => live.shown = false,
        Action::CloseRoom => return Some(Effect::Close),
        Action::Confirm => {
            let name = live.waiting().get(live.selected)?.to_string();
            return Some(Effect::Admit(name));
        }
        _ => {}
    }
    None
}

/// One line for the status bar per thing voters did, newest last; `question` names a question.
pub fn news(served: &Served, question: impl Fn(&str) -> String) -> Option<(String, bool)> {
    if let Some(e) = &served.unsaved {
        return Some((format!("NOT SAVED: {e}"), true));
    }
    let text = match served.happened.last()? {
        Happened::Joined {
            name,
            waiting: false,
        } => format!("{name} joined the room."),
        Happened::Joined {
            name,
            waiting: true,
        } => format!("{name} asks to join: w, then Enter lets them in."),
        Happened::Voted {
            name, question: q, ..
        } => format!("{name} voted on {}.", question(q)),
        Happened::Cleared { name, question: q } => {
            format!("{name} took back their vote on {}.", question(q))
        }
        Happened::Dot { name } => format!("{name} moved a dot."),
        Happened::Improvement { name, index } => {
            format!("{name} noted improvement {}.", index + 1)
        }
        Happened::Ordered(Order::Admit { name }) => format!("Let {name} in."),
        Happened::Ordered(_) => return None,
    };
    Some((text, false))
}

/// The link's QR code as rows of modules, with the quiet border; empty when the link does not
/// fit in a QR code (it always does: a link is under 100 bytes).
fn qr_modules(link: &str) -> Vec<Vec<bool>> {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(link, qrcode::EcLevel::L) else {
        return Vec::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET;
    (0..side)
        .map(|y| {
            (0..side)
                .map(|x| {
                    let inside =
                        (QUIET..QUIET + width).contains(&x) && (QUIET..QUIET + width).contains(&y);
                    inside && colors[(y - QUIET) * width + (x - QUIET)] == qrcode::Color::Dark
                })
                .collect()
        })
        .collect()
}

/// The QR code in half blocks, two rows of modules per line, dark on light whatever the
/// terminal's colours.
pub fn qr_lines(modules: &[Vec<bool>]) -> Vec<Line<'static>> {
    let style = Style::new().fg(Color::Black).bg(Color::White);
    modules
        .chunks(2)
        .map(|pair| {
            let top = &pair[0];
            let bottom = pair.get(1);
            let text: String = (0..top.len())
                .map(|x| {
                    let low = bottom.is_some_and(|b| b[x]);
                    match (top[x], low) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    }
                })
                .collect();
            Line::styled(text, style)
        })
        .collect()
}

/// Draws the panel over `area`.
pub fn render(frame: &mut Frame, area: Rect, live: &Live, theme: &Theme) {
    let qr = qr_lines(&live.qr);
    let qr_width = u16::try_from(live.qr.len()).unwrap_or(0);
    let qr_height = u16::try_from(qr.len()).unwrap_or(0);
    let width = area.width.min(qr_width + 48);
    let height = area.height.min(qr_height.max(12) + 2);
    let [_, row, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [_, panel, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(width),
        Constraint::Fill(1),
    ])
    .areas(row);
    frame.render_widget(Clear, panel);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(" Voting room ");
    let inner = block.inner(panel);
    frame.render_widget(block, panel);
    // The QR code only when it fits whole: a cut one does not scan.
    let fits = qr_height <= inner.height && qr_width + 24 <= inner.width;
    let text_area = if fits {
        let [code, _, text] = Layout::horizontal([
            Constraint::Length(qr_width),
            Constraint::Length(2),
            Constraint::Fill(1),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(qr), code);
        text
    } else {
        inner.inner(ratatui::layout::Margin::new(1, 0))
    };
    frame.render_widget(
        Paragraph::new(panel_lines(live, theme, fits)).wrap(Wrap { trim: false }),
        text_area,
    );
}

/// The text beside the QR code.
fn panel_lines(live: &Live, theme: &Theme, scannable: bool) -> Vec<Line<'static>> {
    let code = live.host.code();
    let grouped: Vec<&str> = code
        .as_bytes()
        .chunks(4)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    let mut lines = vec![
        Line::raw(if scannable {
            "Scan the code, or open this on a phone or laptop on this network:"
        } else {
            "Open this on a phone or laptop on this network:"
        }),
        Line::styled(live.host.link().to_string(), theme.title),
        Line::styled(format!("room {}", grouped.join(" ")), theme.dim),
        Line::default(),
    ];
    let voters = live.voters();
    let names = if voters.is_empty() {
        "nobody yet".to_string()
    } else {
        truncate(&voters.join(", "), 200)
    };
    lines.push(Line::from(vec![
        Span::styled(format!("In the room ({}): ", voters.len()), theme.title),
        Span::raw(names),
    ]));
    let waiting = live.waiting();
    if !waiting.is_empty() {
        lines.push(Line::styled(
            format!("Waiting to be let in ({}):", waiting.len()),
            theme.warn,
        ));
        for (i, name) in waiting.iter().enumerate() {
            let (mark, style) = if i == live.selected {
                ("› ", theme.selected)
            } else {
                ("  ", theme.text)
            };
            lines.push(Line::styled(format!("{mark}{}", truncate(name, 30)), style));
        }
        lines.push(Line::styled(
            "Enter lets the selected name in as a participant.",
            theme.dim,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Votes from devices show on the voting screen as they come. Esc hides this; \
         x closes the room.",
        theme.dim,
    ));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_has_a_quiet_border_and_two_rows_per_line() {
        let modules = qr_modules("http://192.168.1.20:41234/3f9a1c2b7d4e8a60/");
        // Version 3 (29 modules) holds a 45-byte link at level L.
        assert_eq!(modules.len(), 29 + 2 * QUIET);
        assert!(modules.iter().all(|row| row.len() == modules.len()));
        assert!(modules[0].iter().all(|dark| !dark), "quiet border");
        // The finder pattern's corner is dark.
        assert!(modules[QUIET][QUIET]);
        let lines = qr_lines(&modules);
        assert_eq!(lines.len(), modules.len().div_ceil(2));
        assert_eq!(lines[0].width(), modules.len());
    }
}
