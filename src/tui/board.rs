//! The milestone board: the three phases by the four columns, each cell with its progress, the
//! phase the squad is working on marked, and the next milestones; Enter votes on a cell.
//!
//! ```text
//!                 Code        Build       Test        Deploy
//!  Phase 1 ◀      ███░ 70%    ██░░ 50%    ...
//!  Phase 2
//!  Phase 3
//!  Next milestones (Phase 1)
//!   · Code: ...
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, Wrap};

use crate::assessment::Assessment;
use crate::tui::effect::{Dest, Effect, info};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::widgets::truncate;

/// The selected cell.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The board's part in the agenda.
    pub part: usize,
    pub phase: usize,
    pub column: usize,
    pub view: View,
}

/// What the board shows, scored from the checkpoint once per key (not once per frame).
#[derive(Debug, Clone, Default)]
pub struct View {
    pub title: String,
    pub columns: Vec<String>,
    pub phases: Vec<PhaseView>,
    pub working_on: Option<usize>,
    /// The next milestones: column title and text.
    pub next: Vec<(String, String)>,
}

/// A phase's row.
#[derive(Debug, Clone, Default)]
pub struct PhaseView {
    pub title: String,
    pub reached: bool,
    /// Per column: progress (0..1), milestones voted on, milestones.
    pub cells: Vec<(Option<f64>, usize, usize)>,
}

impl View {
    /// Scores the open checkpoint's votes shown so far; `None` without a milestone board.
    pub fn new(model: &Model) -> Option<View> {
        let (c, _) = model.shown()?;
        let a = Assessment::new(&model.catalog, &c);
        let phases = a.phases?;
        Some(View {
            title: phases.title.to_string(),
            columns: phases.columns.iter().map(ToString::to_string).collect(),
            phases: phases
                .phases
                .iter()
                .map(|p| PhaseView {
                    title: p.title.to_string(),
                    reached: p.reached,
                    cells: p
                        .columns
                        .iter()
                        .map(|col| {
                            let voted = col.milestones.iter().filter(|m| m.answered).count();
                            (col.progress, voted, col.milestones.len())
                        })
                        .collect(),
                })
                .collect(),
            working_on: phases.working_on,
            next: phases
                .next
                .iter()
                .map(|m| {
                    let text = crate::checklist::flat(m.text);
                    (m.column.to_string(), text)
                })
                .collect(),
        })
    }
}

impl State {
    /// The board with the phase the squad is working on selected.
    pub fn open(model: &Model, part: usize) -> State {
        let view = View::new(model).unwrap_or_default();
        State {
            part,
            phase: view.working_on.unwrap_or(0),
            column: 0,
            view,
        }
    }
}

/// Handles a key on the board.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let Some(board) = model.catalog.board() else {
        return Vec::new();
    };
    let (phases, columns) = (board.phases.len(), board.columns.len());
    match action {
        Action::Up => state.phase = state.phase.saturating_sub(1),
        Action::Down => state.phase = (state.phase + 1).min(phases.saturating_sub(1)),
        Action::Left => state.column = state.column.saturating_sub(1),
        Action::Right => state.column = (state.column + 1).min(columns.saturating_sub(1)),
        Action::Open => {
            let (Some(phase), Some(column)) = (
                board.phases.get(state.phase),
                board.columns.get(state.column).map(|c| &c.id),
            ) else {
                return Vec::new();
            };
            let first = phase
                .columns
                .iter()
                .filter(|pc| pc.column == *column)
                .flat_map(|pc| pc.milestones())
                .next();
            return match first {
                Some(q) => vec![Effect::Go(Dest::Question(q.id.clone()))],
                None => info("This cell has no milestones."),
            };
        }
        _ => {}
    }
    Vec::new()
}

/// Draws the board.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let phases = &state.view;
    if phases.phases.is_empty() {
        frame.render_widget(Paragraph::new("No milestone board is loaded."), area);
        return;
    }
    let grid_height = u16::try_from(phases.phases.len() * 2 + 4).unwrap_or(u16::MAX);
    let [grid, next] =
        Layout::vertical([Constraint::Length(grid_height), Constraint::Fill(1)]).areas(area);
    let cols = phases.columns.len().max(1) as u16;
    let cell_width = grid.width.saturating_sub(2 + 21) / cols;
    let bar = usize::from(cell_width.saturating_sub(7)).min(12);

    // Column titles wrap onto a second line in narrow cells.
    let header = Row::new(
        std::iter::once(Cell::from("")).chain(phases.columns.iter().map(|t| {
            let fits = t.chars().count() < usize::from(cell_width);
            let lines: Vec<Line> = match t.split_once(' ') {
                Some((a, b)) if !fits => {
                    vec![Line::styled(a, theme.title), Line::styled(b, theme.title)]
                }
                _ => vec![Line::styled(t.as_str(), theme.title)],
            };
            Cell::from(Text::from(lines))
        })),
    )
    .height(2);
    let rows = phases.phases.iter().enumerate().map(|(p, phase)| {
        let working = phases.working_on == Some(p);
        let title_style = if working { theme.highlight } else { theme.text };
        let status = if working {
            "◀ working on"
        } else if phase.reached {
            "✓ reached"
        } else {
            ""
        };
        let mut cells = vec![Cell::from(Text::from(vec![
            Line::styled(truncate(&phase.title, 20), title_style),
            Line::styled(status, if working { theme.highlight } else { theme.good }),
        ]))];
        for (col, (progress, voted, n)) in phase.cells.iter().enumerate() {
            // A cell nobody voted on is not rated: no bar, no 0%.
            let progress = progress.filter(|_| *voted > 0);
            let filled = progress.map_or(0, |v| (v * bar as f64).round() as usize);
            let line1 = Line::from(vec![
                Span::styled("█".repeat(filled), theme.bar_fill),
                Span::styled("░".repeat(bar - filled), theme.dim),
                Span::raw(progress.map_or(" –".to_string(), |v| {
                    format!(" {}", crate::number::percent(v))
                })),
            ]);
            let line2 = Line::styled(format!("{voted}/{n} voted"), theme.dim);
            let mut cell = Cell::from(Text::from(vec![line1, line2]));
            if p == state.phase && col == state.column {
                cell = cell.style(theme.selected);
            }
            cells.push(cell);
        }
        Row::new(cells).height(2)
    });
    let widths = std::iter::once(Constraint::Length(20))
        .chain((0..cols).map(|_| Constraint::Length(cell_width.saturating_sub(1))));
    let table = Table::new(rows, widths).header(header).block(
        Block::bordered()
            .border_style(theme.border)
            .title(format!(" {} ", phases.title)),
    );
    frame.render_widget(table, grid);

    let mut lines = Vec::new();
    match phases.working_on {
        Some(p) => {
            lines.push(Line::styled(
                format!("Next milestones for {}", phases.phases[p].title),
                theme.title,
            ));
            for (column, text) in &phases.next {
                lines.push(Line::from(vec![
                    Span::styled(format!(" · {column}: "), theme.dim),
                    Span::raw(text.as_str()),
                ]));
            }
        }
        None => lines.push(Line::styled("Every phase is reached.", theme.good)),
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        next.inner(ratatui::layout::Margin::new(1, 0)),
    );
}
