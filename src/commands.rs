//! What each subcommand does: the edge between the command line and the core, where errors
//! become `anyhow` errors with context.

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};

use crate::ballot;
use crate::checklist::{self, Catalog, DoraModel};
use crate::checkpoint::{self, Checkpoint, Store};
use crate::cli::{Cli, Command, Format, RoomArgs};
use crate::export::Form;
use crate::history::{self, History, Snapshot};
use crate::text::{printable, printable_lines};

/// `eprintln!` for a message that may quote user data: control, bidi and invisible characters
/// are spelled out (see [`crate::text`]), the message's own newlines stay.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::text::printable_lines(&format!($($arg)*)))
    };
}

mod evidence;
mod import;
mod publish;
mod report;
mod room;

/// Runs the command `cli` names.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let dirs = &cli.checklists;
    match cli.command {
        None if !is_terminal() => {
            let catalog = load_catalog(dirs)?;
            writeln!(
                std::io::stdout().lock(),
                "devops-checkpoint {}: the DevOps Checkpoint workshop, {} questions loaded.\n\n\
                 Run `checkpoint` in a terminal to open the workshop screen. Without one, run a \
                 checkpoint with ballots:\n  \
                 checkpoint ballot -o ballot-NAME.yaml   one per participant\n  \
                 checkpoint import --squad NAME ballot-*.yaml\n  \
                 checkpoint export NAME-DATE -o summary.md\n\n\
                 `checkpoint --help` lists every command.",
                env!("CARGO_PKG_VERSION"),
                catalog.questions().len()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        None => workshop(dirs, Open::Home, None),
        Some(Command::New {
            squad,
            facilitator,
            participants,
            tribe,
            date,
            dora,
            room,
        }) => {
            let mut c = new_checkpoint(squad, tribe, facilitator, participants, date)?;
            set_dora(&load_catalog(dirs)?, &mut c, dora)?;
            workshop(dirs, Open::New(Box::new(c)), Some(room))
        }
        Some(Command::Solo) => workshop(dirs, Open::Solo, None),
        Some(Command::Resume { checkpoint, room }) => {
            workshop(dirs, Open::Resume(checkpoint), Some(room))
        }
        Some(Command::Room { checkpoint, listen }) => room::run(
            load_catalog(dirs)?,
            &Store::open_default()?,
            &checkpoint,
            listen,
        ),
        Some(Command::Questions) => questions(&load_catalog(dirs)?),
        Some(Command::Validate { dirs: extra }) => {
            let mut all = dirs.clone();
            all.extend(extra);
            validate(&all)
        }
        Some(Command::Ballot {
            output,
            part,
            checkpoint,
            level,
            dora,
            capabilities,
        }) => {
            let root = load_catalog(dirs)?;
            let saved = match &checkpoint {
                Some(name) => Some(load_verified(
                    &root,
                    &Store::open_default()?.resolve(name)?,
                )?),
                None => None,
            };
            let model = saved.as_ref().map(|c| c.dora).or(dora).unwrap_or_default();
            let catalog = root.for_model(model);
            let request = ballot::part::Request {
                part: part.as_deref(),
                level: level.as_deref(),
                checkpoint: checkpoint.as_deref().zip(saved.as_ref()),
                capabilities: &capabilities,
            };
            let selection = ballot::part::select(catalog, &request)?;
            write_ballot(&ballot::part::blank(catalog, &selection), output.as_deref())
        }
        Some(Command::Import {
            into: Some(into),
            ballots,
            replace,
            reveal,
            ..
        }) => import::into(
            &load_catalog(dirs)?,
            &Store::open_default()?,
            &into,
            &ballots,
            crate::ballot::merge::Options { replace, reveal },
        ),
        Some(Command::Import {
            squad,
            facilitator,
            tribe,
            board_link,
            date,
            dora,
            ballots,
            replace,
            reveal,
            ..
        }) => {
            if replace || reveal {
                bail!("--replace and --reveal apply to late ballots: give --into CHECKPOINT");
            }
            if let Some(link) = &board_link {
                crate::limits::check_text("--board-link", link)?;
            }
            let squad = squad.unwrap_or_default();
            let mut checkpoint = Checkpoint::new(squad.trim(), date.unwrap_or_else(today));
            checkpoint.facilitator = facilitator.unwrap_or_default();
            checkpoint.tribe = tribe.unwrap_or_default();
            checkpoint.board_link = board_link.unwrap_or_default();
            let catalog = load_catalog(dirs)?;
            set_dora(&catalog, &mut checkpoint, dora)?;
            import::new(
                catalog.for_model(checkpoint.dora),
                &Store::open_default()?,
                checkpoint,
                &ballots,
            )
        }
        Some(Command::Export {
            checkpoint,
            format,
            template,
            output,
        }) => {
            let catalog = load_catalog(dirs)?;
            export(
                &catalog,
                &checkpoint,
                format,
                template.as_deref(),
                output.as_deref(),
            )
        }
        Some(Command::Evidence {
            repo,
            tag,
            since,
            until,
            patches_are_fixes,
            attach,
        }) => evidence::run(
            &load_catalog(dirs)?,
            &evidence::Args {
                repo,
                tag,
                since,
                until,
                patches_are_fixes,
                attach,
            },
        ),
        Some(Command::Publish {
            checkpoint,
            report: _,
            tribe,
            space,
            parent,
            dry_run,
            force,
        }) => {
            let args = publish::Args {
                space: &space,
                parent: parent.as_deref(),
                dry_run,
                force,
            };
            match checkpoint {
                Some(name) => publish::run(&load_catalog(dirs)?, &name, &args),
                None => report::publish(&load_catalog(dirs)?, tribe, &args),
            }
        }
        Some(Command::List) => list(&load_catalog(dirs)?, &Store::open_default()?),
        Some(Command::RenderTemplate) => crate::export::sandbox::serve(),
        Some(Command::Compare { before, after }) => compare(&load_catalog(dirs)?, &before, &after),
        Some(Command::Report {
            dirs: stores,
            tribe,
            since,
            format,
            output,
            stale_months,
        }) => report::run(
            &load_catalog(dirs)?,
            stores,
            report::Asked {
                tribe,
                since,
                format,
                output,
                stale_months,
            },
        ),
    }
}

/// Refuses a name given on the command line that is over [`crate::limits::MAX_NAME_CHARS`].
/// What the workshop screen opens on.
enum Open {
    Home,
    /// `checkpoint new`'s checkpoint, its names checked before the terminal is.
    New(Box<Checkpoint>),
    Solo,
    Resume(Option<String>),
}

/// The checkpoint `checkpoint new` starts, every name checked.
fn new_checkpoint(
    squad: Option<String>,
    tribe: Option<String>,
    facilitator: Option<String>,
    participants: Vec<String>,
    date: Option<jiff::civil::Date>,
) -> Result<Checkpoint> {
    if squad.as_deref().is_some_and(|s| s.trim().is_empty()) {
        bail!("--squad: the squad's name is empty");
    }
    let squad = squad.unwrap_or_default();
    let mut c = Checkpoint::new(squad.trim(), date.unwrap_or_else(today));
    c.tribe = tribe.unwrap_or_default();
    c.facilitator = facilitator.unwrap_or_default();
    check_names(&c)?;
    for p in participants {
        c.add_participant(&p)
            .with_context(|| format!("--participant {}", printable(&crate::limits::quote(&p))))?;
    }
    Ok(c)
}

/// Puts `c` on the DORA model and benchmarks `args` name, refusing a model not loaded and an
/// industry or organisation size the 2025 benchmarks do not have (the message lists them).
fn set_dora(catalog: &Catalog, c: &mut Checkpoint, args: crate::cli::DoraArgs) -> Result<()> {
    let later = args.dora == DoraModel::V2025;
    if !catalog.has_model(args.dora) {
        bail!(
            "--dora {}: no checklist of that DORA model is loaded",
            args.dora
        );
    }
    if !later && (args.industry.is_some() || args.org_size.is_some()) {
        bail!("--industry and --org-size compare with the 2025 benchmarks: give --dora 2025");
    }
    c.dora = args.dora;
    let Some(benchmarks) = catalog.benchmarks().filter(|_| later) else {
        return Ok(());
    };
    if let Some(id) = args.industry {
        if benchmarks.industry(&id).is_none() {
            bail!(
                "--industry {id}: not one of {}",
                benchmarks.industry_ids().join(", ")
            );
        }
        c.industry = id;
    }
    if let Some(id) = args.org_size {
        if benchmarks.org_size(&id).is_none() {
            bail!(
                "--org-size {id}: not one of {}",
                benchmarks.org_size_ids().join(", ")
            );
        }
        c.org_size = id;
    }
    Ok(())
}

fn is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Opens the workshop screen, and the voting room when `room` asks for it. Everything that can
/// fail for a reason the user must read (a checkpoint open elsewhere, a bad name) fails before
/// the terminal is taken over.
fn workshop(dirs: &[PathBuf], open: Open, room: Option<RoomArgs>) -> Result<ExitCode> {
    use crate::checkpoint::Mode;
    use crate::tui::app::{App, Workshop};
    use std::time::Instant;

    if !is_terminal() {
        bail!(
            "the workshop screen needs a terminal; without one, collect votes with \
             `checkpoint ballot` and `checkpoint import`"
        );
    }
    let catalog = load_catalog(dirs)?;
    let store = Store::open_default()?;
    let now = Instant::now();
    let mut app = App::new(catalog, store, today(), now);
    app.theme = crate::tui::theme::Theme::from_env();
    match open {
        Open::Home => {}
        Open::Solo => app.start(Mode::Solo),
        Open::New(c) => app.start_with(*c),
        Open::Resume(name) => {
            let path = match name {
                Some(name) => app.store.resolve(&name)?,
                None => match app.store.last_used()? {
                    Some(entry) => entry.path,
                    None => bail!(
                        "no checkpoints in {} yet; `checkpoint new` starts one",
                        app.store.dir().display()
                    ),
                },
            };
            // Opened here, so that a refusal (locked, unreadable) is printed before the
            // terminal is taken over.
            let (work, warning) = Workshop::open(&path, &app.catalog, now)?;
            app.resume(work, warning);
        }
    }
    if let Some(room) = room {
        app.listen = room.listen;
        if room.room {
            app.open_room(room.listen);
            if app.room.is_none() {
                let why = app.status.as_ref().map_or("", |s| s.text.as_str());
                bail!("{why}");
            }
        }
    }
    match crate::tui::run(app)? {
        Some(lost) => {
            say!("checkpoint: {lost}");
            Ok(ExitCode::FAILURE)
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// Refuses a squad, tribe or facilitator with a control or invisible character in it, naming the
/// flag that gave it.
fn check_names(checkpoint: &Checkpoint) -> Result<()> {
    for (flag, name) in [
        ("--squad", &checkpoint.squad),
        ("--tribe", &checkpoint.tribe),
        ("--facilitator", &checkpoint.facilitator),
    ] {
        crate::limits::check_name(flag, name.trim())?;
        crate::text::check_name(name).with_context(|| flag.to_string())?;
    }
    Ok(())
}

/// An error that lists every problem, one per line, under a heading.
fn listed<E: Display>(heading: &str, errors: &[E]) -> anyhow::Error {
    let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    anyhow!("{heading}:\n{}", lines.join("\n"))
}

/// `1 problem`, `2 problems`.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn problems(n: usize) -> String {
    count(n, "problem")
}

/// Loads the built-in checklists, the config directory's and `dirs`.
pub fn load_catalog(dirs: &[PathBuf]) -> Result<Catalog> {
    checklist::load(dirs).map_err(|errors| {
        let heading = format!(
            "the checklists have {} (`checkpoint validate` checks them)",
            problems(errors.len())
        );
        listed(&heading, &errors)
    })
}

fn questions(catalog: &Catalog) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    for q in catalog.questions() {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            printable(&q.id),
            q.kind.name(),
            q.scale(),
            printable(&crate::checklist::flat(&q.text))
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(dirs: &[PathBuf]) -> Result<ExitCode> {
    for dir in dirs {
        if !dir.is_dir() {
            bail!("{}: not a directory of checklists", dir.display());
        }
    }
    match checklist::load(dirs) {
        Ok(catalog) => {
            let sets: Vec<String> = catalog
                .sets()
                .map(|s| format!("{:<14} {}", printable(&s.id), printable(&s.source)))
                .collect();
            writeln!(
                std::io::stdout().lock(),
                "ok: {} sets, {} questions\n  {}",
                sets.len(),
                catalog.questions().len(),
                sets.join("\n  ")
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            say!(
                "{}",
                listed(&format!("invalid: {}", problems(errors.len())), &errors)
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

fn write_ballot(text: &str, output: Option<&Path>) -> Result<ExitCode> {
    match output {
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
        Some(path) => {
            // A filled-in ballot must not be lost to a blank one, and a full disk leaves no
            // empty ballot behind.
            crate::atomic::write_new(path, text.as_bytes())
                .with_context(|| format!("{}: cannot create the ballot", path.display()))?;
            say!("Wrote a blank ballot to {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn export(
    catalog: &Catalog,
    name: &str,
    format: Format,
    template: Option<&Path>,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let store = Store::open_default()?;
    let path = store.resolve(name)?;
    let (checkpoint, name, history) = with_history(catalog, &path)?;
    for skipped in &history.skipped {
        eprintln!("warning: left out of the history: {skipped}");
    }
    if format != Format::Markdown && template.is_some() {
        bail!("--template applies to markdown, not to another --format");
    }
    let source = match template {
        Some(t) => Some(
            crate::limits::read_capped(t, crate::limits::MAX_TEMPLATE_BYTES)
                .with_context(|| format!("{}: cannot read the template", t.display()))?,
        ),
        None => None,
    };
    let template_name = template.map(|t| t.display().to_string());
    // The user's template runs in a child process with memory and CPU limits.
    let exe = match source {
        Some(_) => Some(
            std::env::current_exe()
                .context("cannot find this program to render the template with")?,
        ),
        None => None,
    };
    let form = match (
        format,
        template_name.as_deref(),
        source.as_deref(),
        exe.as_deref(),
    ) {
        (Format::Json, ..) => Form::Json,
        (Format::Confluence, ..) => Form::Confluence,
        (Format::Html, ..) => Form::Html,
        (Format::Markdown, Some(name), Some(source), Some(exe)) => {
            Form::Template { name, source, exe }
        }
        (Format::Markdown, ..) => Form::Markdown,
    };
    let (text, hidden) = crate::export::page(catalog, &checkpoint, &name, &history, form)?;
    if hidden > 0 {
        say!(
            "note: the votes on {} are not revealed yet; the summary leaves them out, as the \
             workshop screen does (v on the voting screen shows them)",
            count(hidden, "question")
        );
    }
    match output {
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
        Some(out) => {
            crate::export::write(out, &text)?;
            say!(
                "Wrote the summary of {} to {}",
                path.display(),
                out.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the comparison of two checkpoints as markdown, `before` first whatever their dates.
fn compare(catalog: &Catalog, before: &str, after: &str) -> Result<ExitCode> {
    let store = Store::open_default()?;
    let snapshot = |name: &str| -> Result<Snapshot> {
        let path = store.resolve(name)?;
        let checkpoint = load_verified(catalog, &path)?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        Ok(Snapshot::new(catalog, &stem, &checkpoint))
    };
    let (before, after) = (snapshot(before)?, snapshot(after)?);
    if !history::same_squad(&before.squad, &after.squad) {
        say!(
            "note: comparing two squads: {} and {}",
            before.squad,
            after.squad
        );
    }
    let text = history::markdown(&history::compare(&before, &after));
    std::io::stdout()
        .lock()
        .write_all(printable_lines(&text).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Loads a checkpoint and checks it against the checklists: problems are errors, answers to
/// questions no loaded checklist has are a warning (they stay in the file).
/// The checkpoint at `path`, checked, with its name (the file stem) and the squad's earlier
/// checkpoints beside it.
fn with_history(catalog: &Catalog, path: &Path) -> Result<(Checkpoint, String, History)> {
    let checkpoint = load_verified(catalog, path)?;
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let history = History::load(
        dir.unwrap_or(Path::new(".")),
        catalog,
        &checkpoint,
        Some(path),
    );
    Ok((checkpoint, name.into_owned(), history))
}

pub fn load_verified(catalog: &Catalog, path: &Path) -> Result<Checkpoint> {
    let (checkpoint, warning) = checkpoint::open(catalog, path)?;
    if let Some(warning) = warning {
        say!("warning: {warning}");
    }
    Ok(checkpoint)
}

/// One value as a terminal may show it (see [`printable`]).
fn shown(value: &str) -> String {
    printable(value).into_owned()
}

fn list(catalog: &Catalog, store: &Store) -> Result<ExitCode> {
    let entries = store.list()?;
    if entries.is_empty() {
        writeln!(
            std::io::stdout().lock(),
            "No checkpoints in {} yet. `checkpoint ballot` and `checkpoint import` create one.",
            store.dir().display()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| match &e.header {
            Ok(h) => {
                // The level the last save noted, else (an older or hand-made file) from the
                // answers.
                let level = match h
                    .summary
                    .as_ref()
                    .and_then(|s| s.level_for(catalog.for_model(h.dora)))
                {
                    Some(level) => level.to_string(),
                    None => match e.load() {
                        Ok(c) => checkpoint::level_text(catalog, &c),
                        Err(_) => "(unreadable answers)".to_string(),
                    },
                };
                [
                    shown(&e.name),
                    shown(&h.squad),
                    h.date.to_string(),
                    shown(&level),
                ]
            }
            Err(err) => [
                shown(&e.name),
                shown(&format!("unreadable: {err}")),
                String::new(),
                String::new(),
            ],
        })
        .collect();
    let header = ["NAME", "SQUAD", "DATE", "LEVEL"].map(String::from);
    let width = |i: usize| {
        rows.iter()
            .chain([&header])
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1).min(40), width(2)];
    let mut out = std::io::stdout().lock();
    for row in std::iter::once(&header).chain(&rows) {
        writeln!(
            out,
            "{:w0$}  {:w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
