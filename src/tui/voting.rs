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
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::popup::{Popup, Purpose};
use crate::tui::question;
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
    // Evidence `checkpoint evidence --attach` stored: what the git history points to, not a vote.
    if let Some(found) = c.evidence.as_ref().and_then(|e| e.questions.get(&q.id)) {
        let label = |v: u8| q.options.get(usize::from(v).wrapping_sub(1));
        let points = found
            .suggested
            .and_then(|v| label(v).map(|l| format!("points to {v} · {l}")));
        let why = found.text.first().map_or("", String::as_str);
        let points = points.unwrap_or_else(|| "no suggestion".into());
        lines.push(Line::styled(
            format!("Evidence from git: {points}. {why}"),
            theme.dim,
        ));
    }
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
    // The question keeps the rows it needs above the tips; the tips give way first (t shows
    // them all).
    let width = area.width.saturating_sub(2);
    let question_rows = u16::try_from(question::rows(&lines, width)).unwrap_or(u16::MAX);
    let tips = question::tip_lines(q, width, theme);
    if !tips.is_empty() {
        lines.push(Line::default());
        lines.extend(tips);
    }
    // The scale is as tall as its labels wrap at its width (borders and margins take 4).
    let [_, right] = halves(area);
    let scale_width = right.width.saturating_sub(4);
    let scale = question::scale_lines(
        q,
        &result,
        (revealed, c.mode == Mode::Workshop),
        scale_width,
        theme,
    );
    let wanted = (c.participants.len() + 2).max(question::rows(&scale, scale_width) + 2);
    let bottom_height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(question_rows.min(6)));
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(bottom_height)]).areas(area);
    let [left, right] = halves(bottom);
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
    frame.render_widget(Paragraph::new(scale).wrap(Wrap { trim: false }), inner);
}

/// Who voted on the left, the scale on the right.
fn halves(area: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)]).areas(area)
}
