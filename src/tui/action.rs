//! What the user asks for, and where: the [`Action`]s the app's `update` takes and the
//! [`Context`]s keys are bound in, free of terminal types. Which key means what is the keymap's.

/// What the user asked for, free of terminal types: the app's `update` takes these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Back,
    Help,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Open,
    Vote(u8),
    NotApplicable,
    Clear,
    Reveal,
    Agree,
    Note,
    Tips,
    PassKeyboard,
    /// Mark the selected participant absent for the part, or present again.
    Absent,
    Skip,
    Agenda,
    Results,
    Board,
    Summary,
    Setup,
    Export,
    New,
    Solo,
    Add,
    Rename,
    Remove,
    Yes,
    No,
    Confirm,
    /// Flip the selected thing: a stage manual/automated, a pick, a follow-up done.
    Toggle,
    /// Mark where deployments fail.
    Fails,
    /// Move the selected stage towards the start, or the end.
    Earlier,
    Later,
    /// Note an improvement on the selected stage.
    Improve,
    /// Start the flow from a typical one.
    Template,
    DotAdd,
    DotRemove,
    /// Pick actions from an execution kit.
    Kit,
    Flow,
    Improvements,
    Actions,
    /// What changed since the last checkpoint.
    Since,
    /// Rate a capability the level does not recommend, on purpose.
    OtherCapability,
    /// After a failed save: try again, save to another file, or leave without saving.
    Retry,
    SaveElsewhere,
    QuitUnsaved,
    /// Open the voting room, or show it again.
    Room,
    /// Close the voting room: voters' pages stop.
    CloseRoom,
    /// The organisation view: every squad of the store in one heatmap.
    Organisation,
    Edit(Edit),
}

/// A change to the text being typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    DeleteWord,
    DeleteToStart,
}

/// Where a binding applies. A key is looked up in the active contexts in order; the first
/// match wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, even while typing.
    Interrupt,
    /// Everywhere but while typing.
    Always,
    /// On every screen of an open checkpoint.
    Checkpoint,
    Home,
    Setup,
    Agenda,
    Voting,
    Results,
    Board,
    Summary,
    /// The help overlay.
    Help,
    /// Typing a name, a note, a path.
    Input,
    /// Picking the squad's agreed value.
    Agree,
    /// A yes/no question.
    Confirm,
    /// The tips overlay.
    Tips,
    /// A baseline section's items.
    Drill,
    Flow,
    Improvements,
    Actions,
    /// A list to pick from.
    Pick,
    /// The comparison with the last checkpoint.
    Since,
    /// A save failed: what to do with the changes.
    Unsaved,
    /// "DevOps maturity is... Elite!": the level after the last DORA question.
    Reveal,
    /// The capabilities part, waiting for the DORA level.
    Capabilities,
    /// The voting room's panel: the join link, the QR code, who joined.
    Room,
    /// The organisation view and its drill-down into a squad's checkpoints.
    Organisation,
}

impl Context {
    /// The heading of this context's keys in the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Interrupt | Context::Always => "Everywhere",
            Context::Checkpoint => "In a checkpoint",
            Context::Home => "Start",
            Context::Setup => "Setup",
            Context::Agenda => "Agenda",
            Context::Voting => "Voting",
            Context::Results => "Results",
            Context::Board => "Milestone board",
            Context::Summary => "Summary",
            Context::Help => "Help",
            Context::Input => "Typing",
            Context::Agree => "Agreed value",
            Context::Confirm => "Question",
            Context::Tips => "Tips",
            Context::Drill => "Section items",
            Context::Flow => "Delivery flow",
            Context::Improvements => "Improvements",
            Context::Actions => "Actions",
            Context::Pick => "Picking",
            Context::Since => "Since the last checkpoint",
            Context::Unsaved => "Not saved",
            Context::Reveal => "DevOps maturity",
            Context::Capabilities => "Capabilities",
            Context::Room => "Voting room",
            Context::Organisation => "Organisation",
        }
    }
}
