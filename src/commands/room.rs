//! `checkpoint room`: a saved checkpoint opened to voters on their own devices, without the
//! workshop screen. This thread owns the checkpoint (see [`crate::room::Owner`]); the server
//! runs on its own. For scripts and tests the facilitator's API stands in for the screen's
//! keys. It serves until standard input closes or SIGINT or SIGTERM comes.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Result, bail};

use crate::checklist::Catalog;
use crate::checkpoint::Store;
use crate::room::{Happened, Order, Served};
use crate::serve::Host;
use crate::workshop::Workshop;

/// How long the loop waits for an ask before it looks whether to stop.
const TICK: Duration = Duration::from_millis(100);

/// Set when standard input closes or a signal to stop comes.
static STOP: AtomicBool = AtomicBool::new(false);

pub(super) fn run(
    catalog: Catalog,
    store: &Store,
    name: &str,
    listen: SocketAddr,
) -> Result<ExitCode> {
    let path = store.resolve(name)?;
    let (mut work, warning) = Workshop::open(&path, &catalog, Instant::now())?;
    if let Some(warning) = warning {
        say!("warning: {warning}");
    }
    if work.is_read_only() {
        bail!(
            "{}: the file is read-only, and a room must save every vote before it is \
             acknowledged",
            path.display()
        );
    }
    // The room asks the checkpoint's own DORA questions.
    let catalog = catalog.for_model(work.checkpoint().dora).clone();
    let mut host = Host::open(listen, Arc::new(catalog), &work)?;
    let facilitator = host.owner_mut().enable_facilitator()?;
    host.publish(&work);
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "room: {}", host.link())?;
        writeln!(out, "facilitator: {facilitator}")?;
        out.flush()?;
    }
    say!(
        "Serving {} until standard input closes (Ctrl-D) or Ctrl-C.",
        path.display()
    );
    stop_on_signals();
    stop_on_end_of_input();
    while !STOP.load(Ordering::SeqCst) {
        tell(&host.wait_and_serve(&mut work, store, TICK));
    }
    tell(&host.close(&mut work, store));
    if let Err(e) = work.save(store) {
        say!("checkpoint: NOT SAVED: {e}");
    }
    say!("The room is closed.");
    Ok(ExitCode::SUCCESS)
}

/// One line on standard error per thing that happened: who joined, who voted on what (never
/// the value).
fn tell(served: &Served) {
    for happened in &served.happened {
        match happened {
            Happened::Joined {
                name,
                waiting: false,
            } => say!("{name} joined"),
            Happened::Joined {
                name,
                waiting: true,
            } => say!("{name} waits to be admitted"),
            Happened::Voted { name, question, .. } => say!("{name} voted on {question}"),
            Happened::Cleared { name, question } => say!("{name} cleared their vote on {question}"),
            Happened::Dot { name } => say!("{name} moved a dot"),
            Happened::Improvement { name, index } => {
                say!("{name} noted improvement {}", index + 1)
            }
            Happened::Ordered(order) => match order {
                Order::Open { question } => say!("opened {question}"),
                Order::Reveal { question, shown } => {
                    say!("{} {question}", if *shown { "revealed" } else { "hid" })
                }
                Order::Admit { name } => say!("admitted {name}"),
                Order::Part { part } => say!("moved to {part}"),
            },
        }
    }
    if let Some(e) = &served.unsaved {
        say!("checkpoint: NOT SAVED: {e}");
    }
}

/// Stops the loop when standard input reaches its end (or cannot be read).
fn stop_on_end_of_input() {
    std::thread::spawn(|| {
        let mut buf = [0u8; 256];
        let mut input = std::io::stdin();
        while matches!(input.read(&mut buf), Ok(n) if n > 0) {}
        STOP.store(true, Ordering::SeqCst);
    });
}

/// Stops the loop on SIGINT and SIGTERM, so that the room closes as it should.
#[cfg(unix)]
fn stop_on_signals() {
    extern "C" fn stop(_: libc::c_int) {
        // Async-signal-safe: one atomic store.
        STOP.store(true, Ordering::SeqCst);
    }
    let handler = stop as extern "C" fn(libc::c_int) as libc::sighandler_t;
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe { libc::signal(signal, handler) };
    }
}

#[cfg(not(unix))]
fn stop_on_signals() {}
