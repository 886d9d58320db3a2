//! The workshop screen from the command line: `new`, `solo`, `resume` (and the home screen),
//! every name checked and the checkpoint opened before the terminal is taken over.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use super::{load_catalog, today};
use crate::checklist::{Catalog, DoraModel};
use crate::checkpoint::{Checkpoint, Store};
use crate::cli::RoomArgs;
use crate::text::printable;

/// What the workshop screen opens on.
pub(super) enum Open {
    Home,
    /// `checkpoint new`'s checkpoint, its names checked before the terminal is.
    New(Box<Checkpoint>),
    Solo,
    Resume(Option<String>),
}

/// The checkpoint `checkpoint new` starts, every name checked.
pub(super) fn new_checkpoint(
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
pub(super) fn set_dora(
    catalog: &Catalog,
    c: &mut Checkpoint,
    args: crate::cli::DoraArgs,
) -> Result<()> {
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

pub(super) fn is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Opens the workshop screen, and the voting room when `room` asks for it. Everything that can
/// fail for a reason the user must read (a checkpoint open elsewhere, a bad name) fails before
/// the terminal is taken over.
pub(super) fn workshop(dirs: &[PathBuf], open: Open, room: Option<RoomArgs>) -> Result<ExitCode> {
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

/// Refuses a squad, tribe or facilitator with a control or invisible character in it, naming the
/// flag that gave it.
pub(super) fn check_names(checkpoint: &Checkpoint) -> Result<()> {
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
