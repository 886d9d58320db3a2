//! The workshop screen: a thin layer over the core that turns keys into actions and draws the
//! state. [`run`] owns the terminal; everything else is plain state and pure drawing, so tests
//! drive the [`App`] and draw it on a `TestBackend`.
//!
//! ```text
//!  header:  squad │ part │ progress │ timer
//!  body:    the screen (home, setup, agenda, voting, the DORA reveal, the capabilities
//!           waiting for the level, results, board, flow, improvements, actions, summary,
//!           and from home the organisation view)
//!  footer:  the keys of this screen, or the status line
//! ```
//!
//! Each layer imports only those below it. At the bottom the keys ([`action`], [`keymap`]),
//! [`theme`] and [`widgets`]; then [`model`], what every screen reads; the popups' own widgets
//! ([`pick`], [`drill`]) and the dashboard's scores ([`dashboard`]); [`popup`], which popup is
//! open, as data; [`effect`], what a key asks for. The screens and [`overlay`] (a popup's keys
//! and drawing) read the model and return effects, the edits among them core
//! [`crate::command::Command`]s. [`app`] is the one file that knows every screen: it turns keys
//! into actions, and with `go.rs` and `apply.rs` carries the effects out and saves.

pub mod action;
pub mod actions;
pub mod agenda;
pub mod app;
mod apply;
pub mod board;
pub mod capabilities;
pub mod dashboard;
pub mod discuss;
pub mod drill;
pub mod effect;
pub mod flow;
mod go;
pub mod heatmap;
pub mod home;
pub mod hosting;
pub mod improvements;
pub mod keymap;
pub mod kits;
pub mod model;
pub mod organisation;
pub mod overlay;
pub mod pick;
pub mod popup;
pub mod question;
pub mod quick;
pub mod results;
pub mod reveal;
pub mod room;
pub mod setup;
pub mod summary;
pub mod theme;
pub mod unsaved;
pub mod voting;
pub mod widgets;

use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub use app::{App, Screen};

use keymap::Context;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Runs the workshop screen until the user quits. The checkpoint is saved after every key, and
/// the terminal is restored however this ends (ratatui's panic hook covers panics). What was
/// lost comes back when the facilitator chose to quit without saving.
pub fn run(mut app: App) -> anyhow::Result<Option<String>> {
    let mut terminal = ratatui::init();
    let result = event_loop(&mut terminal, &mut app);
    // Votes under way when the facilitator quit are served and saved before the room stops.
    app.close_room();
    ratatui::restore();
    result.map(|()| app.lost())
}

/// How often the loop looks for voters' changes while a room is open.
const ROOM_POLL: Duration = Duration::from_millis(50);

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let mut drawn: Option<Instant> = None;
    while !app.should_quit() {
        // Drawn after a key, after voters changed something, and once a second so the part's
        // timer moves.
        if drawn.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
            terminal.draw(|frame| render(frame, app))?;
            drawn = Some(Instant::now());
        }
        let waiting = app.waiting();
        let wait = match &app.room {
            Some(_) => ROOM_POLL,
            None if waiting => ROOM_POLL,
            None => Duration::from_secs(1),
        };
        if event::poll(wait)? {
            drawn = None;
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    // Below the minimum size nothing shows, so only quitting works.
                    let size = terminal.size()?;
                    if size.width >= MIN_WIDTH && size.height >= MIN_HEIGHT {
                        app.key(&key, Instant::now());
                    } else if keymap::lookup(&app.contexts(), &key) == Some(keymap::Action::Quit) {
                        app.update(keymap::Action::Quit, Instant::now());
                    }
                }
                _ => {}
            }
        } else {
            app.tick(Instant::now());
        }
        // Work done on another thread (the organisation's report) is drawn at once.
        if app.serve_room(Instant::now()) || (waiting && !app.waiting()) {
            drawn = None;
        }
    }
    Ok(())
}

/// Draws the whole screen: header, the current screen, footer, and any popup. No character from
/// user data that would act on the terminal (a bidi override, say) is left in a cell.
pub fn render(frame: &mut Frame, app: &App) {
    draw(frame, app);
    widgets::text::scrub(frame.buffer_mut());
}

fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "terminal too small ({}×{}), need at least {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    // A status message longer than the screen is wide takes a second line.
    let status_width = app
        .status
        .as_ref()
        .map_or(0, |s| widgets::text::width(&s.text) + 1);
    let footer_height = if status_width > usize::from(area.width) {
        2
    } else {
        1
    };
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(footer_height),
    ])
    .areas(area);
    render_header(frame, header, app);
    let model = &app.model;
    match &app.screen {
        Screen::Home(s) => home::render(frame, body, model, s),
        Screen::Setup(s) => setup::render(frame, body, model, s),
        Screen::Agenda(s) => agenda::render(frame, body, model, s),
        Screen::Voting(s) => voting::render(frame, body, model, s),
        Screen::Results(s) => results::render(frame, body, model, s),
        Screen::Board(s) => board::render(frame, body, model, s),
        Screen::Summary(s) => summary::render(frame, body, model, s),
        Screen::Flow(s) => flow::render(frame, body, model, s),
        Screen::Improvements(s) => improvements::render(frame, body, model, s),
        Screen::Actions(s) => actions::render(frame, body, model, s),
        Screen::Reveal(s) => reveal::render(frame, body, model, s),
        Screen::Capabilities(_) => capabilities::render(frame, body, model),
        Screen::Organisation(s) => heatmap::render(frame, body, model, s),
    }
    if let Some(live) = app.room.as_ref().filter(|r| r.shown) {
        room::render(frame, body, live, &app.theme);
    }
    if let Some(popup) = &app.popup {
        overlay::render(frame, body, model, popup);
    }
    render_footer(frame, footer, app);
}

fn render_header(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    frame.render_widget(Paragraph::new("").style(theme.bar), area);
    let Some(work) = &app.work else {
        frame.render_widget(Paragraph::new(" DevOps Checkpoint").style(theme.bar), area);
        return;
    };
    let c = work.checkpoint();
    let squad = if c.squad.is_empty() {
        "new checkpoint"
    } else {
        &c.squad
    };
    let mut left = format!(" {}", widgets::truncate(squad, 24));
    let screen = match &app.screen {
        Screen::Setup(_) => Some("Setup"),
        Screen::Agenda(_) => Some("Agenda"),
        Screen::Results(_) => Some("Results"),
        Screen::Board(_) => Some("Milestone board"),
        _ => None,
    };
    match (screen, app.current_part()) {
        (Some(name), _) => left.push_str(&format!(" │ {name}")),
        (None, Some(i)) => {
            left.push_str(&format!(" │ {}", app.parts[i].title));
            let (done, total) = app.progress(i);
            if total > 0 {
                left.push_str(&format!(" │ {done}/{total} done"));
            }
        }
        (None, None) => {}
    }
    if let Some(live) = &app.room {
        left.push_str(&format!(" │ {}", live.label()));
    }
    frame.render_widget(Paragraph::new(left).style(theme.bar), area);
    // The part's timer, on the right.
    if let Some(i) = app.current_part() {
        let part = &app.parts[i];
        let seconds = work.seconds(&part.id, app.now);
        let mut timer = format!("⏱ {}", agenda::clock(seconds));
        if let Some(t) = part.timebox {
            timer.push_str(&format!(" / {}", agenda::clock(u64::from(t) * 60)));
        }
        let over = part.timebox.is_some_and(|t| seconds > u64::from(t) * 60);
        let style = if over {
            theme.bar.patch(theme.warn)
        } else {
            theme.bar
        };
        if over {
            timer.push_str(" over");
        }
        let width = u16::try_from(timer.chars().count() + 2).unwrap_or(area.width);
        let [_, right] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(area);
        frame.render_widget(Paragraph::new(format!(" {timer} ")).style(style), right);
    }
}

fn render_footer(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    if let Some(status) = &app.status {
        let style = if status.error {
            theme.error
        } else {
            theme.good
        };
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {}", status.text), style))
                .wrap(ratatui::widgets::Wrap { trim: false }),
            area,
        );
        return;
    }
    // The screen's keys as far as they fit; help and quit always show, at the end.
    let contexts = app.contexts();
    let hints = |always: bool| {
        keymap::bindings(&contexts)
            .filter(move |b| !b.hint.is_empty() && app.offers(b.action))
            .filter(move |b| matches!(b.context, Context::Always) == always)
            .map(|b| {
                (
                    b.keys.first().map(|k| k.label()).unwrap_or_default(),
                    b.hint,
                )
            })
    };
    let cost = |(key, hint): &(String, &str)| key.chars().count() + hint.chars().count() + 3;
    let tail: Vec<_> = hints(true).collect();
    let mut room = usize::from(area.width).saturating_sub(1 + tail.iter().map(cost).sum::<usize>());
    let mut shown = Vec::new();
    for hint in hints(false) {
        if cost(&hint) > room {
            break;
        }
        room -= cost(&hint);
        shown.push(hint);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, hint) in shown.into_iter().chain(tail) {
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
