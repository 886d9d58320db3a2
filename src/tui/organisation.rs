//! The organisation view: every squad of the store in the report's heatmap, each compared with
//! its own previous checkpoint and its target (never ranked), and a drill-down into one squad's
//! checkpoints, where Enter resumes one.
//!
//! ```text
//!  Organisation: 5 squads in 3 tribes, from 8 checkpoints in <store>
//!  1 improving · 0 mixed · 1 stuck · 0 slipping · 2 first checkpoint · 1 not checked in …
//!    Tribe     Squad    Latest      Level        Technic… Communi… Culture  Phase 1 …
//!  › Payments  Alpha    2026-08-01  High 4.58 ↑  ◑ 2.0↑✓  …
//!  ○ below 1  ◔ 1  ◑ 2  ● 3 (phases in quarters) · ↑ ↓ = since the previous · ✓ ✗ target
//! ```
//!
//! Opening it reads only the checkpoints' headers, so the squads show at once; their latest
//! two checkpoints are parsed and scored on a thread of their own ([`crate::report::Report`]),
//! and the cells fill in when it is done. The drill-down scores a squad's every checkpoint when
//! it opens. This file holds the state and the keys; [`crate::tui::heatmap`] draws it.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use crate::report::{Options, Report, Scan, Targets, history};
use crate::tui::effect::{Dest, Effect};
use crate::tui::keymap::Action;
use crate::tui::model::Model;

/// A squad as its checkpoints' headers name it: enough for a row before the report is built.
#[derive(Debug, Clone)]
pub struct Listed {
    pub tribe: String,
    pub name: String,
    pub latest: jiff::civil::Date,
    /// Its checkpoints, newest first.
    pub files: Vec<PathBuf>,
}

/// The report once built, with the report's squad of each row (`None`: it could not be read).
#[derive(Debug)]
pub struct Loaded {
    pub report: Report,
    pub rows: Vec<Option<usize>>,
}

/// One squad's checkpoints, newest first, while the drill-down is open.
#[derive(Debug, Clone)]
pub struct Drill {
    pub squad: String,
    pub tribe: String,
    pub past: Vec<history::Past>,
    pub selected: usize,
}

/// The view's rows, selection and report.
#[derive(Debug, Clone, Default)]
pub struct State {
    pub squads: Vec<Listed>,
    pub selected: usize,
    /// Set by the thread that builds the report.
    pub report: Arc<OnceLock<Loaded>>,
    pub drill: Option<Drill>,
    /// How many checkpoint files were read, and the files that could not be.
    pub read: usize,
    pub skipped: usize,
    /// The first problem of the store's targets file; the view goes on without targets.
    pub targets_error: Option<String>,
}

/// How many rows PgUp and PgDn move.
const PAGE: usize = 10;

impl State {
    /// Reads the store's headers and targets, and starts building the report on its own
    /// thread (at once on this one when no thread can be started).
    pub fn open(model: &Model) -> State {
        let options = Options {
            tribe: None,
            since: None,
            today: model.today,
            stale_months: crate::report::STALE_MONTHS,
        };
        let dirs = [model.store.dir().to_path_buf()];
        let scan = Scan::read(&dirs, &options);
        let (targets, targets_error) = match Targets::load(&dirs, &model.catalog) {
            Ok(t) => (t, None),
            Err(problems) => (Targets::default(), problems.into_iter().next()),
        };
        let squads: Vec<Listed> = scan
            .squads
            .iter()
            .filter_map(|seen| {
                let latest = seen.first()?;
                Some(Listed {
                    tribe: latest.tribe.clone(),
                    name: latest.squad.clone(),
                    latest: latest.date,
                    files: seen.iter().map(|s| s.path.clone()).collect(),
                })
            })
            .collect();
        let keys: Vec<String> = squads.iter().map(|s| s.name.to_lowercase()).collect();
        let state = State {
            squads,
            selected: 0,
            report: Arc::new(OnceLock::new()),
            drill: None,
            read: scan.read,
            skipped: scan.skipped.len(),
            targets_error,
        };
        let cell = Arc::clone(&state.report);
        let catalog = model.catalog.clone();
        let build = move || {
            let report = Report::build(scan, &catalog, &targets, &options);
            let at: std::collections::HashMap<String, usize> = report
                .squads
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.to_lowercase(), i))
                .collect();
            let rows = keys.iter().map(|k| at.get(k).copied()).collect();
            let _ = cell.set(Loaded { report, rows });
        };
        // The closure is kept to run here should the thread not start.
        let build = Arc::new(std::sync::Mutex::new(Some(build)));
        let on_thread = Arc::clone(&build);
        let started = std::thread::Builder::new()
            .name("report".into())
            .spawn(move || take(&on_thread).map(|f| f()));
        if started.is_err()
            && let Some(f) = take(&build)
        {
            f();
        }
        state
    }

    /// The report, once built.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.report.get()
    }

    /// Blocks until the report is built (for tests and benchmarks; the screen never waits).
    pub fn wait(&self) -> &Loaded {
        self.report.wait()
    }
}

/// The closure in `slot`, taken out of it.
fn take<F>(slot: &std::sync::Mutex<Option<F>>) -> Option<F> {
    slot.lock().ok().and_then(|mut f| f.take())
}

/// Handles a key in the organisation view and its drill-down.
pub fn update(model: &Model, state: &mut State, action: Action) -> Vec<Effect> {
    if let Some(drill) = &mut state.drill {
        let last = drill.past.len().saturating_sub(1);
        match action {
            Action::Back => state.drill = None,
            Action::Open => {
                if let Some(past) = drill.past.get(drill.selected) {
                    return vec![Effect::Open(past.path.clone())];
                }
            }
            other => drill.selected = moved(drill.selected, last, other),
        }
        return Vec::new();
    }
    let last = state.squads.len().saturating_sub(1);
    match action {
        Action::Back => return vec![Effect::Go(Dest::Home)],
        Action::Open => {
            if let Some(squad) = state.squads.get(state.selected) {
                state.drill = Some(Drill {
                    squad: squad.name.clone(),
                    tribe: squad.tribe.clone(),
                    past: history::load(&model.catalog, &squad.files),
                    selected: 0,
                });
            }
        }
        other => state.selected = moved(state.selected, last, other),
    }
    Vec::new()
}

/// The row `selected` moves to with `action`, within `0..=last`.
fn moved(selected: usize, last: usize, action: Action) -> usize {
    match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(PAGE),
        Action::PageDown => (selected + PAGE).min(last),
        _ => selected,
    }
}
