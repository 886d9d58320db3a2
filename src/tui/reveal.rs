//! The reveal: after the last DORA question, "DevOps maturity is... Elite!" with the percentile
//! and the three capabilities the level recommends, the moment seed 004 builds the workshop
//! around; then on to rating them. Also the advice that goes with n/a on a DORA question: the
//! level needs a value for every one, so a best guess beats n/a.
//!
//! ```text
//!                      DevOps maturity is...  Elite!
//!        Performing better than 89% of respondents (DORA 2019) · score 5.5 of 6
//!        ██████████████████████████████████████████████░░░░░░░░░░
//!        2019 respondents: Low 12% · Medium 44% · High 23% · Elite 20%
//!
//!  Based on this maturity, the capabilities to work on are:
//!   1 Westrum organizational culture
//!     Its description, on one line
//! ```

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::agenda::PartKind;
use crate::capabilities::{Walk, is_dora};
use crate::checkpoint::Mode;
use crate::number::fixed;
use crate::tui::effect::{Dest, Effect};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::widgets::truncate;

/// The reveal, shown after the DORA part `part`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub part: usize,
}

/// Whether part `part` holds the DORA questions.
fn is_dora_part(model: &Model, part: usize) -> bool {
    let last = model.parts.get(part).and_then(|p| p.items.last());
    last.is_some_and(|i| is_dora(&model.catalog, &i.question))
}

/// The screen after the last question of `part`: the reveal when it is the DORA part and the
/// level is known, else the next part (saying what the level still needs).
pub fn after_last(model: &Model, part: usize) -> Vec<Effect> {
    let next = Effect::Go(Dest::NextPart(part));
    if !is_dora_part(model, part) {
        return vec![next];
    }
    if let Some(quick) = quick(model) {
        if quick.complete {
            return vec![Effect::Go(Dest::Reveal(part))];
        }
        return vec![Effect::Info(quick.headline), next];
    }
    let known = model.work.as_ref().map(|w| {
        let walk = Walk::new(&model.catalog, w.checkpoint(), &[], true);
        (walk.level.is_some(), walk.waiting.len())
    });
    match known {
        Some((true, _)) => vec![Effect::Go(Dest::Reveal(part))],
        Some((false, waiting)) => vec![
            Effect::Info(format!(
                "No DORA level yet: {} without a value. The level needs a value for every \
                 question; with no data, make your best guess.",
                crate::tui::widgets::count(waiting, "question is", "questions are")
            )),
            next,
        ],
        None => vec![next],
    }
}

/// The 2025 lines of the open checkpoint as the shared screen shows it, when it is on the
/// 2025 model.
fn quick(model: &Model) -> Option<crate::tui::quick::Quick> {
    let (c, _) = model.shown()?;
    crate::tui::quick::lines(&crate::assessment::dora_result(&model.catalog, &c))
}

/// The 2025 reveal: the overall score against the benchmarks, and the capabilities' rule.
fn render_2025(frame: &mut Frame, area: Rect, model: &Model, quick: crate::tui::quick::Quick) {
    let theme = &model.theme;
    let area = area.inner(Margin::new(2, 1));
    let mut lines = vec![
        Line::default(),
        Line::styled("Software delivery performance (DORA 2025)", theme.title),
        Line::default(),
        Line::styled(quick.headline, theme.highlight),
        Line::raw(quick.against),
        Line::styled(quick.metrics, theme.dim),
        Line::default(),
    ];
    lines.push(Line::styled(
        "The 2025 model has no performance level, so it recommends no capabilities: choose \
         the ones to rate in the capabilities part (o), or skip it.",
        theme.dim,
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}

/// After an n/a vote on `question`: when it is a DORA question, the advice of seed 004.
pub fn not_applicable_hint(model: &Model, question: &str) -> Option<&'static str> {
    is_dora(&model.catalog, question).then_some(
        "The DORA level needs a value for every question: with no data, make your best \
         guess rather than n/a.",
    )
}

/// Under a DORA question whose shown answer is only n/a: the level cannot be given.
pub fn guess_line(
    model: &Model,
    question: &str,
    theme: &crate::tui::theme::Theme,
) -> Option<Line<'static>> {
    if !is_dora(&model.catalog, question) {
        return None;
    }
    let solo = model.checkpoint().is_some_and(|c| c.mode == Mode::Solo);
    let then = if solo {
        "vote your best guess"
    } else {
        "agree on a best guess (a)"
    };
    Some(Line::styled(
        format!("⚠ Only n/a here: the DORA level needs a value for every question; {then}."),
        theme.warn,
    ))
}

/// Handles a key on the reveal.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let part = state.part;
    match action {
        Action::Right => vec![Effect::Go(Dest::NextPart(part))],
        Action::Left => {
            let last = model
                .parts
                .get(part)
                .and_then(|p| p.items.len().checked_sub(1));
            let vote = last.map(|index| Effect::Go(Dest::Vote { part, index }));
            vote.into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// Draws the reveal.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let Some(work) = &model.work else {
        return;
    };
    if let Some(quick) = quick(model) {
        return render_2025(frame, area, model, quick);
    }
    let walk = Walk::new(&model.catalog, work.checkpoint(), &[], true);
    let Some(level) = walk.level else {
        return;
    };
    let area = area.inner(Margin::new(2, 1));
    let width = usize::from(area.width);
    let benchmark = model.catalog.benchmark();
    let mut centred = vec![
        Line::from(vec![
            Span::styled("DevOps maturity is...  ", theme.title),
            Span::styled(format!("{}!", level.name), theme.highlight),
        ]),
        Line::default(),
    ];
    if let Some(p) = walk.percentile {
        let score = walk
            .score
            .map_or(String::new(), |s| format!(" · score {} of 6", fixed(s, 2)));
        centred.push(Line::raw(format!(
            "Performing better than {p}% of respondents ({}){score}",
            benchmark.source
        )));
        let bar = width.min(60);
        let filled = (usize::from(p) * bar).div_ceil(100).min(bar);
        centred.push(Line::from(vec![
            Span::styled("█".repeat(filled), theme.bar_fill),
            Span::styled("░".repeat(bar - filled), theme.dim),
        ]));
    }
    let mut shares = vec![Span::styled(
        format!("{} respondents: ", benchmark.source),
        theme.dim,
    )];
    for (i, l) in benchmark.levels.iter().enumerate() {
        if i > 0 {
            shares.push(Span::styled(" · ", theme.dim));
        }
        let style = if l.id == level.id {
            theme.selected
        } else {
            theme.text
        };
        shares.push(Span::styled(format!("{} {:.0}%", l.name, l.share), style));
    }
    centred.push(Line::from(shares));
    let mut lines = vec![Line::styled(
        "Based on this maturity, the capabilities to work on are:",
        theme.title,
    )];
    for (i, c) in walk.recommended.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme.key),
            Span::styled(c.name.clone(), theme.title),
        ]));
        let description = crate::checklist::flat(&c.description);
        lines.push(Line::styled(
            format!("   {}", truncate(&description, width.saturating_sub(3))),
            theme.dim,
        ));
    }
    lines.push(Line::default());
    let statements: usize = walk.recommended.iter().map(|c| c.statements.len()).sum();
    let next = (state.part + 1..model.parts.len()).find(|i| !model.is_skipped(*i));
    let rating = next.is_some_and(|i| model.parts[i].kind == PartKind::Capabilities);
    lines.push(Line::styled(
        if rating {
            format!(
                "Next: rate their {statements} statements; the lowest-scoring capability is the \
                 one to focus on first."
            )
        } else {
            "The capabilities part is skipped on the agenda (g, then x takes it back).".to_string()
        },
        theme.dim,
    ));
    let top = u16::try_from(centred.len()).unwrap_or(u16::MAX);
    let [head, _, body] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(top.saturating_add(1)),
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Fill(1),
    ])
    .areas(area);
    let mut head_lines = vec![Line::default()];
    head_lines.extend(centred);
    frame.render_widget(
        Paragraph::new(head_lines).alignment(Alignment::Center),
        head,
    );
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
        body,
    );
}
