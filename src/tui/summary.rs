//! The summary page: a scrollable preview of the markdown `checkpoint export` writes, and a key
//! that writes it to a file.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::export::Form;
use crate::tui::effect::Effect;
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Popup, Purpose};

/// The rendered summary and how far it is scrolled.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub text: String,
    pub scroll: u16,
    /// Where the last export went.
    pub exported: Option<PathBuf>,
    /// Questions whose votes are hidden and so left out.
    pub hidden: usize,
}

impl State {
    /// Renders the open checkpoint's summary.
    pub fn new(model: &Model) -> State {
        let (text, hidden) = render_markdown(model).unwrap_or_else(|e| (e, 0));
        State {
            text,
            scroll: 0,
            exported: None,
            hidden,
        }
    }
}

/// The summary of the votes shown so far: votes still hidden are left out here, as on every
/// screen the squad shares.
/// The same page `checkpoint export` writes (see [`crate::export::page`]), and how many
/// questions it leaves out.
fn render_markdown(model: &Model) -> Result<(String, usize), String> {
    let work = model.work.as_ref().ok_or("no checkpoint is open")?;
    let name = work.path.as_deref().and_then(|p| p.file_stem());
    let name = name.map(|n| n.to_string_lossy()).unwrap_or_default();
    let c = work.checkpoint();
    crate::export::page(&model.catalog, c, &name, &work.history, Form::Markdown)
        .map_err(|e| e.to_string())
}

/// Where an export goes unless the user types another path: beside the checkpoint, `.md`.
fn default_path(model: &Model) -> PathBuf {
    match model.work.as_ref().and_then(|w| w.path.as_ref()) {
        Some(path) => path.with_extension("md"),
        None => model.store.dir().join("summary.md"),
    }
}

/// Handles a key on the summary page.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let page = 10;
    let last = u16::try_from(state.text.lines().count()).unwrap_or(u16::MAX);
    match action {
        Action::Up => state.scroll = state.scroll.saturating_sub(1),
        Action::Down => state.scroll = state.scroll.saturating_add(1).min(last),
        Action::PageUp => state.scroll = state.scroll.saturating_sub(page),
        Action::PageDown => state.scroll = state.scroll.saturating_add(page).min(last),
        Action::Export => {
            let path = default_path(model).display().to_string();
            let popup = Popup::input("Export the summary to", Purpose::Export, &path);
            return vec![Effect::Popup(popup)];
        }
        _ => {}
    }
    Vec::new()
}

/// Writes the summary to `path`; the same text `checkpoint export` writes. The summary page,
/// when it is the screen, says where it went.
pub fn export(model: &Model, state: Option<&mut State>, path: &str) -> Result<Vec<Effect>, String> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err("Type a file name.".into());
    }
    let (text, _) = render_markdown(model)?;
    crate::export::write(&path, &text).map_err(|e| e.to_string())?;
    let said = format!("Exported the summary to {}", path.display());
    if let Some(state) = state {
        state.exported = Some(path);
    }
    Ok(vec![Effect::Info(said)])
}

/// Draws the summary page.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let top_line = match &state.exported {
        Some(path) => Line::from(vec![
            Span::styled(" Exported to ", theme.good),
            Span::raw(path.display().to_string()),
        ]),
        None if state.hidden > 0 => Line::styled(
            match state.hidden {
                1 => " 1 question has votes still hidden; they are left out until shown".into(),
                n => format!(" {n} questions have votes still hidden; left out until shown"),
            },
            theme.warn,
        ),
        None => Line::styled(
            format!(" e exports it to {}", default_path(model).display()),
            theme.dim,
        ),
    };
    frame.render_widget(Paragraph::new(top_line), top);
    frame.render_widget(
        Paragraph::new(state.text.as_str())
            .block(
                Block::bordered()
                    .border_style(theme.border)
                    .title(" DevOps Checkpoint Summary (markdown) "),
            )
            .wrap(Wrap { trim: false })
            .scroll((state.scroll, 0)),
        body,
    );
}
