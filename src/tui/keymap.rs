//! The one table of keys: what each key does on each screen. Key handling, the footer's hints
//! and the `?` help are all read from [`BINDINGS`], so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use crate::tui::action::{Action, Context, Edit};

/// A key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Char(char),
    Ctrl(char),
    /// Any digit; the action receives it.
    Digit,
    /// Any printable character; the action receives it.
    Printable,
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// What it does, for the help.
    pub help: &'static str,
    /// The word in the footer; empty keeps the binding out of the footer.
    pub hint: &'static str,
}

use Context as C;
use Key::{Char, Code, Ctrl};

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
        hint,
    }
}

const UP: &[Key] = &[Code(KeyCode::Up), Char('k')];
const DOWN: &[Key] = &[Code(KeyCode::Down), Char('j')];
const LEFT: &[Key] = &[Code(KeyCode::Left), Char('h')];
const RIGHT: &[Key] = &[Code(KeyCode::Right), Char('l')];
const ENTER: &[Key] = &[Code(KeyCode::Enter)];
const ESC: &[Key] = &[Code(KeyCode::Esc)];
const CLEAR: &[Key] = &[Code(KeyCode::Backspace), Code(KeyCode::Delete)];

/// Every key binding, by context. The order is the order of the footer and the help.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(C::Interrupt, &[Ctrl('c')], Action::Quit, "", "save and quit"),
    bind(C::Always, &[Char('?')], Action::Help, "help", "show every key"),
    bind(C::Always, &[Char('q')], Action::Quit, "quit", "save and quit"),
    bind(C::Always, ESC, Action::Back, "", "go back"),
    // Home
    bind(C::Home, UP, Action::Up, "", "previous row"),
    bind(C::Home, DOWN, Action::Down, "", "next row"),
    bind(C::Home, ENTER, Action::Open, "open", "start or resume the selected row"),
    bind(C::Home, &[Char('n')], Action::New, "new", "start a new squad checkpoint"),
    bind(C::Home, &[Char('s')], Action::Solo, "solo", "start a solo self-assessment"),
    bind(C::Home, &[Char('o')], Action::Organisation, "organisation", "every squad of the store: the report's heatmap"),
    // The organisation view
    bind(C::Organisation, UP, Action::Up, "", "previous squad (or checkpoint)"),
    bind(C::Organisation, DOWN, Action::Down, "", "next squad (or checkpoint)"),
    bind(C::Organisation, &[Code(KeyCode::PageUp)], Action::PageUp, "", "a page up"),
    bind(C::Organisation, &[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "", "a page down"),
    bind(C::Organisation, ENTER, Action::Open, "open", "the squad's checkpoints; on one of them, resume it"),
    // Setup
    bind(C::Setup, UP, Action::Up, "", "previous field"),
    bind(C::Setup, DOWN, Action::Down, "", "next field"),
    bind(C::Setup, ENTER, Action::Open, "edit", "edit the field, rename the participant, or start"),
    bind(C::Setup, &[Char('a')], Action::Add, "add person", "add a participant"),
    bind(C::Setup, &[Char('d'), Code(KeyCode::Delete)], Action::Remove, "remove", "remove the selected participant"),
    // Agenda
    bind(C::Agenda, UP, Action::Up, "", "previous part"),
    bind(C::Agenda, DOWN, Action::Down, "", "next part"),
    bind(C::Agenda, ENTER, Action::Open, "open", "go to the part"),
    bind(C::Agenda, &[Char('x')], Action::Skip, "skip", "skip the part, or take it back"),
    // Voting
    bind(C::Voting, LEFT, Action::Left, "", "previous question"),
    bind(C::Voting, &[Code(KeyCode::Right), Char('l'), Code(KeyCode::Enter)], Action::Right, "next", "next question"),
    bind(C::Voting, &[Key::Digit], Action::Vote(0), "vote", "cast the selected participant's vote"),
    bind(C::Voting, &[Char('n')], Action::NotApplicable, "n/a", "vote n/a (don't know, does not apply)"),
    bind(C::Voting, &[Char('o')], Action::OtherCapability, "other", "rate another capability on purpose (capabilities part)"),
    bind(C::Voting, CLEAR, Action::Clear, "", "clear the selected participant's vote"),
    bind(C::Voting, &[Char('v')], Action::Reveal, "reveal", "show the votes now, or hide them again"),
    bind(C::Voting, &[Char('a')], Action::Agree, "agree", "record the squad's agreed value"),
    bind(C::Voting, &[Char('e')], Action::Note, "note", "write a note on the question"),
    bind(C::Voting, &[Char('t')], Action::Tips, "tips", "show the facilitator's tips in full"),
    bind(C::Voting, &[Char('p')], Action::PassKeyboard, "pass", "facilitator types votes, or pass the keyboard round"),
    bind(C::Voting, &[Char('x')], Action::Absent, "absent", "mark the participant absent for this part, or back"),
    bind(C::Voting, UP, Action::Up, "", "previous participant"),
    bind(C::Voting, DOWN, Action::Down, "", "next participant"),
    // The reveal after the last DORA question, and the capabilities part waiting for it
    bind(C::Reveal, &[Code(KeyCode::Enter), Code(KeyCode::Right), Char('l')], Action::Right, "next", "move on: rate the capabilities the level recommends"),
    bind(C::Reveal, LEFT, Action::Left, "back", "back to the last DORA question"),
    bind(C::Capabilities, ENTER, Action::Open, "DORA", "vote on the DORA questions the level still needs"),
    bind(C::Capabilities, &[Char('o')], Action::OtherCapability, "other", "rate a capability on purpose"),
    bind(C::Capabilities, RIGHT, Action::Right, "next", "on to the next part"),
    // Results
    bind(C::Results, UP, Action::Up, "", "previous row"),
    bind(C::Results, DOWN, Action::Down, "", "next row"),
    bind(C::Results, ENTER, Action::Open, "open", "a section's items, or vote on a flagged question"),
    bind(C::Results, &[Char('h')], Action::Since, "since", "what changed since the squad's last checkpoint"),
    // Delivery flow
    bind(C::Flow, &[Code(KeyCode::Left), Char('h'), Code(KeyCode::Up), Char('k')], Action::Left, "", "previous stage"),
    bind(C::Flow, &[Code(KeyCode::Right), Char('l'), Code(KeyCode::Down), Char('j')], Action::Right, "", "next stage"),
    bind(C::Flow, &[Char('a')], Action::Add, "add", "add a stage after the selected one"),
    bind(C::Flow, ENTER, Action::Open, "rename", "rename the stage"),
    bind(C::Flow, &[Char('m')], Action::Toggle, "auto", "mark the stage manual or automated"),
    bind(C::Flow, &[Char('x')], Action::Fails, "fails", "mark where deployments fail, or unmark"),
    bind(C::Flow, &[Char('<')], Action::Earlier, "", "move the stage earlier"),
    bind(C::Flow, &[Char('>')], Action::Later, "", "move the stage later"),
    bind(C::Flow, &[Char('d'), Code(KeyCode::Delete)], Action::Remove, "remove", "remove the stage"),
    bind(C::Flow, &[Char('n')], Action::Improve, "improve", "note an improvement at this stage"),
    bind(C::Flow, &[Char('t')], Action::Template, "", "start from a typical path to production"),
    // Improvements
    bind(C::Improvements, UP, Action::Up, "", "previous improvement"),
    bind(C::Improvements, DOWN, Action::Down, "", "next improvement"),
    bind(C::Improvements, LEFT, Action::Left, "", "the previous participant places dots"),
    bind(C::Improvements, &[Code(KeyCode::Right), Char('l'), Code(KeyCode::Tab)], Action::Right, "", "the next participant places dots"),
    bind(C::Improvements, &[Char('a')], Action::Add, "note", "note an improvement (suggestions offered)"),
    bind(C::Improvements, ENTER, Action::Open, "edit", "edit the improvement's text"),
    bind(C::Improvements, &[Char('+'), Char('='), Char(' ')], Action::DotAdd, "dot", "place one of the participant's dots on it"),
    bind(C::Improvements, &[Char('-'), Code(KeyCode::Backspace)], Action::DotRemove, "take back", "take one of their dots back"),
    bind(C::Improvements, &[Char('v')], Action::Reveal, "reveal", "show the dots and the ranking now, or hide them"),
    bind(C::Improvements, &[Char('d'), Code(KeyCode::Delete)], Action::Remove, "remove", "remove the improvement"),
    // Actions
    bind(C::Actions, UP, Action::Up, "", "previous row"),
    bind(C::Actions, DOWN, Action::Down, "", "next row"),
    bind(C::Actions, &[Char('a')], Action::Add, "add", "add an action to the selected improvement"),
    bind(C::Actions, ENTER, Action::Open, "edit", "edit the action: text, owner, due date"),
    bind(C::Actions, &[Char('p')], Action::Kit, "kit", "pick actions from an execution kit's starter backlog"),
    bind(C::Actions, &[Char(' ')], Action::Toggle, "done", "mark last checkpoint's action done or not"),
    bind(C::Actions, &[Char('d'), Code(KeyCode::Delete)], Action::Remove, "remove", "remove the action"),
    // Board
    bind(C::Board, UP, Action::Up, "", "phase above"),
    bind(C::Board, DOWN, Action::Down, "", "phase below"),
    bind(C::Board, LEFT, Action::Left, "", "column to the left"),
    bind(C::Board, RIGHT, Action::Right, "", "column to the right"),
    bind(C::Board, ENTER, Action::Open, "vote", "vote on the cell's milestones"),
    // Summary
    bind(C::Summary, UP, Action::Up, "", "scroll up"),
    bind(C::Summary, DOWN, Action::Down, "", "scroll down"),
    bind(C::Summary, &[Code(KeyCode::PageUp)], Action::PageUp, "", "page up"),
    bind(C::Summary, &[Code(KeyCode::PageDown), Char(' ')], Action::PageDown, "", "page down"),
    bind(C::Summary, &[Char('e')], Action::Export, "export", "write the summary to a markdown file"),
    // Screens of an open checkpoint
    bind(C::Checkpoint, &[Char('g')], Action::Agenda, "agenda", "the agenda: every part and its progress"),
    bind(C::Checkpoint, &[Char('r')], Action::Results, "results", "the results dashboard"),
    bind(C::Checkpoint, &[Char('b')], Action::Board, "board", "the milestone board"),
    bind(C::Checkpoint, &[Char('f')], Action::Flow, "", "the delivery flow"),
    bind(C::Checkpoint, &[Char('i')], Action::Improvements, "", "the improvements and dot-voting"),
    bind(C::Checkpoint, &[Char('c')], Action::Actions, "", "the actions"),
    bind(C::Checkpoint, &[Char('s')], Action::Summary, "summary", "the summary page"),
    bind(C::Checkpoint, &[Char('u')], Action::Setup, "", "setup: squad, date, participants"),
    bind(C::Checkpoint, &[Char('w')], Action::Room, "room", "the voting room: each participant votes on their own phone or laptop"),
    // Overlays
    bind(C::Help, UP, Action::Up, "", "scroll up"),
    bind(C::Help, DOWN, Action::Down, "", "scroll down"),
    bind(C::Help, &[Code(KeyCode::Esc), Char('?'), Char('q')], Action::Back, "close", "close the help"),
    bind(C::Tips, UP, Action::Up, "", "scroll up"),
    bind(C::Tips, DOWN, Action::Down, "", "scroll down"),
    bind(C::Tips, &[Code(KeyCode::Esc), Char('t'), Char('q')], Action::Back, "close", "close the tips"),
    bind(C::Drill, UP, Action::Up, "", "previous item"),
    bind(C::Drill, DOWN, Action::Down, "", "next item"),
    bind(C::Drill, ENTER, Action::Open, "vote", "vote on the item"),
    bind(C::Drill, &[Code(KeyCode::Esc), Char('q')], Action::Back, "close", "close the list"),
    bind(C::Pick, UP, Action::Up, "", "previous item"),
    bind(C::Pick, DOWN, Action::Down, "", "next item"),
    bind(C::Pick, &[Char(' ')], Action::Toggle, "pick", "pick the item, or unpick it"),
    bind(C::Pick, ENTER, Action::Confirm, "take", "take the item (or the picked ones)"),
    bind(C::Pick, ESC, Action::Back, "cancel", "pick nothing"),
    bind(C::Since, UP, Action::Up, "", "scroll up"),
    bind(C::Since, DOWN, Action::Down, "", "scroll down"),
    bind(C::Since, &[Code(KeyCode::Esc), Char('h'), Char('q')], Action::Back, "close", "close the comparison"),
    bind(C::Agree, &[Key::Digit], Action::Vote(0), "value", "the agreed value"),
    bind(C::Agree, &[Char('n')], Action::NotApplicable, "n/a", "agree that it does not apply"),
    bind(C::Agree, CLEAR, Action::Clear, "clear", "no agreed value"),
    bind(C::Agree, ESC, Action::Back, "cancel", "leave it as it was"),
    bind(C::Unsaved, &[Char('r')], Action::Retry, "retry", "try to save again"),
    bind(C::Unsaved, &[Char('s')], Action::SaveElsewhere, "save elsewhere", "save to another file and go on there"),
    bind(C::Unsaved, &[Char('x')], Action::QuitUnsaved, "quit without saving", "leave, losing the changes the file lacks"),
    bind(C::Unsaved, ESC, Action::Back, "keep working", "go on; every key tries to save again"),
    bind(C::Room, UP, Action::Up, "", "previous name waiting"),
    bind(C::Room, DOWN, Action::Down, "", "next name waiting"),
    bind(C::Room, ENTER, Action::Confirm, "admit", "let the selected name in as a participant"),
    bind(C::Room, &[Char('x')], Action::CloseRoom, "close room", "close the room: voters can no longer vote"),
    bind(C::Room, &[Code(KeyCode::Esc), Char('w'), Char('q')], Action::Back, "hide", "hide the panel; the room stays open (w shows it)"),
    bind(C::Confirm, &[Char('y')], Action::Yes, "yes", "do it"),
    bind(C::Confirm, &[Char('n'), Code(KeyCode::Esc)], Action::No, "no", "leave it"),
    bind(C::Input, ENTER, Action::Confirm, "done", "keep the text"),
    bind(C::Input, ESC, Action::Back, "cancel", "leave it as it was"),
    bind(C::Input, &[Code(KeyCode::Left)], Action::Edit(Edit::Left), "", "cursor left"),
    bind(C::Input, &[Code(KeyCode::Right)], Action::Edit(Edit::Right), "", "cursor right"),
    bind(C::Input, &[Code(KeyCode::Home), Ctrl('a')], Action::Edit(Edit::Home), "", "cursor to the start"),
    bind(C::Input, &[Code(KeyCode::End), Ctrl('e')], Action::Edit(Edit::End), "", "cursor to the end"),
    bind(C::Input, &[Code(KeyCode::Backspace)], Action::Edit(Edit::Backspace), "", "delete before the cursor"),
    bind(C::Input, &[Code(KeyCode::Delete), Ctrl('d')], Action::Edit(Edit::Delete), "", "delete under the cursor"),
    bind(C::Input, &[Ctrl('w')], Action::Edit(Edit::DeleteWord), "", "delete the word before the cursor"),
    bind(C::Input, &[Ctrl('u')], Action::Edit(Edit::DeleteToStart), "", "delete to the start"),
    bind(C::Input, &[Key::Printable], Action::Edit(Edit::Insert(' ')), "", "type"),
];

impl Key {
    /// The action `binding` gives for `event`, when this key matches it.
    fn matches(self, event: &KeyEvent) -> Option<Option<char>> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let plain = !ctrl && !event.modifiers.contains(KeyModifiers::ALT);
        match (self, event.code) {
            (Key::Code(code), c) if plain && code == c => Some(None),
            (Key::Char(k), KeyCode::Char(c)) if plain && k == c => Some(None),
            (Key::Ctrl(k), KeyCode::Char(c)) if ctrl && k.eq_ignore_ascii_case(&c) => Some(None),
            (Key::Digit, KeyCode::Char(c)) if plain && c.is_ascii_digit() => Some(Some(c)),
            (Key::Printable, KeyCode::Char(c)) if plain && !c.is_control() => Some(Some(c)),
            _ => None,
        }
    }

    /// How the help and footer write the key.
    pub fn label(self) -> String {
        match self {
            Key::Code(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::Delete => "Del".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::Tab => "Tab".into(),
                other => other.to_string(),
            },
            Key::Char(' ') => "Space".into(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digit => "0-9".into(),
            Key::Printable => "letters".into(),
        }
    }
}

impl Binding {
    /// All of the binding's keys, as the help writes them: `↑/k`.
    pub fn label(&self) -> String {
        let labels: Vec<String> = self.keys.iter().map(|k| k.label()).collect();
        labels.join("/")
    }

    /// The action for `event`, if one of the binding's keys matches it.
    fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        let typed = self.keys.iter().find_map(|k| k.matches(event))?;
        Some(match (self.action, typed) {
            (Action::Vote(_), Some(c)) => Action::Vote(c.to_digit(10).map_or(0, |d| d as u8)),
            (Action::Edit(Edit::Insert(_)), Some(c)) => Action::Edit(Edit::Insert(c)),
            (action, _) => action,
        })
    }
}

/// The action `event` means in the first of `contexts` that binds it.
pub fn lookup(contexts: &[Context], event: &KeyEvent) -> Option<Action> {
    contexts.iter().find_map(|context| {
        BINDINGS
            .iter()
            .filter(|b| b.context == *context)
            .find_map(|b| b.action_for(event))
    })
}

/// The bindings of `contexts`, in table order, for the help and the footer.
pub fn bindings(contexts: &[Context]) -> impl Iterator<Item = &'static Binding> + '_ {
    contexts
        .iter()
        .flat_map(|c| BINDINGS.iter().filter(move |b| b.context == *c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn digits_carry_their_value_and_screens_win_over_globals() {
        let voting = [C::Voting, C::Checkpoint, C::Always];
        assert_eq!(
            lookup(&voting, &key(KeyCode::Char('4'))),
            Some(Action::Vote(4))
        );
        assert_eq!(
            lookup(&voting, &key(KeyCode::Char('n'))),
            Some(Action::NotApplicable)
        );
        assert_eq!(
            lookup(&voting, &key(KeyCode::Char('r'))),
            Some(Action::Results)
        );
        assert_eq!(
            lookup(&[C::Home, C::Always], &key(KeyCode::Char('s'))),
            Some(Action::Solo)
        );
        assert_eq!(lookup(&voting, &key(KeyCode::Char('z'))), None);
    }

    #[test]
    fn typing_takes_every_letter_but_ctrl_c_still_quits() {
        let typing = [C::Input, C::Interrupt];
        assert_eq!(
            lookup(&typing, &key(KeyCode::Char('q'))),
            Some(Action::Edit(Edit::Insert('q')))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&typing, &ctrl_c), Some(Action::Quit));
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&typing, &ctrl_w),
            Some(Action::Edit(Edit::DeleteWord))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{k:?} twice in {:?}", a.context);
                    }
                }
            }
        }
    }
}
