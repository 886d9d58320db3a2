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
use crate::tui::effect::{Dest, Effect};
use crate::tui::keymap::Action;
use crate::tui::model::Model;
use crate::tui::popup::{Pick, PickItem, PickPurpose, Popup};
use crate::tui::theme::Theme;
use crate::tui::widgets::fit;

/// The capabilities part while it waits for the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub part: usize,
}

/// The walk of the open checkpoint, as the shared screen may show it.
pub fn walk(model: &Model) -> Option<Walk<'_>> {
    let work = model.work.as_ref()?;
    Some(Walk::new(
        &model.catalog,
        work.checkpoint(),
        &work.chosen,
        true,
    ))
}

/// Each capabilities part with the statements the walk goes through now.
pub fn walk_parts(model: &Model) -> Vec<(usize, Vec<Item>)> {
    let walk = walk(model);
    let each = model.parts.iter().enumerate();
    let parts = each.filter(|(_, p)| p.kind == PartKind::Capabilities);
    parts
        .map(|(i, p)| {
            let items = walk.as_ref().map(|w| walk_items(&model.catalog, w, &p.id));
            (i, items.unwrap_or_default())
        })
        .collect()
}

/// Questions done and questions in all for a checkpoint that is not open (the home screen's
/// list): every part's, the capabilities part's as the level has them.
pub fn answered(model: &Model, c: &Checkpoint) -> (usize, usize) {
    let walk = Walk::new(&model.catalog, c, &[], true);
    let parts = model
        .parts
        .iter()
        .filter(|p| p.kind != PartKind::Capabilities);
    let others = parts.flat_map(|p| p.items.iter().map(|i| i.question.as_str()));
    let statements = walk.capabilities().flat_map(|cap| &cap.statements);
    let all: Vec<&str> = others.chain(statements.map(|s| s.id.as_str())).collect();
    let done = all.iter().filter(|q| is_done(c, q)).count();
    (done, all.len())
}

/// Handles a key while the part waits for the level.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Open => {
            let dora = model.catalog.sets().find(|s| s.kind() == "dora");
            let part = dora.and_then(|d| model.part_index(&d.id));
            part.map(|p| Effect::Go(Dest::Part(p)))
                .into_iter()
                .collect()
        }
        Action::OtherCapability => pick(model).map(Effect::Popup).into_iter().collect(),
        Action::Right => vec![Effect::Go(Dest::NextPart(state.part))],
        _ => Vec::new(),
    }
}

/// The list of every capability, to rate one on purpose.
pub fn pick(model: &Model) -> Option<Popup> {
    let walk = walk(model)?;
    let level_name = |id: &str| {
        let levels = &model.catalog.benchmark().levels;
        let level = levels.iter().find(|l| l.id == id);
        level.map_or_else(|| id.to_string(), |l| l.name.clone())
    };
    let mut ids = Vec::new();
    let names = model.catalog.capabilities().map(|c| c.name.chars().count());
    let width = names.max().unwrap_or(0).min(40);
    let items = model
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
    Some(Popup::Pick(pick))
}

/// Above a statement on the voting screen: whether the level recommends its capability, or it
/// is rated on purpose, and how to rate another.
pub fn voting_lines(model: &Model, question: &str, theme: &Theme) -> Vec<Line<'static>> {
    // Only a statement's screen needs the walk.
    let Some(capability) = of_statement(&model.catalog, question) else {
        return Vec::new();
    };
    let Some(walk) = walk(model) else {
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
pub fn render(frame: &mut Frame, area: Rect, model: &Model) {
    let theme = &model.theme;
    let Some(walk) = walk(model) else {
        return;
    };
    let solo = model.checkpoint().is_some_and(|c| c.mode == Mode::Solo);
    let count = model.catalog.dora().questions.len();
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
