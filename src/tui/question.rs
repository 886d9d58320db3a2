//! A question's text on the voting screen, wrapped to the width it has: the facilitator's tips
//! (a bullet's continuation lines under its text) and the scale with the votes (an option's
//! label in full, over as many lines as it needs, so that two long DORA options never look
//! the same).
//!
//! ```text
//!  ◆ 2  Between once per month and     ███████   2
//!       once every six months
//!    3  Between once per week and               0
//!       once per month
//!
//!  mean 2.5 · median 2.5 · spread 1
//! ```

use ratatui::text::{Line, Span};

use crate::assessment::QuestionResult;
use crate::checklist::Question;
use crate::checkpoint::{Checkpoint, Vote};
use crate::score::DISCUSSION_SPREAD;
use crate::tui::theme::Theme;
use crate::tui::widgets::{self, fit, hanging, wrap};

/// The rows `lines` take once wrapped at `width` columns.
pub fn rows(lines: &[Line], width: u16) -> usize {
    lines
        .iter()
        .map(|line| wrap(&line.to_string(), usize::from(width)).len())
        .sum()
}

/// The facilitator's tips, guiding questions, examples and the reason behind a milestone, each
/// bullet wrapped to `width` columns with its continuation lines under its text.
pub fn tip_lines(q: &Question, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut section = |title: &str, items: &[String]| {
        if items.is_empty() {
            return;
        }
        lines.push(Line::styled(title.to_string(), theme.dim));
        for item in items {
            let text = crate::checklist::flat(item);
            lines.extend(
                hanging("  • ", &text, usize::from(width))
                    .into_iter()
                    .map(Line::raw),
            );
        }
    };
    section("Tips", &q.tips);
    section("Guiding questions", &q.guiding_questions);
    section("Examples", &q.examples);
    if let Some(why) = &q.why {
        section("Why", std::slice::from_ref(why));
    }
    lines
}

/// The scale's lines, `width` columns wide: each value with its label wrapped in full, and a
/// bar and a count once the votes are shown; then the statistics, the agreed value and the
/// note.
pub fn scale_lines(
    q: &Question,
    result: &QuestionResult,
    (revealed, show_agreed): (bool, bool),
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let stats = &result.stats;
    let most = stats
        .distribution
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(stats.not_applicable);
    let width = usize::from(width);
    // `◆ 2  `, the label, a space, then the bar and ` 12` once shown, and a spare column.
    let label_width = |bar: usize| width.saturating_sub(7 + bar + 3).max(8);
    let longest = q.scale_labels().iter().map(|l| widgets::width(l)).max();
    let bar_width = match revealed {
        false => 0,
        // Labels that would wrap get the columns of a wide bar.
        true if longest > Some(label_width((width / 4).clamp(4, 30))) => 6,
        true => (width / 4).clamp(4, 30),
    };
    let label_width = label_width(bar_width);
    let bar = |n: usize| -> Vec<Span<'static>> {
        if !revealed {
            return Vec::new();
        }
        let filled = (n * bar_width).div_ceil(most.max(1));
        vec![
            Span::styled("█".repeat(filled), theme.bar_fill),
            Span::raw(" ".repeat(bar_width - filled)),
            Span::styled(
                format!(" {n:>2}"),
                if n > 0 { theme.title } else { theme.dim },
            ),
        ]
    };
    let agreed = result.agreed;
    let mut lines: Vec<Line> = Vec::new();
    for (value, label) in q.scale().values().zip(q.scale_labels()) {
        let n = stats
            .distribution
            .iter()
            .find(|(v, _)| *v == value)
            .map_or(0, |(_, n)| *n);
        let mark = if agreed == Some(Vote::Value(value)) {
            "◆"
        } else {
            " "
        };
        let mut label = wrap(label, label_width).into_iter();
        let first = label.next().unwrap_or_default();
        let mut spans = vec![
            Span::styled(format!("{mark}{value:>2}  "), theme.key),
            Span::raw(format!("{} ", fit(&first, label_width))),
        ];
        spans.extend(bar(n));
        lines.push(Line::from(spans));
        lines.extend(label.map(|rest| Line::raw(format!("     {rest}"))));
    }
    if revealed && stats.not_applicable > 0 {
        let mut spans = vec![
            Span::styled(" n/a ", theme.key),
            Span::raw(format!("{} ", fit("", label_width))),
        ];
        spans.extend(bar(stats.not_applicable));
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    if revealed {
        let shown = |v: Option<f64>| v.map_or("–".to_string(), |v| crate::number::fixed(v, 1));
        let mut spans = vec![Span::raw(format!(
            "mean {} · median {} · spread {}",
            shown(stats.mean),
            shown(stats.median),
            stats.spread.map_or("–".to_string(), |s| s.to_string())
        ))];
        if stats.discuss {
            spans.push(Span::styled("  ⚑ discuss".to_string(), theme.warn));
        }
        lines.push(Line::from(spans));
    } else {
        lines.push(Line::styled(
            format!("Hidden until all have voted (or v). ⚑ when {DISCUSSION_SPREAD}+ apart."),
            theme.dim,
        ));
    }
    if show_agreed {
        let agreed_text = match agreed {
            Some(Vote::Value(v)) => format!("{v} {}", q.label(v).unwrap_or("")),
            Some(Vote::NotApplicable) => "n/a".to_string(),
            None => "– (a records one)".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled("agreed ", theme.dim),
            Span::raw(agreed_text),
        ]));
    }
    if !result.note.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("note ", theme.dim),
            Span::raw(crate::checklist::flat(result.note)),
        ]));
    }
    lines
}

/// What `checkpoint evidence --attach` stored for the question: what the git history points
/// to, never a vote.
pub fn evidence_line(c: &Checkpoint, q: &Question, theme: &Theme) -> Option<Line<'static>> {
    let found = c.evidence.as_ref()?.questions.get(&q.id)?;
    let label = |v: u8| q.options.get(usize::from(v).wrapping_sub(1));
    let points = found
        .suggested
        .and_then(|v| label(v).map(|l| format!("points to {v} · {l}")))
        .unwrap_or_else(|| "no suggestion".into());
    let why = found.text.first().map_or("", String::as_str);
    Some(Line::styled(
        format!("Evidence from git: {points}. {why}"),
        theme.dim,
    ))
}
