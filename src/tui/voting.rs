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
use crate::checkpoint::{Checkpoint, Mode, Vote, part_of};
use crate::command::{Command, Done};
use crate::tui::effect::{Dest, Effect, error, info};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Popup, Purpose};
use crate::tui::widgets::fit;
use crate::tui::{capabilities, question, reveal};

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
    pub fn new(model: &Model, part: usize, index: usize) -> State {
        let question = model.item(part, index).map(|i| i.question.as_str());
        let first = model.checkpoint().zip(question);
        State {
            part,
            index,
            selected: first.and_then(|(c, q)| c.waiting(q, 0)).unwrap_or(0),
        }
    }
}

/// The question on screen.
fn question<'a>(model: &'a Model, state: &State) -> Option<&'a Question> {
    model.question(state.part, state.index)
}

/// Whose vote a digit casts: in turn while the keyboard is passed round, else the selected one.
fn voter(c: &Checkpoint, question: &str, state: &State) -> Option<usize> {
    if c.session.pass_keyboard
        && c.mode == Mode::Workshop
        && let Some(turn) = c.waiting(question, 0)
    {
        return Some(turn);
    }
    (state.selected < c.participants.len()).then_some(state.selected)
}

/// Handles a key on the voting screen.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    let (Some(c), Some(q)) = (model.checkpoint(), question(model, state)) else {
        return Vec::new();
    };
    let (id, scale) = (q.id.clone(), q.scale());
    let count = c.participants.len();
    let popup = |popup: Popup| vec![Effect::Popup(popup)];
    match action {
        Action::Vote(_) | Action::NotApplicable => {
            let vote = match action {
                Action::Vote(v) => Vote::Value(v),
                _ => Vote::NotApplicable,
            };
            if let Vote::Value(v) = vote
                && !scale.contains(v)
            {
                return error(format!("{v} is not on this question's scale ({scale})."));
            }
            return cast(model, c, state, &id, vote);
        }
        Action::Clear => {
            if let Some(name) = c.participants.get(state.selected) {
                let participant = name.clone();
                return vec![Effect::Edit(Command::ClearVote {
                    question: id,
                    participant,
                })];
            }
        }
        Action::Reveal => {
            let turn =
                voter(c, &id, state).filter(|_| c.session.pass_keyboard && !c.is_revealed(&id));
            if let Some(turn) = turn {
                let name = &c.participants[turn];
                return error(format!(
                    "It is {name}'s turn: the votes show once everyone has voted \
                     (p hands the keyboard back to the facilitator)."
                ));
            }
            if c.mode == Mode::Solo {
                return info("Alone, your votes are always shown.");
            }
            let shown = c.answer(&id).is_some_and(|a| a.revealed);
            let command = Command::Reveal {
                question: id.clone(),
                shown: !shown,
            };
            let stays = model
                .preview(&command)
                .is_ok_and(|(after, _)| after.is_revealed(&id));
            let mut effects = vec![Effect::Edit(command)];
            if shown && stays {
                effects.push(Effect::Info(
                    "Everyone has voted, so the votes stay shown.".into(),
                ));
            }
            return effects;
        }
        Action::Absent => {
            let Some(name) = c.participants.get(state.selected).cloned() else {
                return Vec::new();
            };
            let command = Command::Absent {
                question: id.clone(),
                participant: name.clone(),
            };
            return match model.preview(&command) {
                Ok((after, Done::Flag(true))) => {
                    state.selected = after.waiting(&id, state.selected).unwrap_or(state.selected);
                    vec![
                        Effect::Edit(command),
                        Effect::Info(format!(
                            "{name} is absent for this part: no vote waits for them."
                        )),
                    ]
                }
                Ok(_) => vec![
                    Effect::Edit(command),
                    Effect::Info(format!("{name} is back for this part.")),
                ],
                Err(e) => error(format!("{e}.")),
            };
        }
        Action::Agree => return popup(Popup::Agree { question: id }),
        Action::OtherCapability => {
            return capabilities::pick(model).map(popup).unwrap_or_default();
        }
        Action::Note => {
            let note = c.answer(&id).map_or(String::new(), |a| a.note.clone());
            return popup(Popup::input("Note", Purpose::Note(id), &note));
        }
        Action::Tips => {
            return popup(Popup::Tips {
                question: id,
                scroll: 0,
            });
        }
        Action::PassKeyboard => {
            if c.mode == Mode::Solo {
                return error("A solo self-assessment has no keyboard to pass.");
            }
            let on = !c.session.pass_keyboard;
            let text = if on {
                "Pass the keyboard: each participant in turn presses their vote."
            } else {
                "The facilitator enters votes: select a participant, press the value."
            };
            return vec![
                Effect::Edit(Command::PassKeyboard(on)),
                Effect::Info(text.into()),
            ];
        }
        Action::Up => state.selected = state.selected.saturating_sub(1),
        Action::Down => state.selected = (state.selected + 1).min(count.saturating_sub(1)),
        Action::Left if state.index == 0 => return info("This is the part's first question."),
        Action::Left => {
            let (part, index) = (state.part, state.index - 1);
            return vec![Effect::Go(Dest::Vote { part, index })];
        }
        Action::Right => {
            let len = model.parts.get(state.part).map_or(0, |p| p.items.len());
            if state.index + 1 < len {
                let (part, index) = (state.part, state.index + 1);
                return vec![Effect::Go(Dest::Vote { part, index })];
            }
            return reveal::after_last(model, state.part);
        }
        _ => {}
    }
    Vec::new()
}

/// Casts `vote` on `question` for whoever's turn it is, then selects who votes next and says
/// what happened.
fn cast(
    model: &Model,
    c: &Checkpoint,
    state: &mut State,
    question: &str,
    vote: Vote,
) -> Vec<Effect> {
    let Some(who) = voter(c, question, state) else {
        return Vec::new();
    };
    let name = c.participants[who].clone();
    if c.is_absent(part_of(question), &name) {
        return error(format!(
            "{name} is absent for this part: x marks them present first."
        ));
    }
    let was_hidden = !c.is_revealed(question);
    let command = Command::Vote {
        question: question.to_string(),
        participant: name.clone(),
        vote,
    };
    let Ok((after, _)) = model.preview(&command) else {
        return Vec::new();
    };
    let pass = after.session.pass_keyboard && after.mode == Mode::Workshop;
    let revealed = after.is_revealed(question);
    let mut said = None;
    match after.waiting(question, who + 1) {
        Some(next) if !revealed || !pass => {
            state.selected = next;
            if pass {
                let next_name = &after.participants[next];
                said = Some(format!("{name} voted. Pass the keyboard to {next_name}."));
            }
        }
        _ => state.selected = who,
    }
    if was_hidden && revealed && c.participants.len() > 1 {
        said = Some("Everyone has voted: here are the votes.".to_string());
    }
    if vote == Vote::NotApplicable
        && let Some(hint) = reveal::not_applicable_hint(model, question)
    {
        said = Some(match said {
            Some(text) => format!("{text} {hint}"),
            None => hint.to_string(),
        });
    }
    let mut effects = vec![Effect::Edit(command)];
    effects.extend(said.map(Effect::Info));
    effects
}

/// Draws the voting screen.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, state: &State) {
    let theme = &model.theme;
    let (Some(c), Some(q), Some(part)) = (
        model.checkpoint(),
        question(model, state),
        model.parts.get(state.part),
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
    lines.extend(capabilities::voting_lines(model, &q.id, theme));
    lines.extend(question::evidence_line(c, q, theme));
    if result.not_applicable && (revealed || result.agreed.is_some()) {
        lines.extend(reveal::guess_line(model, &q.id, theme));
    }
    let pass = c.session.pass_keyboard && c.mode == Mode::Workshop;
    if let Some(turn) = voter(c, &q.id, state).filter(|_| pass && !revealed) {
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
    // Who follows on their own device, while a room is open.
    let away = match &model.on_devices {
        Some(names) => format!("{away}· {} on devices ", names.len()),
        None => away,
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
