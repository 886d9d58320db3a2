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
use ratatui::widgets::{
    Block, Clear, HighlightSpacing, List, ListItem, ListState, Padding, Paragraph,
};

use crate::assessment::{Assessment, QuestionResult};
use crate::checkpoint::Mode;
use crate::history::{Change, Comparison, Measured, Row, Snapshot};
use crate::number::fixed;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::popup::{self, Popup};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit;

/// The selected row (the baseline sections first, then the flagged questions) and the scores.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub selected: usize,
    pub view: View,
}

impl State {
    /// The dashboard of the open checkpoint.
    pub fn new(app: &App) -> State {
        State {
            selected: 0,
            view: View::new(app),
        }
    }
}

/// A baseline section's items, opened from the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drill {
    pub section: usize,
    pub selected: usize,
}

/// What the dashboard shows, scored from the checkpoint.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub level: Option<String>,
    pub score: Option<f64>,
    pub percentile: Option<u8>,
    pub answered: usize,
    pub questions: usize,
    /// Each 2019 level: name, share in percent, whether it is the squad's.
    pub shares: Vec<(String, f64, bool)>,
    /// How scores map to levels: `Low ≤3.5 · Medium ≤4.4 · High ≤5.2 · Elite above`.
    pub bands: String,
    /// The phase the squad works on; `Some(None)` when every phase is reached.
    pub working_on: Option<Option<String>>,
    /// Name, score in percent, focus first.
    pub capabilities: Vec<(String, Option<f64>, bool)>,
    pub sections: Vec<Section>,
    pub discussion: Vec<Flag>,
    /// Questions whose votes are still hidden, left out of everything above.
    pub hidden: usize,
    /// What changed since the squad's last checkpoint, with each row's trend across all its
    /// checkpoints.
    pub since: Option<Box<Since>>,
}

/// The comparison with the last checkpoint, and a sparkline per row.
#[derive(Debug, Clone)]
pub struct Since {
    pub comparison: Comparison,
    pub trends: Vec<String>,
    /// How many checkpoints the trends run across.
    pub checkpoints: usize,
}

impl Since {
    /// The row of a measure.
    fn row(&self, measure: &Measured) -> Option<(&Row, &str)> {
        let at = self
            .comparison
            .rows
            .iter()
            .position(|r| r.measure == *measure)?;
        Some((&self.comparison.rows[at], self.trends.get(at)?.as_str()))
    }
}

/// A baseline section and its items.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub score: Option<f64>,
    /// Question id, name, value, the value's label.
    pub items: Vec<(String, String, Option<f64>, String)>,
}

/// A question whose votes are far apart.
#[derive(Debug, Clone, Default)]
pub struct Flag {
    pub id: String,
    pub part: String,
    pub name: String,
    pub votes: String,
    pub agreed: Option<String>,
}

impl View {
    /// Scores the open checkpoint.
    pub fn new(app: &App) -> View {
        let Some((c, hidden)) = app.shown() else {
            return View::default();
        };
        let a = Assessment::new(&app.catalog, &c);
        let since = app.work.as_ref().and_then(|work| {
            let last = work.history.last()?;
            let name = work.path.as_deref().and_then(|p| p.file_stem());
            let name = name.map(|n| n.to_string_lossy()).unwrap_or_default();
            let now = Snapshot::scored(&app.catalog, &name, &c, &a);
            let comparison = crate::history::compare(last, &now);
            let all = work.history.trend(&now);
            let levels = app.catalog.benchmark().levels.len();
            let trends = comparison
                .rows
                .iter()
                .map(|r| crate::history::trend(&all, r, levels))
                .collect();
            Some(Box::new(Since {
                comparison,
                trends,
                checkpoints: all.len(),
            }))
        });
        let dora = &a.dora;
        let mine = dora.level.as_ref().map(|l| l.id);
        let item = |q: &QuestionResult| {
            let label = q.value_label.unwrap_or("").to_string();
            (q.id.to_string(), q.name.to_string(), q.value, label)
        };
        View {
            level: dora.level.as_ref().map(|l| l.name.to_string()),
            score: dora.score,
            percentile: dora.percentile,
            answered: dora.answered,
            questions: dora.questions.len(),
            shares: dora
                .shares
                .iter()
                .map(|s| (s.name.to_string(), s.share, Some(s.id) == mine))
                .collect(),
            bands: app
                .catalog
                .benchmark()
                .levels
                .iter()
                .map(|l| match l.max_score {
                    Some(max) => format!("{} ≤{max}", l.name),
                    None => format!("{} above", l.name),
                })
                .collect::<Vec<_>>()
                .join(" · "),
            working_on: a
                .phases
                .as_ref()
                .map(|p| p.working_on.map(|i| p.phases[i].title.to_string())),
            capabilities: a
                .capabilities
                .iter()
                .map(|cap| (cap.name.to_string(), cap.score, cap.focus_first))
                .collect(),
            sections: a
                .baseline
                .iter()
                .map(|s| Section {
                    id: s.id.to_string(),
                    title: s.title.to_string(),
                    score: s.score,
                    items: s.items.iter().map(item).collect(),
                })
                .collect(),
            discussion: a
                .discussion
                .iter()
                .map(|q| Flag {
                    id: q.id.to_string(),
                    part: app
                        .locate(q.id)
                        .and_then(|(p, _)| app.parts.get(p))
                        .map_or(String::new(), |p| p.title.clone()),
                    name: q.name.to_string(),
                    votes: q
                        .votes
                        .iter()
                        .map(|(_, v)| v.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                    agreed: q.agreed.map(|v| v.to_string()),
                })
                .collect(),
            hidden,
            since,
        }
    }
}

/// Handles a key on the dashboard.
pub fn update(app: &mut App, state: &mut State, action: Action) -> Option<Screen> {
    let sections = state.view.sections.len();
    let rows = sections + state.view.discussion.len();
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
            let flag = state.view.discussion.get(state.selected - sections)?;
            return app.vote_on(&flag.id);
        }
        Action::Since if state.view.since.is_some() => {
            app.popup = Some(Popup::Since { scroll: 0 });
        }
        Action::Since => {
            let squad = app
                .checkpoint()
                .map_or("", |c| c.squad.as_str())
                .to_string();
            let dir = app.store.dir().display().to_string();
            app.info(&format!("This is {squad}'s first checkpoint in {dir}."));
        }
        _ => {}
    }
    None
}

/// The section a drill-down shows, from the dashboard underneath.
fn drilled(app: &App, drill: &Drill) -> Option<Section> {
    match &app.screen {
        Screen::Results(state) => state.view.sections.get(drill.section).cloned(),
        _ => View::new(app).sections.get(drill.section).cloned(),
    }
}

/// Handles a key in a section's item list.
pub fn update_drill(app: &mut App, mut drill: Drill, action: Action) -> Option<Popup> {
    let section = drilled(app, &drill)?;
    match action {
        Action::Back => return None,
        Action::Up => drill.selected = drill.selected.saturating_sub(1),
        Action::Down => {
            drill.selected = (drill.selected + 1).min(section.items.len().saturating_sub(1));
        }
        Action::Open => {
            let screen = app.vote_on(&section.items.get(drill.selected)?.0)?;
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
fn dora_lines(view: &View, width: usize, theme: &Theme) -> Vec<Line<'static>> {
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
    lines
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

/// A row's change, coloured by its direction.
fn change_span(row: &Row, theme: &Theme) -> Span<'static> {
    let style = match row.change {
        Change::Up => theme.good,
        Change::Down => theme.warn,
        _ => theme.dim,
    };
    Span::styled(row.text.clone(), style)
}

/// Draws every measure's change since the last checkpoint, with its trend, over the dashboard.
pub fn render_since(frame: &mut Frame, area: Rect, app: &App, scroll: u16) {
    let theme = &app.theme;
    let since = match &app.screen {
        Screen::Results(state) => state.view.since.clone(),
        _ => View::new(app).since,
    };
    let Some(since) = since else {
        return;
    };
    let c = &since.comparison;
    let mut lines = vec![
        Line::styled(
            format!(
                "{} → {} · trend across {} checkpoints",
                c.before.date, c.after.date, since.checkpoints
            ),
            theme.dim,
        ),
        Line::default(),
    ];
    let width = since.checkpoints.max(5);
    for (row, trend) in c.rows.iter().zip(&since.trends) {
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", fit(&row.label, 38))),
            Span::styled(format!("{trend:<width$} "), theme.bar_fill),
            Span::raw(format!(
                "{:>8} → {:<8} ",
                fit(&row.before, 8),
                fit(&row.after, 8)
            )),
            change_span(row, theme),
        ]));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let box_area = popup::centered(area, 80, height);
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().border_style(theme.border).title(format!(
                " Since the last checkpoint ({}) · Esc closes ",
                c.before.date
            )))
            .scroll((scroll, 0)),
        box_area,
    );
}

/// A dashboard panel: a bordered box with `title`.
pub fn block(title: String, theme: &Theme) -> Block<'static> {
    Block::bordered()
        .border_style(theme.border)
        .padding(Padding::horizontal(1))
        .title(title)
}

/// Draws the dashboard.
pub fn render(frame: &mut Frame, area: Rect, app: &App, state: &State) {
    let theme = &app.theme;
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
    let dora_height = if view.since.is_some() { 6 } else { 5 };
    // Alone there is nobody to disagree with: no "To discuss" panel, the others take its room.
    let solo = app.checkpoint().is_some_and(|c| c.mode == Mode::Solo);
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
            "Recommended once the DORA level is known.",
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
    let bar_width = usize::from(base_inner.width)
        .saturating_sub(2 + 20 + 5 + change_width)
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

/// Draws a section's items over the dashboard.
pub fn render_drill(frame: &mut Frame, area: Rect, app: &App, drill: &Drill) {
    let theme = &app.theme;
    let Some(section) = drilled(app, drill) else {
        return;
    };
    let height = u16::try_from(section.items.len() + 2).unwrap_or(u16::MAX);
    let box_area = popup::centered(area, 76, height);
    frame.render_widget(Clear, box_area);
    let items: Vec<ListItem> = section
        .items
        .iter()
        .map(|(_, name, value, label)| {
            let mut spans = vec![Span::raw(format!("{} ", fit(name, 39)))];
            spans.extend(gauge(*value, 3.0, 12, theme));
            spans.push(Span::raw(format!(
                " {:>4} {label}",
                value.map_or("–".to_string(), |v| fixed(v, 1))
            )));
            ListItem::new(Line::from(spans))
        })
        .collect();
    let title = format!(
        " {} · {} (Enter votes, Esc closes) ",
        section.title,
        section.score.map_or("–".to_string(), |v| fixed(v, 1))
    );
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().border_style(theme.border).title(title))
            .highlight_style(theme.selected)
            .highlight_symbol("› ")
            .highlight_spacing(HighlightSpacing::Always),
        box_area,
        &mut ListState::default().with_selected(Some(drill.selected)),
    );
}
