//! The command line: every subcommand and flag, with its help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Run the DevOps Checkpoint workshop: checklists, squad votes, scores and a markdown summary.
///
/// Without a command, opens the workshop screen. Checkpoints are kept in $CHECKPOINT_HOME, or
/// in the data directory (~/.local/share/devops-checkpoint on Linux).
#[derive(Debug, Parser)]
#[command(name = "checkpoint", version, max_term_width = 100)]
pub struct Cli {
    /// Also load the checklist sets in DIR (a set with a built-in set's id replaces it).
    /// May be given several times.
    #[arg(long = "checklists", value_name = "DIR", global = true)]
    pub checklists: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new squad checkpoint in the workshop screen.
    New {
        /// The squad's name.
        #[arg(long)]
        squad: Option<String>,
        /// Who leads the workshop.
        #[arg(long)]
        facilitator: Option<String>,
        /// A participant; give it once per person.
        #[arg(long = "participant", value_name = "NAME")]
        participants: Vec<String>,
        /// The squad's tribe.
        #[arg(long)]
        tribe: Option<String>,
        /// The workshop date, YYYY-MM-DD (today when omitted).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::date::parse_date)]
        date: Option<jiff::civil::Date>,
    },
    /// Start a solo self-assessment in the workshop screen.
    Solo,
    /// Resume a saved checkpoint in the workshop screen.
    Resume {
        /// A path, or a name from `checkpoint list` (the one used last when omitted).
        checkpoint: Option<String>,
    },
    /// Open a saved checkpoint to voters on their own devices, without the workshop screen.
    ///
    /// Prints `room: http://ADDR:PORT/CODE/` (the link voters open) and `facilitator: TOKEN`
    /// (the token of the facilitator's API, for scripts: open a question, reveal, admit a
    /// name), then serves until standard input closes or the process is interrupted. Every
    /// vote is saved before the voter's page hears back. README documents the API.
    Room {
        /// A path, or a name from `checkpoint list`.
        checkpoint: String,
        /// The address to listen on; port 0 takes a free port. The default listens on every
        /// interface, so that phones on the LAN can join.
        #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:0")]
        listen: std::net::SocketAddr,
    },
    /// Print every question: id, kind, scale and text, tab-separated, in workshop order.
    Questions,
    /// Check the checklists: the built-in ones and the config directory's, merged with DIRs.
    ///
    /// Exits 0 when everything is valid; otherwise lists every error (file:line: id: problem)
    /// and exits 1.
    Validate {
        /// Directories of checklist YAML files to check on top of the built-in ones.
        dirs: Vec<PathBuf>,
    },
    /// Write a blank ballot for one participant to fill in.
    ///
    /// The ballot lists every question id with its scale and text as comments. Each person
    /// fills in their own; `checkpoint import` collects them. To vote as the workshop does,
    /// DORA first: `--part dora`, then `--part capabilities --checkpoint NAME` for the three
    /// capabilities the squad's DORA level recommends.
    Ballot {
        /// Write to FILE instead of standard output (an existing file is not replaced).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Only the questions of one part: dora, capabilities, baseline or phases.
        #[arg(long, value_name = "PART")]
        part: Option<String>,
        /// The capabilities the DORA level of this saved checkpoint recommends (a path, or a
        /// name from `checkpoint list`); refused while its level is not known.
        #[arg(long, value_name = "CHECKPOINT", conflicts_with = "level")]
        checkpoint: Option<String>,
        /// The capabilities this DORA level recommends: low, medium, high or elite.
        #[arg(long, value_name = "LEVEL")]
        level: Option<String>,
        /// Also a capability chosen on purpose (an id such as continuous-delivery, or its
        /// name); give it once per capability. Alone, the ballot holds just these.
        #[arg(long = "capability", value_name = "ID")]
        capabilities: Vec<String>,
    },
    /// Build a checkpoint from filled-in ballots and print where it was saved; or, with
    /// --into, add late ballots to an existing checkpoint.
    ///
    /// Nothing is saved unless every ballot is valid: an unknown question id, a value off its
    /// scale or two ballots by one person are reported with the ballot's file and line. The
    /// votes of a new checkpoint's ballots are shown at once (they were cast apart).
    ///
    /// With --into, each voter joins the checkpoint's participants (or is one already) and their
    /// votes are added as if cast on the workshop screen: questions the squad has seen stay
    /// shown, the others stay hidden until everyone has voted or they are revealed. A vote that
    /// differs from the participant's vote in the checkpoint is refused (file:line) unless
    /// --replace is given. The checkpoint is refused while a workshop screen has it open.
    Import {
        /// The squad's name (for a new checkpoint).
        #[arg(long, required_unless_present = "into")]
        squad: Option<String>,
        /// Who led the workshop.
        #[arg(long)]
        facilitator: Option<String>,
        /// The squad's tribe.
        #[arg(long)]
        tribe: Option<String>,
        /// A link to the workshop's board.
        #[arg(long)]
        board_link: Option<String>,
        /// The workshop date, YYYY-MM-DD (today when omitted).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::date::parse_date)]
        date: Option<jiff::civil::Date>,
        /// Add the ballots to this checkpoint (a path, or a name from `checkpoint list`)
        /// instead of making a new one.
        #[arg(
            long,
            value_name = "CHECKPOINT",
            conflicts_with_all = ["squad", "facilitator", "tribe", "board_link", "date"]
        )]
        into: Option<String>,
        /// With --into: a ballot's vote replaces a different one the participant cast before.
        #[arg(long)]
        replace: bool,
        /// With --into: show the ballots' votes at once, as a new import does, rather than
        /// when everyone has voted or the facilitator reveals them.
        #[arg(long)]
        reveal: bool,
        /// Ballot files, one per participant.
        #[arg(required = true, value_name = "BALLOT")]
        ballots: Vec<PathBuf>,
    },
    /// Write the DevOps Checkpoint Summary of a checkpoint.
    Export {
        /// A path, or a name from `checkpoint list`.
        checkpoint: String,
        /// markdown (to paste into Confluence), confluence (storage format: the page body
        /// `checkpoint publish` sends), html (one self-contained page to open and copy as rich
        /// text into any Confluence editor, or to mail) or json (the same content as data).
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// A minijinja template to use instead of the built-in one (markdown only).
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Publish the summary of a checkpoint to Confluence (Cloud or Data Center): create or
    /// update the page titled `<Squad> | <YYYY-MM> | DevOps Checkpoint` in the space.
    ///
    /// The site and credentials come from the environment (CONFLUENCE_URL, CONFLUENCE_TOKEN,
    /// and CONFLUENCE_EMAIL for Cloud; CONFLUENCE_FLAVOUR=cloud|datacenter overrides the guess
    /// from the address) or from [confluence] in the config directory's config.toml, never from
    /// the command line. Publishing the same summary again changes nothing; a page edited in
    /// Confluence since the last publish is left alone unless --force. The page's id is
    /// recorded in the checkpoint, so that the squad's next summary links to it.
    Publish {
        /// A path, or a name from `checkpoint list`.
        checkpoint: String,
        /// The key of the Confluence space.
        #[arg(long, value_name = "KEY")]
        space: String,
        /// The page to create it under: a page id, or the title of a page in the space (such as
        /// the squad's "Past DevOps checkpoints"). Used when the page is created; a page that
        /// exists stays where it is.
        #[arg(long, value_name = "ID|TITLE")]
        parent: Option<String>,
        /// Print the requests that would write to Confluence instead of sending them (the
        /// reads that decide between creating and updating are sent). The Authorization header
        /// shows as redacted.
        #[arg(long)]
        dry_run: bool,
        /// Replace the page even if it was edited in Confluence since the last publish, or was
        /// not written by `checkpoint publish`.
        #[arg(long)]
        force: bool,
    },
    /// List saved checkpoints, newest first: name, squad, date, level.
    List,
    /// Renders a template for `export --template` in a process of its own, with memory and
    /// CPU limits: what it reads comes from `export`, on standard input.
    #[command(name = "internal-render-template", hide = true)]
    RenderTemplate,
    /// Compare two checkpoints: the DORA score and level, each baseline section and each
    /// phase's progress, as markdown.
    Compare {
        /// The earlier checkpoint: a path, or a name from `checkpoint list`.
        #[arg(value_name = "A")]
        before: String,
        /// The later checkpoint: a path, or a name from `checkpoint list`.
        #[arg(value_name = "B")]
        after: String,
    },
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Confluence,
    Html,
}
