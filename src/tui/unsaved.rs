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

use crate::tui::app::App;
use crate::tui::keymap::Action;
use crate::tui::popup::{self, Popup, Purpose};

impl App {
    /// Saves the open checkpoint; when that fails, opens the question of what to do with the
    /// changes and says false. Leaving (quit, home) waits for a true.
    pub(crate) fn saved_or_asked(&mut self) -> bool {
        self.save();
        let unsaved = self.work.as_ref().is_some_and(|w| w.unsaved.is_some());
        if unsaved {
            self.popup = Some(Popup::Unsaved);
        }
        !unsaved
    }

    /// When the screen was left with changes the file lacks: what was lost, to say once the
    /// terminal is back.
    pub fn lost(&self) -> Option<String> {
        let work = self.work.as_ref()?;
        let why = work.unsaved.as_ref()?;
        let path = work.path.as_deref().unwrap_or(self.store.dir());
        Some(format!(
            "quit without saving: the latest changes to {} were not written ({why})",
            path.display()
        ))
    }
}

/// Handles a key while the question is open; the popup that stays open comes back.
pub fn update(app: &mut App, action: Action) -> Option<Popup> {
    match action {
        Action::Retry => {
            app.save();
            if is_unsaved(app) {
                Some(Popup::Unsaved)
            } else {
                app.info("Saved.");
                None
            }
        }
        Action::SaveElsewhere => Some(Popup::input(
            "Save to a new file (a path; ~ is your home)",
            Purpose::SaveAs,
            &suggested(app),
        )),
        Action::QuitUnsaved => {
            app.quit_without_saving();
            None
        }
        Action::Back => {
            app.error("NOT SAVED: every key tries again; q asks once more before leaving.");
            None
        }
        _ => Some(Popup::Unsaved),
    }
}

/// Saves the checkpoint to `text`'s path, which must not exist yet, and goes on there.
pub fn save_as(app: &mut App, text: &str) -> Result<(), String> {
    let path = expand(text.trim());
    if path.as_os_str().is_empty() {
        return Err("A path is needed.".to_string());
    }
    let Some(work) = app.work.as_mut() else {
        return Err("No checkpoint is open.".to_string());
    };
    work.save_as(&path).map_err(|e| e.to_string())?;
    app.info(&format!(
        "Saved to {}; this checkpoint is kept there from now on.",
        path.display()
    ));
    Ok(())
}

/// Draws the question over the screen.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let why = app
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
    let box_area = popup::centered(area, 70, 9);
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(popup::titled(theme, "Not saved"))
            .wrap(Wrap { trim: true }),
        box_area,
    );
}

fn is_unsaved(app: &App) -> bool {
    app.work.as_ref().is_some_and(|w| w.unsaved.is_some())
}

/// A new file in the home directory named like the checkpoint's own.
fn suggested(app: &App) -> String {
    let name = app
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
