//! The capabilities part: the statements of the three capabilities the DORA level recommends,
//! then those rated on purpose (see [`crate::capabilities::Walk`]). Until the level is known the
//! part waits, and this screen says for which DORA questions; `o` picks any capability to rate
//! on purpose, here and on the part's voting screen.
//!
//! ```text
//!  Capabilities
//!  The capabilities to rate follow the squad's DORA level ...
//!
//!  The level still waits for:
//!    • Lead time for changes       votes hidden: 2 of 3 voted
//!    • Time to restore service     only n/a: the level needs a best guess
//! ```

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::agenda::{Item, PartKind, is_done, walk_items};
use crate::capabilities::{Waiting, Walk, of_statement};
use crate::checkpoint::{Checkpoint, Mode};
use crate::tui::app::{App, Screen};
use crate::tui::keymap::Action;
use crate::tui::popup::{Pick, PickItem, PickPurpose, Popup};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit;

/// The capabilities part while it waits for the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub part: usize,
}

/// The walk of the open checkpoint, as the shared screen may show it.
fn walk(app: &App) -> Option<Walk<'_>> {
    let work = app.work.as_ref()?;
    Some(Walk::new(
        &app.catalog,
        work.checkpoint(),
        &work.chosen,
        true,
    ))
}

/// Gives every capabilities part the statements of the walk, and keeps the voting screen (and
/// the screen Esc returns to) on the question it showed.
pub fn refresh(app: &mut App) {
    let parts: Vec<(usize, Vec<Item>)> = {
        let walk = walk(app);
        let each = app.parts.iter().enumerate();
        let parts = each.filter(|(_, p)| p.kind == PartKind::Capabilities);
        parts
            .map(|(i, p)| {
                let items = walk.as_ref().map(|w| walk_items(&app.catalog, w, &p.id));
                (i, items.unwrap_or_default())
            })
            .collect()
    };
    for (part, items) in parts {
        let same = app.parts[part].items.iter().map(|i| &i.question);
        if same.eq(items.iter().map(|i| &i.question)) {
            continue;
        }
        let on = |screen: &Screen| match screen {
            Screen::Voting(s) if s.part == part => Some(app.item(part, s.index)?.question.clone()),
            _ => None,
        };
        let (here, back) = (on(&app.screen), app.back.as_deref().and_then(on));
        app.set_items(part, items);
        let index = |question: Option<String>| app.locate(&question?).map(|(_, i)| i);
        let (here, back) = (index(here), index(back));
        if let (Screen::Voting(s), Some(i)) = (&mut app.screen, here) {
            s.index = i;
        } else if app.work.is_some() && matches!(&app.screen, Screen::Voting(s) if s.part == part) {
            let screen = app.part_screen(part);
            app.go(screen);
        }
        if let Some(Screen::Voting(s)) = app.back.as_deref_mut() {
            match back {
                Some(i) => s.index = i,
                None if s.part == part => app.back = None,
                None => {}
            }
        }
    }
}

/// Questions done and questions in all for a checkpoint that is not open (the home screen's
/// list): every part's, the capabilities part's as the level has them.
pub fn answered(app: &App, c: &Checkpoint) -> (usize, usize) {
    let walk = Walk::new(&app.catalog, c, &[], true);
    let parts = app
        .parts
        .iter()
        .filter(|p| p.kind != PartKind::Capabilities);
    let others = parts.flat_map(|p| p.items.iter().map(|i| i.question.as_str()));
    let statements = walk.capabilities().flat_map(|cap| &cap.statements);
    let all: Vec<&str> = others.chain(statements.map(|s| s.id.as_str())).collect();
    let done = all.iter().filter(|q| is_done(c, q)).count();
    (done, all.len())
}

/// Whether `o` (rate another capability on purpose) means anything here: in the capabilities
/// part, on its voting screen or while it waits.
pub fn offered(app: &App) -> bool {
    match &app.screen {
        Screen::Capabilities(_) => true,
        Screen::Voting(s) => app.parts.get(s.part).map(|p| p.kind) == Some(PartKind::Capabilities),
        _ => false,
    }
}

/// Handles a key while the part waits for the level.
pub fn update(app: &mut App, state: &mut State, action: Action) -> Option<Screen> {
    match action {
        Action::Open => {
            let dora = app.catalog.sets().find(|s| s.kind() == "dora")?.id.clone();
            let part = app.part_index(&dora)?;
            Some(app.part_screen(part))
        }
        Action::OtherCapability => {
            pick(app);
            None
        }
        Action::Right => Some(app.next_part_screen(state.part)),
        _ => None,
    }
}

/// Opens the list of every capability, to rate one on purpose.
pub fn pick(app: &mut App) {
    let Some(walk) = walk(app) else {
        return;
    };
    let level_name = |id: &str| {
        let levels = &app.catalog.benchmark().levels;
        let level = levels.iter().find(|l| l.id == id);
        level.map_or_else(|| id.to_string(), |l| l.name.clone())
    };
    let mut ids = Vec::new();
    let names = app.catalog.capabilities().map(|c| c.name.chars().count());
    let width = names.max().unwrap_or(0).min(40);
    let items = app
        .catalog
        .capabilities()
        .map(|c| {
            ids.push(c.id.clone());
            let mut detail = format!("for {}", level_name(&c.level));
            if walk.is_recommended(&c.id) {
                detail.push_str(" ✓ the squad's level");
            } else if walk.others.iter().any(|o| o.id == c.id) {
                detail.push_str(" · rated on purpose");
            }
            PickItem {
                label: fit(&c.name, width),
                detail,
            }
        })
        .collect();
    let mut pick = Pick::new(
        "Rate a capability on purpose",
        items,
        PickPurpose::Capability(ids),
    );
    pick.notes = vec![
        "Enter rates its statements. The level's three come first in the part; a capability \
         chosen here follows them."
            .to_string(),
    ];
    app.popup = Some(Popup::Pick(pick));
}

/// Adds the capability `id` to the part and votes on its first statement.
pub fn choose(app: &mut App, id: &str) {
    let Some(work) = app.work.as_mut() else {
        return;
    };
    if !work.chosen.iter().any(|c| c == id) {
        work.chosen.push(id.to_string());
    }
    refresh(app);
    let first = app
        .catalog
        .capability(id)
        .and_then(|c| c.statements.first());
    let screen = first.and_then(|s| app.vote_on(&s.id.clone()));
    if let Some(screen) = screen {
        app.go(screen);
    }
}

/// Above a statement on the voting screen: whether the level recommends its capability, or it
/// is rated on purpose, and how to rate another.
pub fn voting_lines(app: &App, question: &str, theme: &Theme) -> Vec<Line<'static>> {
    // Only a statement's screen needs the walk.
    let Some(capability) = of_statement(&app.catalog, question) else {
        return Vec::new();
    };
    let Some(walk) = walk(app) else {
        return Vec::new();
    };
    let text = match walk.level {
        Some(level) if walk.is_recommended(&capability.id) => {
            let place = walk.recommended.iter().position(|c| c.id == capability.id);
            format!(
                "Recommended for {} ({} of {})",
                level.name,
                place.map_or(0, |p| p + 1),
                walk.recommended.len()
            )
        }
        Some(level) => format!(
            "Rated on purpose: not one of the three {} recommends",
            level.name
        ),
        None => {
            "Rated on purpose: the three to rate follow the DORA level, not known yet".to_string()
        }
    };
    vec![Line::from(vec![
        Span::styled(text, theme.highlight),
        Span::styled(" · o rates another capability on purpose", theme.dim),
    ])]
}

/// Draws the part while it waits for the level.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let Some(walk) = walk(app) else {
        return;
    };
    let solo = app.checkpoint().is_some_and(|c| c.mode == Mode::Solo);
    let count = app.catalog.dora().questions.len();
    let mut lines = vec![
        Line::styled("Capabilities: waiting for the DORA level", theme.title),
        Line::default(),
        Line::raw(
            "The capabilities to rate follow the squad's DORA level: each level recommends \
             three (\"help me prioritize\"), and the one that scores lowest is the one to focus \
             on first.",
        ),
        Line::raw(format!(
            "The level is known once each of the {count} DORA questions has a value."
        )),
        Line::default(),
        Line::styled("The level still waits for:", theme.dim),
    ];
    let width = walk.waiting.iter().map(|(q, _)| q.name().chars().count());
    let width = width.max().unwrap_or(0).min(40) + 2;
    for (q, why) in &walk.waiting {
        let why = match why {
            Waiting::NoVotes => "no votes yet".to_string(),
            Waiting::Hidden { voted, of } if solo => format!("{voted} of {of} voted"),
            Waiting::Hidden { voted, of } => {
                format!("votes hidden: {voted} of {of} voted (v shows them)")
            }
            Waiting::NotApplicable => "only n/a: the level needs a best guess".to_string(),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  • {}", fit(q.name(), width))),
            Span::styled(why, theme.warn),
        ]));
    }
    lines.extend([
        Line::default(),
        Line::styled(
            "Enter votes on them · o rates a capability on purpose · → the next part",
            theme.dim,
        ),
    ]);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        area.inner(Margin::new(1, 1)),
    );
}
