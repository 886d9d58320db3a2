//! The results dashboard: the DORA level against the 2019 shares, the capabilities to work on,
//! the baseline's section scores, and the questions where the squad disagrees. The numbers are
//! scored once per change (see [`View`]), not once per frame.
//!
//! ```text
//! ┌ DORA maturity ────────────────────────────────────────────────────────┐
//! │ High · score 4.75 of 6 · better than 63% of the 2019 respondents      │
//! │ Low 12%  Medium 44%            High 23%          Elite 20%            │
//! │                              ▲ you: better than 63%                   │
//! └───────────────────────────────────────────────────────────────────────┘
//! ┌ Capabilities to work on ┐ ┌ Baseline, 0-3 ┐   (side by side from 120 columns)
//! ┌ To discuss (a workshop only: see [`crate::tui::discuss`]) ────────────┐
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, Paragraph};

use crate::checkpoint::Mode;
use crate::history::{Change, Measured};
use crate::number::fixed;
use crate::tui::dashboard::{Since, change_span};
use crate::tui::effect::{Dest, Effect, info};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Drill, Popup};
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit, gauge, panel as block};

pub use crate::tui::dashboard::View;

/// The selected row (the baseline sections first, then the flagged questions) and the scores.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
    pub view: View,
}

impl State {
    /// The dashboard of the open checkpoint.
    pub fn new(model: &Model) -> State {
        State {
            selected: 0,
            view: View::new(model),
        }
    }
}

/// Handles a key on the dashboard.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let sections = state.view.sections.len();
    let rows = sections + state.view.discussion.len();
    match action {
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(rows.saturating_sub(1)),
        Action::Open if state.selected < sections => {
            let section = state.view.sections[state.selected].clone();
            let drill = Drill {
                section,
                selected: 0,
            };
            return vec![Effect::Popup(Popup::Drill(drill))];
        }
        Action::Open => {
            if let Some(flag) = state.view.discussion.get(state.selected - sections) {
                return vec![Effect::Go(Dest::Question(flag.id.clone()))];
            }
        }
        Action::Since => match &state.view.since {
            Some(since) => {
                let since = since.clone();
                return vec![Effect::Popup(Popup::Since { since, scroll: 0 })];
            }
            None => {
                let squad = model.checkpoint().map_or("", |c| c.squad.as_str());
                let dir = model.store.dir().display();
                return info(format!("This is {squad}'s first checkpoint in {dir}."));
            }
        },
        _ => {}
    }
    Vec::new()
}

/// The DORA box: the level, and where the squad sits among the 2019 respondents.
fn dora_lines(view: &View, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    if let Some(quick) = &view.quick {
        // The 2025 model: scores 0-10 against the benchmarks, no level, no shares.
        let mut lines = vec![
            Line::styled(quick.headline.clone(), theme.highlight),
            Line::styled(quick.metrics.clone(), theme.dim),
        ];
        if !quick.against.is_empty() {
            lines.push(Line::raw(quick.against.clone()));
        }
        if let Some(since) = &view.since {
            lines.push(since_line(since, theme));
        }
        return lines;
    }
    let top = view.questions;
    let mut lines = vec![match (&view.level, view.score) {
        (Some(level), Some(score)) => Line::from(vec![
            Span::styled(level.clone(), theme.highlight),
            Span::raw(format!(" · score {} of 6", fixed(score, 2))),
            Span::styled(format!("   ({})", view.bands), theme.dim),
        ]),
        (None, Some(score)) => Line::raw(format!(
            "Partial score {} · the level needs all {top} questions ({} answered)",
            fixed(score, 2),
            view.answered
        )),
        _ => Line::styled(
            format!("No DORA votes yet: the level needs all {top} questions."),
            theme.dim,
        ),
    }];
    // The share of 2019 respondents at each level, the squad's marked.
    let mut spans = vec![Span::styled("2019 respondents: ", theme.dim)];
    for (i, (name, share, mine)) in view.shares.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        let style = if *mine { theme.selected } else { theme.text };
        spans.push(Span::styled(format!("{name} {}%", fixed(*share, 0)), style));
    }
    lines.push(Line::from(spans));
    if let Some(p) = view.percentile {
        // The percentile on its own scale: it comes from the 2019 distribution of scores,
        // while the level comes from fixed score bands, so the two need not line up.
        let label = format!(" better than {p}% of respondents");
        let bar = width.saturating_sub(label.chars().count());
        let mut spans = gauge(Some(f64::from(p)), 100.0, bar, theme);
        spans.push(Span::styled(label, theme.highlight));
        lines.push(Line::from(spans));
    } else if let Some(working_on) = &view.working_on {
        lines.push(Line::styled(
            match working_on {
                Some(phase) => format!("Milestones: working on {phase} (b shows the board)"),
                None => "Milestones: every phase reached".to_string(),
            },
            theme.dim,
        ));
    }
    if let Some(since) = &view.since {
        lines.push(since_line(since, theme));
    }
    if let Some(t) = &view.phase_target {
        let (mark, style) = if t.met {
            ("✓", theme.good)
        } else {
            ("✗", theme.warn)
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "Milestones: {} of {} phases reached · ",
                t.reached, t.phases
            )),
            Span::styled(format!("phase target: {} {mark}", t.target), style),
        ]));
    }
    lines
}

/// ` ✓ target 2.5` or ` ✗ target 2.5` after a section's score; ` target 2.5` when unrated.
fn target_spans(target: Option<(f64, Option<bool>)>, theme: &Theme) -> Vec<Span<'static>> {
    let Some((aim, met)) = target else {
        return Vec::new();
    };
    let (mark, style) = match met {
        Some(true) => ("✓ ", theme.good),
        Some(false) => ("✗ ", theme.warn),
        None => ("", theme.dim),
    };
    vec![Span::styled(
        format!(" {mark}target {}", fixed(aim, 1)),
        style,
    )]
}

/// `Since 2026-08-20: Medium → High ↑ · score 3.75 → 4.58 ↑ +0.83 ▃▆`.
fn since_line(since: &Since, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("Since {}: ", since.comparison.before.date),
        theme.dim,
    )];
    if let Some((level, _)) = since.row(&Measured::Level) {
        spans.push(Span::raw(format!("{} → {} ", level.before, level.after)));
        spans.push(change_span(level, theme));
    }
    if let Some((score, trend)) = since.row(&Measured::Score) {
        spans.push(Span::raw(format!(
            " · score {} → {} ",
            score.before, score.after
        )));
        spans.push(change_span(score, theme));
        spans.push(Span::styled(format!(" {trend}"), theme.bar_fill));
    }
    Line::from(spans)
}

/// Draws the dashboard.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let view = &state.view;
    // Capabilities and baseline side by side when wide, else one above the other.
    let wide = area.width >= 120;
    let caps_height = u16::try_from(view.capabilities.len().max(1) + 2).unwrap_or(u16::MAX);
    let base_height = u16::try_from(view.sections.len().max(1) + 2).unwrap_or(u16::MAX);
    let middle = if wide {
        caps_height.max(base_height)
    } else {
        caps_height.saturating_add(base_height)
    };
    let dora_height = 5 + u16::from(view.since.is_some()) + u16::from(view.phase_target.is_some());
    // Alone there is nobody to disagree with: no "To discuss" panel, the others take its room.
    let solo = model.checkpoint().is_some_and(|c| c.mode == Mode::Solo);
    let (middle, rest) = if solo {
        (Constraint::Fill(1), Constraint::Length(0))
    } else {
        (Constraint::Length(middle), Constraint::Fill(1))
    };
    let [dora_area, mid, discuss] =
        Layout::vertical([Constraint::Length(dora_height), middle, rest]).areas(area);

    let dora_block = block(" DORA maturity ".into(), theme);
    let inner = dora_block.inner(dora_area);
    frame.render_widget(dora_block, dora_area);
    frame.render_widget(
        Paragraph::new(dora_lines(view, usize::from(inner.width), theme)),
        inner,
    );

    let [caps, base] = if wide {
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(mid)
    } else {
        let base_height = if solo {
            Constraint::Fill(1)
        } else {
            Constraint::Length(base_height)
        };
        Layout::vertical([Constraint::Length(caps_height), base_height]).areas(mid)
    };
    let name_width = usize::from(caps.width).saturating_sub(4 + 6 + 14).min(40);
    let cap_lines: Vec<Line> = if view.capabilities.is_empty() {
        vec![Line::styled(
            if view.quick.is_some() {
                "No level on the DORA 2025 model: choose capabilities to rate (o in the part)."
            } else {
                "Recommended once the DORA level is known."
            },
            theme.dim,
        )]
    } else {
        view.capabilities
            .iter()
            .map(|(name, score, focus)| {
                let score = score.map_or("–".to_string(), |s| format!("{}%", fixed(s, 0)));
                let mut spans = vec![
                    Span::raw(fit(name, name_width)),
                    Span::raw(format!("{score:>5}")),
                ];
                if *focus {
                    spans.push(Span::styled(" ◆ focus first", theme.warn));
                }
                Line::from(spans)
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(cap_lines).block(block(
            match &view.level {
                Some(level) => format!(" Capabilities recommended for {level} "),
                None => " Capabilities to work on ".to_string(),
            },
            theme,
        )),
        caps,
    );

    let base_title = match &view.since {
        Some(since) => format!(
            " Baseline, 0-3 · since {} (Enter: items) ",
            since.comparison.before.date
        ),
        None => " Baseline, 0-3 (Enter: items) ".to_string(),
    };
    let base_block = block(base_title, theme);
    let base_inner = base_block.inner(base);
    // With history each row ends with its change and trend: ` ↑ +0.8 ▃▅▆`.
    let change_width = view.since.as_ref().map_or(0, |s| 9 + s.checkpoints);
    // And with a target, ` ✓ target 2.5`.
    let target_width = if view.sections.iter().any(|s| s.target.is_some()) {
        13
    } else {
        0
    };
    let bar_width = usize::from(base_inner.width)
        .saturating_sub(2 + 20 + 5 + change_width + target_width)
        .min(30);
    let items: Vec<ListItem> = view
        .sections
        .iter()
        .map(|s| {
            let mut spans = vec![Span::raw(format!("{} ", fit(&s.title, 19)))];
            spans.extend(gauge(s.score, 3.0, bar_width, theme));
            spans.push(Span::raw(format!(
                " {:>4}",
                s.score.map_or("–".to_string(), |v| fixed(v, 1))
            )));
            let change = view
                .since
                .as_ref()
                .and_then(|since| since.row(&Measured::Section(s.id.clone())));
            if let Some((row, trend)) = change.filter(|(r, _)| r.change != Change::Unknown) {
                spans.push(Span::raw(" "));
                spans.push(change_span(row, theme));
                spans.push(Span::styled(format!(" {trend}"), theme.bar_fill));
            }
            spans.extend(target_spans(s.target, theme));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let sections = view.sections.len();
    let selected = (state.selected < sections).then_some(state.selected);
    frame.render_stateful_widget(
        List::new(items)
            .block(base_block)
            .highlight_style(theme.selected)
            .highlight_symbol("› ")
            .highlight_spacing(HighlightSpacing::Always),
        base,
        &mut ListState::default().with_selected(selected),
    );

    let selected = state.selected.checked_sub(sections);
    if !solo {
        crate::tui::discuss::render(frame, discuss, view, selected, theme);
    }
}
