//! The question a failed save opens: the checkpoint's file could not be written (disk full,
//! read-only store, the file replaced by a directory), so the changes on screen exist nowhere
//! else. Leaving waits until they are saved, saved elsewhere, or the facilitator says to quit
//! without them.
//!
//! ```text
//!   ┌ Not saved ───────────────────────────────────┐
//!   │ The latest changes are only on this screen:  │
//!   │ <path>: cannot write: <why>                  │
//!   │                                              │
//!   │ r retry · s save elsewhere · x quit without  │
//!   │ saving · Esc keep working                    │
//!   └──────────────────────────────────────────────┘
//! ```

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::effect::{Effect, error};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Popup, Purpose};
use crate::tui::widgets::{centered, titled};

/// Handles a key while the question is open; it stays open unless the key closes it.
pub fn update(model: &Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Retry => vec![Effect::Retry],
        Action::SaveElsewhere => vec![Effect::Popup(Popup::input(
            "Save to a new file (a path; ~ is your home)",
            Purpose::SaveAs,
            &suggested(model),
        ))],
        Action::QuitUnsaved => vec![Effect::QuitUnsaved],
        Action::Back => error("NOT SAVED: every key tries again; q asks once more before leaving."),
        _ => vec![Effect::Popup(Popup::Unsaved)],
    }
}

/// Saves the checkpoint to `text`'s path, which must not exist yet, and goes on there.
pub fn save_as(text: &str) -> Result<Vec<Effect>, String> {
    let path = expand(text.trim());
    if path.as_os_str().is_empty() {
        return Err("A path is needed.".to_string());
    }
    Ok(vec![Effect::SaveAs(path)])
}

/// Draws the question over the screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model) {
    let theme = &model.theme;
    let why = model
        .work
        .as_ref()
        .and_then(|w| w.unsaved.as_deref())
        .unwrap_or("the file could not be written");
    let lines = vec![
        Line::raw("The latest changes are only on this screen:"),
        Line::styled(why, theme.error),
        Line::default(),
        Line::styled(
            "r retry · s save elsewhere · x quit without saving · Esc keep working",
            theme.dim,
        ),
    ];
    let box_area = centered(area, 70, 9);
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(titled(theme, "Not saved"))
            .wrap(Wrap { trim: true }),
        box_area,
    );
}

/// A new file in the home directory named like the checkpoint's own.
fn suggested(model: &Model) -> String {
    let name = model
        .work
        .as_ref()
        .and_then(|w| w.path.as_ref())
        .and_then(|p| p.file_stem())
        .map_or("checkpoint".to_string(), |s| {
            s.to_string_lossy().into_owned()
        });
    format!("~/{name}-rescued.toml")
}

/// `~/x` as a path in the home directory.
fn expand(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(text),
    }
}
