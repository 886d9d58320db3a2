//! The home screen: start a squad checkpoint or a solo self-assessment, or resume a recent one.
//!
//! ```text
//!  DevOps Checkpoint
//!  › Start a new squad checkpoint
//!    Start a solo self-assessment
//!  Recent checkpoints
//!    Squad            Date        Level   Answered
//! ```

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

use crate::assessment::dora_result;
use crate::checkpoint::Mode;
use crate::tui::capabilities;
use crate::tui::effect::{Dest, Effect};
use crate::tui::keymap::Action;
use crate::tui::model::Model;

/// A saved checkpoint, as the list shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub squad: String,
    pub date: String,
    pub solo: bool,
    pub level: String,
    pub answered: String,
}

/// The home screen's rows and selection.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
    pub entries: Vec<Entry>,
}

/// The two rows above the recent checkpoints.
const STARTS: usize = 2;

/// How many recent checkpoints the list shows.
const RECENT: usize = 50;

impl State {
    /// Reads the most recently written checkpoints: the directory for which they are, then
    /// those the list shows, in full (their answers make the Answered column).
    pub fn load(model: &Model) -> State {
        // The most recently used first: that is the one to resume.
        let files = model.store.recent(RECENT).unwrap_or_default();
        let entries = files
            .into_iter()
            .map(|f| match f.load() {
                Ok(c) => {
                    let dora = dora_result(&model.catalog, &c);
                    let (done, total) = capabilities::answered(model, &c);
                    Entry {
                        squad: c.squad.clone(),
                        date: c.date.to_string(),
                        solo: c.mode == Mode::Solo,
                        level: dora.level.map_or("–".into(), |l| l.name.to_string()),
                        answered: format!("{done}/{total}"),
                        path: f.path,
                    }
                }
                Err(_) => Entry {
                    squad: format!("{} (unreadable)", f.name),
                    date: String::new(),
                    solo: false,
                    level: String::new(),
                    answered: String::new(),
                    path: f.path,
                },
            })
            .collect::<Vec<_>>();
        // With checkpoints to resume, the latest is selected; else starting a new one.
        let selected = if entries.is_empty() { 0 } else { STARTS };
        State { selected, entries }
    }
}

/// Handles a key on the home screen.
pub fn update(_: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let rows = STARTS + state.entries.len();
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(rows - 1),
        Action::New => return vec![Effect::Start(Mode::Workshop)],
        Action::Solo => return vec![Effect::Start(Mode::Solo)],
        Action::Organisation => return vec![Effect::Go(Dest::Organisation)],
        Action::Open => match state.selected {
            0 => return vec![Effect::Start(Mode::Workshop)],
            1 => return vec![Effect::Start(Mode::Solo)],
            i => {
                if let Some(entry) = state.entries.get(i - STARTS) {
                    return vec![Effect::Open(entry.path.clone())];
                }
            }
        },
        _ => {}
    }
    Vec::new()
}

/// Draws the home screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let [intro, starts, recent] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Fill(1),
    ])
    .areas(area);
    let intro_text = vec![
        Line::styled("Welcome", theme.title),
        Line::styled(
            "Vote on the DORA questions, the capabilities, the baseline and the phases' \
             milestones, then export the summary.",
            theme.dim,
        ),
    ];
    frame.render_widget(
        Paragraph::new(intro_text).wrap(ratatui::widgets::Wrap { trim: true }),
        intro.inner(margin()),
    );
    let start_lines: Vec<Line> = [
        "Start a new squad checkpoint",
        "Start a solo self-assessment",
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| {
        let mark = if state.selected == i { "› " } else { "  " };
        let style = if state.selected == i {
            theme.selected
        } else {
            theme.text
        };
        Line::from(vec![Span::raw(mark), Span::styled(*text, style)])
    })
    .collect();
    frame.render_widget(Paragraph::new(start_lines), starts.inner(margin()));

    let block = Block::new().title(Span::styled("Recent checkpoints", theme.title));
    if state.entries.is_empty() {
        let empty = Paragraph::new(Line::styled(
            format!("None yet in {}", model.store.dir().display()),
            theme.dim,
        ))
        .block(block);
        frame.render_widget(empty, recent.inner(margin()));
        return;
    }
    let rows = state.entries.iter().map(|e| {
        Row::new([
            Cell::from(e.squad.as_str()),
            Cell::from(if e.solo { "solo" } else { "squad" }),
            Cell::from(e.date.as_str()),
            Cell::from(e.level.as_str()),
            Cell::from(e.answered.as_str()),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(8),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["Squad", "", "Date", "Level", "Answered"]).style(theme.dim))
    .block(block)
    .row_highlight_style(theme.selected)
    .highlight_symbol("› ");
    let mut table_state = TableState::new().with_selected(state.selected.checked_sub(STARTS));
    frame.render_stateful_widget(table, recent.inner(margin()), &mut table_state);
}

fn margin() -> ratatui::layout::Margin {
    ratatui::layout::Margin::new(1, 0)
}
