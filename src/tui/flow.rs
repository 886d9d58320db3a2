//! The delivery flow: the squad's path to production as boxes and arrows, wrapped to the width.
//! Each stage is manual or automated and may be marked where deployments fail; stages are
//! added, renamed, moved and removed here, and `n` notes an improvement on the selected one.
//!
//! ```text
//!  Path to production: 4 stages · 2 manual · deployments fail at 1
//!  ┌────────────┐     ┌──────────────┐     ┌───────────┐
//!  │ Write code │ ──▶ │ Pull request │ ──▶ │ CI        │
//!  │ manual     │     │ manual       │     │ automated │
//!  └────────────┘     └──────────────┘     └───────────┘
//!      ┌──────────────┐
//!  └─▶ │ Deploy       │
//!      │ manual ⚠     │
//!      └──────────────┘
//!  Selected: Deploy · manual · deployments fail here · 1 improvement
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::checkpoint::{Checkpoint, Concern, Stage};
use crate::command::Command;
use crate::tui::effect::{Effect, error};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Confirmed, Popup, Purpose};
use crate::tui::theme::Theme;
use crate::tui::widgets::{count, truncate, width};

/// A typical path to production, to start from when the flow is empty; every stage starts
/// manual, for the squad to mark what is automated.
pub const TYPICAL: [&str; 7] = [
    "Write code",
    "Pull request",
    "Code review",
    "CI build and tests",
    "Deploy to dev",
    "Deploy to staging",
    "Deploy to production",
];

/// The widest a stage's name is drawn; longer names are cut with `…`.
const NAME_WIDTH: usize = 22;

/// The arrow between two boxes on a row, and the one that starts a continued row.
const ARROW: &str = " ──▶ ";
const CONTINUED: &str = "└─▶ ";

/// The selected stage.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
}

/// Handles a key on the flow screen.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let Some(c) = model.checkpoint() else {
        return Vec::new();
    };
    let count = c.flow.len();
    state.selected = state.selected.min(count.saturating_sub(1));
    let i = state.selected;
    let popup = |popup: Popup| vec![Effect::Popup(popup)];
    let edit = |command: Command| vec![Effect::Edit(command)];
    match action {
        Action::Left | Action::Up => state.selected = i.saturating_sub(1),
        Action::Right | Action::Down => state.selected = (i + 1).min(count.saturating_sub(1)),
        Action::Add => {
            return popup(Popup::input(
                "New stage (added after the selected one)",
                Purpose::Stage(None),
                "",
            ));
        }
        Action::Template if count == 0 => {
            let stages = TYPICAL.iter().enumerate().map(|(at, name)| {
                let name = name.to_string();
                Effect::Edit(Command::AddStage { at, name })
            });
            let mut effects: Vec<Effect> = stages.collect();
            effects.push(Effect::Info(
                "A typical path to production: rename, remove and mark what is automated.".into(),
            ));
            return effects;
        }
        Action::Template => return error("The flow has stages already; a adds one."),
        _ if count == 0 => {
            return error("The flow is empty: a adds a stage, t starts from a typical one.");
        }
        Action::Open | Action::Rename => {
            let name = &c.flow[i].name;
            return popup(Popup::input(
                "Rename the stage",
                Purpose::Stage(Some(i)),
                name,
            ));
        }
        Action::Toggle => return edit(Command::ToggleAutomated(i)),
        Action::Fails => return edit(Command::ToggleFails(i)),
        Action::Earlier | Action::Later => {
            // The stage moves, and the selection with it.
            let by = if action == Action::Earlier { -1 } else { 1 };
            let command = Command::MoveStage { index: i, by };
            if let Ok((_, at)) = model.preview(&command) {
                state.selected = at.index();
            }
            return edit(command);
        }
        Action::Remove => {
            let stage = &c.flow[i].name;
            return match c.improvements_at(stage) {
                0 => {
                    state.selected = i.min(count.saturating_sub(2));
                    vec![
                        Effect::Edit(Command::RemoveStage(i)),
                        Effect::Info(format!("Removed {stage}.")),
                    ]
                }
                n => popup(Popup::Confirm {
                    message: format!("Remove {stage}? {}", improvements(n)),
                    then: Confirmed::RemoveStage(i),
                }),
            };
        }
        Action::Improve => {
            let stage = c.flow[i].name.clone();
            return popup(Popup::input(
                &format!("An improvement at {stage}"),
                Purpose::Improvement {
                    edit: None,
                    concerns: Some(Concern::Stage(stage)),
                },
                "",
            ));
        }
        _ => {}
    }
    Vec::new()
}

/// Adds a stage after the selected one, or renames stage `index`; the new or renamed stage is
/// selected.
pub fn apply(
    model: &Model,
    state: Option<&mut State>,
    index: Option<usize>,
    name: &str,
) -> Result<Vec<Effect>, String> {
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err("A stage needs a name.".into());
    }
    let c = model.checkpoint().ok_or("no checkpoint is open")?;
    let selected = state.as_ref().map_or(0, |s| s.selected);
    let command = match index {
        Some(index) => Command::RenameStage { index, name },
        None if c.flow.is_empty() => Command::AddStage { at: 0, name },
        None => Command::AddStage {
            at: selected + 1,
            name,
        },
    };
    let (_, done) = model.preview(&command)?;
    if let Some(state) = state {
        state.selected = index.unwrap_or(done.index());
    }
    Ok(vec![Effect::Edit(command)])
}

/// What happens to the improvements on a removed stage.
fn improvements(n: usize) -> String {
    match n {
        1 => "The improvement noted on it stays, tied to no stage.".to_string(),
        n => format!("The {n} improvements noted on it stay, tied to no stage."),
    }
}

/// A stage's second line: how it runs, and the failure mark.
fn how(stage: &Stage) -> String {
    let how = crate::plan::runs(stage);
    if stage.fails {
        format!("{how} ⚠ fails")
    } else {
        how.to_string()
    }
}

/// The style of a stage's box: its colour says how it runs.
fn style(stage: &Stage, theme: &Theme) -> Style {
    if stage.fails {
        theme.error
    } else if stage.automated {
        theme.good
    } else {
        theme.warn
    }
}

/// The boxes and arrows, wrapped to `columns`; returns the lines and the line the selected
/// stage's row starts on.
pub fn flow_lines(
    c: &Checkpoint,
    selected: usize,
    columns: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, usize) {
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    let mut row: [Vec<Span>; 4] = Default::default();
    let mut used = 0;
    for (i, stage) in c.flow.iter().enumerate() {
        let name = truncate(&stage.name, NAME_WIDTH);
        let how = how(stage);
        let inner = width(&name).max(width(&how));
        let box_width = inner + 4;
        if used > 0 && used + ARROW.chars().count() + box_width > columns {
            lines.extend(
                row.iter_mut()
                    .map(|spans| Line::from(std::mem::take(spans))),
            );
            used = 0;
        }
        let lead = match (i, used) {
            (0, _) => "",
            (_, 0) => CONTINUED,
            _ => ARROW,
        };
        let blank = " ".repeat(lead.chars().count());
        row[0].push(Span::raw(blank.clone()));
        row[1].push(Span::styled(lead, theme.dim));
        row[2].push(Span::raw(blank.clone()));
        row[3].push(Span::raw(blank));
        let border = style(stage, theme);
        let body = if i == selected {
            selected_line = lines.len();
            theme.selected
        } else {
            theme.text
        };
        row[0].push(Span::styled(format!("┌{}┐", "─".repeat(inner + 2)), border));
        for (line, text, text_style) in [(1, &name, body), (2, &how, body.patch(border))] {
            let pad = " ".repeat(inner.saturating_sub(width(text)));
            row[line].push(Span::styled("│", border));
            row[line].push(Span::styled(format!(" {text}{pad} "), text_style));
            row[line].push(Span::styled("│", border));
        }
        row[3].push(Span::styled(format!("└{}┘", "─".repeat(inner + 2)), border));
        used += lead.chars().count() + box_width;
    }
    if used > 0 {
        lines.extend(row.into_iter().map(Line::from));
    }
    (lines, selected_line)
}

/// Draws the flow screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let Some(c) = model.checkpoint() else {
        return;
    };
    let [title, body, detail] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area.inner(ratatui::layout::Margin::new(1, 0)));

    let manual = c.flow.iter().filter(|s| !s.automated).count();
    let fails = c.flow.iter().filter(|s| s.fails).count();
    let summary = match c.flow.len() {
        0 => "Path to production: no stages yet".to_string(),
        n => format!(
            "Path to production: {} · {manual} manual · deployments fail at {fails}",
            count(n, "stage", "stages")
        ),
    };
    frame.render_widget(
        Paragraph::new(vec![Line::styled(summary, theme.title)]),
        title,
    );

    if c.flow.is_empty() {
        let lines = vec![
            Line::raw("Draw the squad's current path to production, stage by stage:"),
            Line::styled(format!("  {}", TYPICAL.join(" → ")), theme.dim),
            Line::default(),
            Line::raw("a adds a stage · t starts from the typical path above"),
            Line::default(),
            Line::styled(
                "Mark what is manual and what automated, and where deployments fail. Think of \
                 small batches, of how you know it still works after a deploy, and of what \
                 you always wanted to improve.",
                theme.dim,
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
    } else {
        let selected = state.selected.min(c.flow.len() - 1);
        let (lines, selected_line) = flow_lines(c, selected, usize::from(body.width), theme);
        // Keep the selected stage's row in sight.
        let scroll = (selected_line + 4).saturating_sub(usize::from(body.height));
        frame.render_widget(
            Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
            body,
        );
        let stage = &c.flow[selected];
        let noted = match c.improvements_at(&stage.name) {
            0 => "no improvement noted".to_string(),
            n => count(n, "improvement noted", "improvements noted"),
        };
        let line = Line::from(vec![
            Span::styled("Selected: ", theme.dim),
            Span::styled(stage.name.clone(), theme.title),
            Span::raw(format!(" · {} · {noted}", crate::plan::stage_how(stage))),
            Span::styled("  (< > move it)", theme.dim),
        ]);
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), detail);
    }
}
