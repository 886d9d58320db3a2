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

/// Opening the voting room with the workshop screen.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct RoomArgs {
    /// Open the voting room at once: participants vote on their own phones and laptops (the
    /// screen shows the link and a QR code; `w` opens it later too).
    #[arg(long)]
    pub room: bool,
    /// The address the room listens on; port 0 takes a free port. The default listens on every
    /// interface, so that phones on the LAN can join.
    #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:0")]
    pub listen: std::net::SocketAddr,
}

/// The DORA model a new checkpoint is scored on, and the benchmarks it compares with.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DoraArgs {
    /// The DORA Quick Check: 2019 (four questions, a level Low to Elite and a percentile; the
    /// capabilities follow the level) or 2025 (five metrics scored 0-10 against DORA's 2025
    /// benchmarks).
    #[arg(long, value_name = "MODEL", default_value = "2019")]
    pub dora: crate::checklist::DoraModel,
    /// With --dora 2025: the industry to compare with besides all industries (an id such as
    /// technology or financial-services; an unknown id lists them all).
    #[arg(long, value_name = "ID")]
    pub industry: Option<String>,
    /// With --dora 2025: the organisation size to compare with (an id such as fewer-than-500;
    /// an unknown id lists them all).
    #[arg(long, value_name = "ID")]
    pub org_size: Option<String>,
}

/// `checkpoint evidence`'s flags.
#[derive(Debug, Clone, clap::Args)]
pub struct EvidenceArgs {
    /// The repository to read (its directory, or one inside it).
    #[arg(long, value_name = "PATH")]
    pub repo: PathBuf,
    /// The tags that count as deployments, a glob such as `release-*` (`*` any run of
    /// characters, `?` one). By default, tags that name a release version: v1.2.3, 1.2,
    /// pre-releases such as -rc1 or -beta left out.
    #[arg(long, value_name = "PATTERN")]
    pub tag: Option<String>,
    /// The window: the last N days, weeks, months or years up to --until (90d, 12w, 3m,
    /// 1y), or from a day, YYYY-MM-DD.
    #[arg(long, value_name = "PERIOD", default_value = "90d")]
    pub since: String,
    /// The window's last day, YYYY-MM-DD (today, UTC, when omitted).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::date::parse_date)]
    pub until: Option<jiff::civil::Date>,
    /// Also count a patch release (x.y.Z, Z > 0) that follows a release of the same x.y as
    /// a fix of that release.
    #[arg(long)]
    pub patches_are_fixes: bool,
    /// Store the evidence in this checkpoint (a path, or a name from `checkpoint list`),
    /// replacing any attached before; its votes are left as they are.
    #[arg(long, value_name = "CHECKPOINT")]
    pub attach: Option<String>,
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
        #[command(flatten)]
        dora: DoraArgs,
        #[command(flatten)]
        room: RoomArgs,
    },
    /// Start a solo self-assessment in the workshop screen.
    Solo,
    /// Resume a saved checkpoint in the workshop screen.
    Resume {
        /// A path, or a name from `checkpoint list` (the one used last when omitted).
        checkpoint: Option<String>,
        #[command(flatten)]
        room: RoomArgs,
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
        /// The DORA questions of this model: 2019 (the default) or 2025; with --checkpoint,
        /// the checkpoint's own.
        #[arg(long, value_name = "MODEL", conflicts_with = "checkpoint")]
        dora: Option<crate::checklist::DoraModel>,
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
        #[command(flatten)]
        dora: DoraArgs,
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
    /// Suggest an answer to each DORA question from a git repository's history.
    ///
    /// Release tags stand for deployments (or the tags --tag matches; or, when no tag does,
    /// merges to the main branch). Within the window it measures the deployment frequency
    /// (fourkeys' bucket rule), the median lead time from commit to the first deployment that
    /// shipped it, the share of deployments followed by a revert or a hotfix before the next
    /// one, and the time from such a deployment to the next. It prints, per question, the
    /// option the data points to and the evidence behind it, or says that there is not enough
    /// data. It never votes: --attach stores the evidence beside the votes for the squad to
    /// discuss.
    Evidence(EvidenceArgs),
    /// Publish the summary of a checkpoint to Confluence (Cloud or Data Center): create or
    /// update the page titled `<Squad> | <YYYY-MM> | DevOps Checkpoint` in the space.
    ///
    /// The site and credentials come from the environment (CONFLUENCE_URL, CONFLUENCE_TOKEN,
    /// and CONFLUENCE_EMAIL for Cloud; CONFLUENCE_FLAVOUR=cloud|datacenter overrides the guess
    /// from the address) or from [confluence] in the config directory's config.toml, never from
    /// the command line. Publishing the same summary again changes nothing; a page edited in
    /// Confluence since the last publish is left alone unless --force. The page's id is
    /// recorded in the checkpoint, so that the squad's next summary links to it.
    ///
    /// With --report instead of a checkpoint, publishes the organisation's report (`checkpoint
    /// report`) on the page `DevOps Checkpoints | <scope>`.
    Publish {
        /// A path, or a name from `checkpoint list`.
        #[arg(required_unless_present = "report", conflicts_with = "report")]
        checkpoint: Option<String>,
        /// Publish the organisation's report of the checkpoint store instead of a checkpoint.
        #[arg(long)]
        report: bool,
        /// With --report: only this tribe's squads.
        #[arg(long, requires = "report")]
        tribe: Option<String>,
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
    /// The organisation's report: every squad's latest checkpoint beside its previous one and
    /// its target, a heatmap of squads × baseline sections and phases, the levels by tribe,
    /// the squads with no checkpoint for six months, the most common next milestones and
    /// actions.
    ///
    /// Reads the stores DIR (the checkpoint store when none is given) and their folders
    /// (`<tribe>/<squad>/` or flat), and each store's `targets.yaml`. Only the latest two
    /// checkpoints of each squad are read in full.
    Report {
        /// Stores to read (default: the checkpoint store).
        dirs: Vec<PathBuf>,
        /// Only this tribe's squads.
        #[arg(long)]
        tribe: Option<String>,
        /// Only checkpoints on or after this date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::date::parse_date)]
        since: Option<jiff::civil::Date>,
        /// A squad whose latest checkpoint is older than this many months has not checked in.
        #[arg(long, value_name = "MONTHS", default_value_t = crate::report::STALE_MONTHS,
              value_parser = clap::value_parser!(i64).range(1..=120))]
        stale_months: i64,
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
        /// Write to FILE instead of stdout (an existing file is replaced).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The organisation report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Markdown,
    /// One self-contained page (inline styles and SVG) to open in a browser or paste into
    /// Confluence as rich text.
    Html,
    /// Confluence storage format (XHTML with Confluence's status and info macros).
    Confluence,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Markdown,
    Json,
    Confluence,
    Html,
}
