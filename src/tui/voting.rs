//! Voting, one question at a time: the question and its tips above; who has voted on the left;
//! the scale, and once the votes are shown their distribution and statistics, on the right.
//!
//! ```text
//!  DORA maturity › Lead time                         question 2 of 4
//!  Title
//!  Text, then the facilitator's tips as far as they fit
//! ┌ Votes 2 of 3 ──────────┐┌ Scale · votes hidden ─────────────────┐
//! │› Ana    ● voted        ││  1  More than six months    ██ 1      │
//! │  Ben    ○ not yet      ││  mean 4.5 · median 4.5 · spread 3 ⚑   │
//! └────────────────────────┘└───────────────────────────────────────┘
//! ```

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::assessment::QuestionResult;
use crate::checklist::Question;
use crate::checkpoint::{Mode, Vote, part_of};
use crate::score::DISCUSSION_SPREAD;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::popup::{Popup, Purpose};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit;

/// Where the voting screen is: a question of a part, and the participant votes go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub part: usize,
    pub index: usize,
    /// The participant the facilitator enters votes for.
    pub selected: usize,
}

impl State {
    /// The screen on question `index` of `part`, with the first participant yet to vote selected.
    pub fn new(app: &App, part: usize, index: usize) -> State {
        let mut state = State {
            part,
            index,
            selected: 0,
        };
        state.selected = waiting(app, &state, 0).unwrap_or(0);
        state
    }
}

/// The question on screen.
fn question<'a>(app: &'a App, state: &State) -> Option<&'a Question> {
    app.question(state.part, state.index)
}

/// The first participant from `from` on (wrapping round) who has not voted on the question and
/// is not absent for its part.
fn waiting(app: &App, state: &State, from: usize) -> Option<usize> {
    let c = app.checkpoint()?;
    let q = question(app, state)?;
    let n = c.participants.len();
    (0..n).map(|k| (from + k) % n).find(|&i| {
        let p = &c.participants[i];
        !c.is_absent(part_of(&q.id), p) && c.answer(&q.id).is_none_or(|a| !a.votes.contains_key(p))
    })
}

/// Whose vote a digit casts: in turn while the keyboard is passed round, else the selected one.
fn voter(app: &App, state: &State) -> Option<usize> {
    let c = app.checkpoint()?;
    if c.session.pass_keyboard
        && c.mode == Mode::Workshop
        && let Some(turn) = waiting(app, state, 0)
    {
        return Some(turn);
    }
    (state.selected < c.participants.len()).then_some(state.selected)
}

/// Handles a key on the voting screen.
pub fn update(app: &mut App, state: &mut State, action: Action) -> Option<Screen> {
    let q = question(app, state)?;
    let (id, scale) = (q.id.clone(), q.scale());
    let count = app.checkpoint().map_or(0, |c| c.participants.len());
    match action {
        Action::Vote(_) | Action::NotApplicable => {
            let vote = match action {
                Action::Vote(v) => Vote::Value(v),
                _ => Vote::NotApplicable,
            };
            if let Vote::Value(v) = vote
                && !scale.contains(v)
            {
                app.error(&format!("{v} is not on this question's scale ({scale})."));
                return None;
            }
            let who = voter(app, state)?;
            let name = &app.checkpoint()?.participants[who];
            if app.checkpoint()?.is_absent(part_of(&id), name) {
                let text = format!("{name} is absent for this part: x marks them present first.");
                app.error(&text);
                return None;
            }
            let was_hidden = !app.checkpoint()?.is_revealed(&id);
            let c = app.checkpoint_mut()?;
            let name = c.participants[who].clone();
            c.vote(&id, &name, vote);
            let pass = c.session.pass_keyboard && c.mode == Mode::Workshop;
            let revealed = c.is_revealed(&id);
            match waiting(app, state, who + 1) {
                Some(next) if !revealed || !pass => {
                    state.selected = next;
                    if pass {
                        let next_name = app.checkpoint()?.participants[next].clone();
                        app.info(&format!("{name} voted. Pass the keyboard to {next_name}."));
                    }
                }
                _ => state.selected = who,
            }
            if was_hidden && revealed && count > 1 {
                app.info("Everyone has voted: here are the votes.");
            }
            if vote == Vote::NotApplicable {
                crate::tui::reveal::after_not_applicable(app, &id);
            }
        }
        Action::Clear => {
            let c = app.checkpoint_mut()?;
            let name = c.participants.get(state.selected)?.clone();
            c.clear_vote(&id, &name);
        }
        Action::Reveal => {
            let turn = voter(app, state).filter(|_| {
                app.checkpoint()
                    .is_some_and(|c| c.session.pass_keyboard && !c.is_revealed(&id))
            });
            if let Some(turn) = turn {
                let name = app.checkpoint()?.participants.get(turn)?.clone();
                app.error(&format!(
                    "It is {name}'s turn: the votes show once everyone has voted \
                     (p hands the keyboard back to the facilitator)."
                ));
                return None;
            }
            let c = app.checkpoint_mut()?;
            if c.mode == Mode::Solo {
                app.info("Alone, your votes are always shown.");
            } else {
                let shown = c.answer(&id).is_some_and(|a| a.revealed);
                c.set_revealed(&id, !shown);
                if shown && c.is_revealed(&id) {
                    app.info("Everyone has voted, so the votes stay shown.");
                }
            }
        }
        Action::Absent => {
            let c = app.checkpoint_mut()?;
            let name = c.participants.get(state.selected)?.clone();
            match c.toggle_absent(part_of(&id), &name) {
                Ok(true) => {
                    app.info(&format!(
                        "{name} is absent for this part: no vote waits for them."
                    ));
                    state.selected = waiting(app, state, state.selected).unwrap_or(state.selected);
                }
                Ok(false) => app.info(&format!("{name} is back for this part.")),
                Err(e) => app.error(&format!("{e}.")),
            }
        }
        Action::Agree => app.popup = Some(Popup::Agree { question: id }),
        Action::OtherCapability => crate::tui::capabilities::pick(app),
        Action::Note => {
            let note = app
                .checkpoint()
                .and_then(|c| c.answer(&id))
                .map_or(String::new(), |a| a.note.clone());
            app.popup = Some(Popup::input("Note", Purpose::Note(id), &note));
        }
        Action::Tips => {
            app.popup = Some(Popup::Tips {
                question: id,
                scroll: 0,
            });
        }
        Action::PassKeyboard => {
            let c = app.checkpoint_mut()?;
            if c.mode == Mode::Solo {
                app.error("A solo self-assessment has no keyboard to pass.");
            } else {
                c.session.pass_keyboard = !c.session.pass_keyboard;
                let text = if c.session.pass_keyboard {
                    "Pass the keyboard: each participant in turn presses their vote."
                } else {
                    "The facilitator enters votes: select a participant, press the value."
                };
                app.info(text);
            }
        }
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(count.saturating_sub(1)),
        Action::Left if state.index == 0 => app.info("This is the part's first question."),
        Action::Left => return Some(Screen::Voting(State::new(app, state.part, state.index - 1))),
        Action::Right => {
            let len = app.parts.get(state.part).map_or(0, |p| p.items.len());
            return Some(if state.index + 1 < len {
                Screen::Voting(State::new(app, state.part, state.index + 1))
            } else {
                crate::tui::reveal::after_last(app, state.part)
            });
        }
        _ => {}
    }
    None
}

/// Records the squad's agreed value on `question`; false (and a message) when it is off the
/// question's scale.
pub fn agree(app: &mut App, question: &str, agreed: Option<Vote>) -> bool {
    let Some(scale) = app.catalog.question(question).map(Question::scale) else {
        return false;
    };
    if let Some(Vote::Value(v)) = agreed
        && !scale.contains(v)
    {
        app.error(&format!("{v} is not on this question's scale ({scale})."));
        return false;
    }
    if let Some(c) = app.checkpoint_mut() {
        c.set_agreed(question, agreed);
    }
    true
}

/// The facilitator's tips, guiding questions, examples and the reason behind a milestone.
pub fn tip_lines(q: &Question, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut section = |title: &str, items: &[String]| {
        if items.is_empty() {
            return;
        }
        lines.push(Line::styled(title.to_string(), theme.dim));
        for item in items {
            lines.push(Line::raw(format!("  • {}", crate::checklist::flat(item))));
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

/// Draws the voting screen.
pub fn render(frame: &mut Frame, area: Rect, app: &App, state: &State) {
    let theme = &app.theme;
    let (Some(c), Some(q), Some(part)) = (
        app.checkpoint(),
        question(app, state),
        app.parts.get(state.part),
    ) else {
        return;
    };
    let result = QuestionResult::new(q, c);
    let revealed = c.is_revealed(&q.id);
    let scale_rows = q.scale().len() + usize::from(result.stats.not_applicable > 0);
    let wanted = (c.participants.len() + 2).max(scale_rows + 6);
    let bottom_height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(6));
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(bottom_height)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)]).areas(bottom);

    // The question.
    let group = part.items.get(state.index).map_or("", |i| i.group.as_str());
    let place = if group.is_empty() {
        part.title.clone()
    } else {
        format!("{} › {group}", part.title)
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(place, theme.dim),
            Span::styled(
                format!("   question {} of {}", state.index + 1, part.items.len()),
                theme.dim,
            ),
        ]),
        Line::styled(q.name().to_string(), theme.title),
    ];
    if q.title.is_some() {
        lines.push(Line::raw(crate::checklist::flat(&q.text)));
    }
    lines.extend(crate::tui::capabilities::voting_lines(app, &q.id, theme));
    if result.not_applicable && (revealed || result.agreed.is_some()) {
        lines.extend(crate::tui::reveal::guess_line(app, &q.id, theme));
    }
    let pass = c.session.pass_keyboard && c.mode == Mode::Workshop;
    if let Some(turn) = voter(app, state).filter(|_| pass && !revealed) {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!(
                "▶ {}'s turn: press {}, or n for n/a. The others look away.",
                c.participants[turn],
                q.scale()
            ),
            theme.highlight,
        ));
    }
    let tips = tip_lines(q, theme);
    if !tips.is_empty() {
        lines.push(Line::default());
        lines.extend(tips);
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        top.inner(ratatui::layout::Margin::new(1, 0)),
    );

    // Who voted.
    let voted = result.votes.len();
    let items: Vec<ListItem> = c
        .participants
        .iter()
        .map(|p| {
            let vote = result
                .votes
                .iter()
                .find(|(name, _)| name == p)
                .map(|(_, v)| *v);
            let status = match (vote, revealed) {
                _ if c.is_absent(part_of(&q.id), p) => Span::styled("– absent", theme.dim),
                (Some(v), true) => Span::styled(format!("{v:>3}"), theme.good),
                (Some(_), false) => Span::styled("● voted", theme.good),
                (None, _) => Span::styled("○ not yet", theme.dim),
            };
            ListItem::new(Line::from(vec![
                Span::raw(format!("{} ", fit(p, 14))),
                status,
            ]))
        })
        .collect();
    let expected = c.expected(&q.id).count();
    let away = match c.participants.len().saturating_sub(expected) {
        0 => String::new(),
        n => format!("· {n} absent "),
    };
    let title = if c.mode == Mode::Solo {
        " Your vote ".to_string()
    } else if pass {
        format!(" Votes {voted}/{expected} {away}· pass keyboard ")
    } else {
        format!(" Votes {voted} of {expected} {away}")
    };
    let list = List::new(items)
        .block(Block::bordered().border_style(theme.border).title(title))
        .highlight_style(theme.selected)
        .highlight_symbol("› ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut list_state =
        ListState::default().with_selected((!pass || revealed).then_some(state.selected));
    frame.render_stateful_widget(list, left, &mut list_state);

    // The scale, and the votes once shown.
    let block = Block::bordered()
        .border_style(theme.border)
        .title(if revealed {
            " Scale · votes ".to_string()
        } else {
            " Scale · votes hidden ".to_string()
        });
    let inner = block.inner(right);
    frame.render_widget(block, right);
    let inner = inner.inner(ratatui::layout::Margin::new(1, 0));
    frame.render_widget(
        Paragraph::new(scale_lines(
            q,
            &result,
            (revealed, c.mode == Mode::Workshop),
            inner.width,
            theme,
        ))
        .wrap(Wrap { trim: false }),
        inner,
    );
}

/// One line per scale value, with a bar and a count once the votes are shown; then the
/// statistics, the agreed value and the note.
fn scale_lines(
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
    let bar_width = if revealed {
        (width / 4).clamp(4, 30)
    } else {
        0
    };
    let label_width = width.saturating_sub(6 + bar_width + 3);
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
    let mut lines: Vec<Line> = q
        .scale()
        .values()
        .zip(q.scale_labels())
        .map(|(value, label)| {
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
            let mut spans = vec![
                Span::styled(format!("{mark}{value:>2}  "), theme.key),
                Span::raw(fit(label, label_width)),
            ];
            spans.extend(bar(n));
            Line::from(spans)
        })
        .collect();
    if revealed && stats.not_applicable > 0 {
        let mut spans = vec![
            Span::styled(" n/a ", theme.key),
            Span::raw(fit("", label_width)),
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
