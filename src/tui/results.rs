//! The results dashboard: the DORA level against the 2019 shares, the capabilities to work on,
//! the baseline's section scores, and the questions where the squad disagrees. Everything is
//! computed afresh from the votes on each frame.
//!
//! ```text
//! ┌ DORA ────────────────────────────────────────────────────────────────┐
//! │ High · score 4.75 of 6 · better than 63% of the 2019 respondents      │
//! │ Low ░░░ Medium ░░░░░░░ High ███████████ Elite ░                       │
//! │                            ▲ 63%                                      │
//! └──────────────────────────────────────────────────────────────────────┘
//! ┌ Capabilities ─────────────┐┌ Baseline (0-3) ─────────────────────────┐
//! └───────────────────────────┘└─────────────────────────────────────────┘
//! ┌ To discuss ───────────────────────────────────────────────────────────┐
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph};

use crate::assessment::{Assessment, DoraResult, QuestionResult};
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::popup::{self, Popup};
use crate::tui::theme::Theme;
use crate::tui::voting::{number, truncate};

/// The selected row: the baseline sections first, then the flagged questions.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
}

/// A baseline section's items, opened from the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drill {
    pub section: usize,
    pub selected: usize,
}

/// Handles a key on the dashboard.
pub fn update(app: &mut App, state: &mut State, action: Action) -> Option<Screen> {
    let c = app.checkpoint()?;
    let assessment = Assessment::new(&app.catalog, c);
    let sections = assessment.baseline.len();
    let rows = sections + assessment.discussion.len();
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(rows.saturating_sub(1)),
        Action::Open if state.selected < sections => {
            app.popup = Some(Popup::Drill(Drill {
                section: state.selected,
                selected: 0,
            }));
        }
        Action::Open => {
            let id = assessment
                .discussion
                .get(state.selected - sections)?
                .id
                .to_string();
            return app.vote_on(&id);
        }
        _ => {}
    }
    None
}

/// Handles a key in a section's item list.
pub fn update_drill(app: &mut App, mut drill: Drill, action: Action) -> Option<Popup> {
    let items: Vec<String> = app
        .catalog
        .sections()
        .nth(drill.section)?
        .items
        .iter()
        .map(|q| q.id.clone())
        .collect();
    match action {
        Action::Back => return None,
        Action::Up => drill.selected = drill.selected.saturating_sub(1),
        Action::Down => drill.selected = (drill.selected + 1).min(items.len().saturating_sub(1)),
        Action::Open => {
            let screen = app.vote_on(items.get(drill.selected)?)?;
            app.go(screen);
            return None;
        }
        _ => {}
    }
    Some(Popup::Drill(drill))
}

/// A bar `width` wide, filled `value / max` of the way.
fn gauge(value: Option<f64>, max: f64, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let filled = value.map_or(0, |v| {
        ((v / max).clamp(0.0, 1.0) * width as f64).round() as usize
    });
    vec![
        Span::styled("█".repeat(filled), theme.bar_fill),
        Span::styled("░".repeat(width - filled), theme.dim),
    ]
}

/// The DORA box: the level, and where the squad sits among the 2019 respondents.
fn dora_lines(dora: &DoraResult, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let top = dora.questions.len();
    let mut lines = vec![match (&dora.level, dora.score) {
        (Some(level), Some(score)) => Line::from(vec![
            Span::styled(level.name.to_string(), theme.highlight),
            Span::raw(format!(" · score {} of 6", number(score))),
            Span::raw(dora.percentile.map_or(String::new(), |p| {
                format!(" · better than {p}% of the 2019 respondents")
            })),
        ]),
        (None, Some(score)) => Line::raw(format!(
            "Score so far {} · the level needs all {top} questions ({} answered)",
            number(score),
            dora.answered
        )),
        _ => Line::styled(
            format!("No DORA votes yet: the level needs all {top} questions."),
            theme.dim,
        ),
    }];
    // The 2019 shares side by side, the squad's level marked.
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, share) in dora.shares.iter().enumerate() {
        let last = i + 1 == dora.shares.len();
        let w = if last {
            width.saturating_sub(used)
        } else {
            ((share.share / 100.0 * width as f64).round() as usize).min(width.saturating_sub(used))
        };
        used += w;
        let label = truncate(&format!("{} {:.0}%", share.name, share.share), w);
        let mine = dora.level.as_ref().is_some_and(|l| l.id == share.id);
        let style = if mine { theme.selected } else { theme.dim };
        spans.push(Span::styled(format!("{label:<w$}"), style));
    }
    lines.push(Line::from(spans));
    if let Some(p) = dora.percentile {
        let at = (usize::from(p) * width.saturating_sub(1)) / 100;
        let marker = format!("▲ you: better than {p}%");
        let pad = at.min(width.saturating_sub(marker.chars().count()));
        lines.push(Line::styled(
            format!("{}{marker}", " ".repeat(pad)),
            theme.highlight,
        ));
    }
    lines
}

/// Draws the dashboard.
pub fn render(frame: &mut Frame, area: Rect, app: &App, state: &State) {
    let theme = &app.theme;
    let Some(c) = app.checkpoint() else {
        return;
    };
    let a = Assessment::new(&app.catalog, c);
    // Capabilities and baseline side by side when wide, else one above the other.
    let wide = area.width >= 120;
    let caps_height = a.capabilities.len().max(1) as u16 + 2;
    let base_height = a.baseline.len().max(1) as u16 + 2;
    let middle = if wide {
        caps_height.max(base_height)
    } else {
        caps_height + base_height
    };
    let [dora_area, mid, discuss] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(middle),
        Constraint::Fill(1),
    ])
    .areas(area);
    let block = |title: String| {
        Block::bordered()
            .border_style(theme.border)
            .padding(ratatui::widgets::Padding::horizontal(1))
            .title(title)
    };

    let dora_block = block(" DORA maturity ".into());
    let inner = dora_block.inner(dora_area);
    frame.render_widget(dora_block, dora_area);
    let mut lines = dora_lines(&a.dora, usize::from(inner.width), theme);
    if let Some(phases) = &a.phases
        && lines.len() < 3
    {
        lines.push(Line::styled(
            match phases.working_on {
                Some(i) => format!(
                    "Milestones: working on {} (b shows the board)",
                    phases.phases[i].title
                ),
                None => "Milestones: every phase reached".to_string(),
            },
            theme.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);

    let [caps, base] = if wide {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(mid)
    } else {
        Layout::vertical([
            Constraint::Length(caps_height),
            Constraint::Length(base_height),
        ])
        .areas(mid)
    };
    let name_width = usize::from(caps.width).saturating_sub(4 + 6 + 14).min(40);
    let cap_lines: Vec<Line> = if a.capabilities.is_empty() {
        vec![Line::styled(
            "Recommended once the DORA level is known.",
            theme.dim,
        )]
    } else {
        a.capabilities
            .iter()
            .map(|cap| {
                let score = cap.score.map_or("–".to_string(), |s| format!("{:.0}%", s));
                let mut spans = vec![
                    Span::raw(format!("{:<name_width$}", truncate(cap.name, name_width))),
                    Span::raw(format!("{score:>5}")),
                ];
                if cap.focus_first {
                    spans.push(Span::styled(" ◆ focus first", theme.warn));
                }
                Line::from(spans)
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(cap_lines).block(block(" Capabilities to work on ".into())),
        caps,
    );

    let base_block = block(" Baseline, 0-3 (Enter: items) ".into());
    let base_inner = base_block.inner(base);
    let bar_width = usize::from(base_inner.width)
        .saturating_sub(2 + 20 + 5)
        .min(30);
    let items: Vec<ListItem> = a
        .baseline
        .iter()
        .map(|s| {
            let mut spans = vec![Span::raw(format!("{:<20}", truncate(s.title, 19)))];
            spans.extend(gauge(s.score, 3.0, bar_width, theme));
            spans.push(Span::raw(format!(
                " {:>4}",
                s.score.map_or("–".to_string(), |v| format!("{v:.1}"))
            )));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let sections = a.baseline.len();
    let selected = (state.selected < sections).then_some(state.selected);
    frame.render_stateful_widget(
        List::new(items)
            .block(base_block)
            .highlight_style(theme.selected)
            .highlight_symbol("› "),
        base,
        &mut ListState::default().with_selected(selected),
    );

    let flagged: Vec<ListItem> = a
        .discussion
        .iter()
        .map(|q| discussion_line(app, q, theme))
        .collect();
    let title = format!(
        " To discuss: {} questions with votes 2+ apart ",
        flagged.len()
    );
    let list = if flagged.is_empty() {
        List::new([ListItem::new(Line::styled(
            "Nothing yet: no question has votes 2 or more apart.",
            theme.dim,
        ))])
    } else {
        List::new(flagged)
    };
    let selected = state.selected.checked_sub(sections);
    frame.render_stateful_widget(
        list.block(block(title))
            .highlight_style(theme.selected)
            .highlight_symbol("› "),
        discuss,
        &mut ListState::default().with_selected(selected),
    );
}

fn discussion_line(app: &App, q: &QuestionResult, theme: &Theme) -> ListItem<'static> {
    let part = app
        .locate(q.id)
        .and_then(|(p, _)| app.parts.get(p))
        .map_or("", |p| p.title.as_str());
    let votes: Vec<String> = q.votes.iter().map(|(_, v)| v.to_string()).collect();
    ListItem::new(Line::from(vec![
        Span::styled(format!("{:<14}", truncate(part, 13)), theme.dim),
        Span::raw(format!("{:<34}", truncate(q.name, 33))),
        Span::styled(format!(" votes {}", votes.join(" ")), theme.warn),
        Span::raw(q.agreed.map_or(String::new(), |v| format!(" · agreed {v}"))),
    ]))
}

/// Draws a section's items over the dashboard.
pub fn render_drill(frame: &mut Frame, area: Rect, app: &App, drill: &Drill) {
    let theme = &app.theme;
    let Some(c) = app.checkpoint() else {
        return;
    };
    let a = Assessment::new(&app.catalog, c);
    let Some(section) = a.baseline.get(drill.section) else {
        return;
    };
    let height = u16::try_from(section.items.len() + 2).unwrap_or(u16::MAX);
    let box_area = popup::centered(area, 76, height);
    frame.render_widget(Clear, box_area);
    let items: Vec<ListItem> = section
        .items
        .iter()
        .map(|q| {
            let mut spans = vec![Span::raw(format!("{:<40}", truncate(q.name, 39)))];
            spans.extend(gauge(q.value, 3.0, 12, theme));
            spans.push(Span::raw(format!(
                " {:>4} {}",
                q.value.map_or("–".to_string(), |v| format!("{v:.1}")),
                q.value_label.unwrap_or("")
            )));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let title = format!(
        " {} · {} (Enter votes, Esc closes) ",
        section.title,
        section.score.map_or("–".to_string(), |v| format!("{v:.1}"))
    );
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().border_style(theme.border).title(title))
            .highlight_style(theme.selected)
            .highlight_symbol("› "),
        box_area,
        &mut ListState::default().with_selected(Some(drill.selected)),
    );
}
