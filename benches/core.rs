//! Times the core against the foundation's budgets (each under 10 ms on a 2-core machine):
//! loading and validating the built-in checklists, importing 20 ballots, and scoring and
//! exporting a checkpoint where 20 participants voted on every question.
//!
//! `cargo bench` prints the median and worst time of each and exits non-zero over budget.
//! With `BALLOTS_DIR=DIR` the 20 ballots are kept in DIR, for measuring the binary's memory:
//! `/usr/bin/time -v target/release/checkpoint import --squad Bench DIR/*.yaml`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use checkpoint::ballot;
use checkpoint::checklist::{self, Catalog, Source};
use checkpoint::checkpoint::{Checkpoint, Store, Vote};
use checkpoint::export::{Summary, markdown};

mod support;

const BUDGET: Duration = Duration::from_millis(10);
const RUNS: usize = 50;
const PARTICIPANTS: usize = 20;

/// Runs `f` RUNS times; returns (median, worst).
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration) {
    support::median_worst(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

/// A vote for every question, varied by participant so the statistics have work to do.
fn vote(catalog: &Catalog, question: usize, participant: usize) -> Vote {
    let scale = catalog.questions()[question].scale();
    let span = usize::from(scale.max - scale.min) + 1;
    match (question + participant * 7) % (span + 1) {
        0 if participant.is_multiple_of(5) => Vote::NotApplicable,
        n => Vote::Value(scale.min + u8::try_from(n % span).unwrap_or(0)),
    }
}

fn write_ballots(catalog: &Catalog, dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..PARTICIPANTS)
        .map(|p| {
            let mut text = format!("participant: Person {p}\nvotes:\n");
            for (i, q) in catalog.questions().iter().enumerate() {
                text.push_str(&format!("  {}: {}\n", q.id, vote(catalog, i, p)));
            }
            let path = dir.join(format!("ballot-{p:02}.yaml"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// What `checkpoint import` does: read and check the ballots, combine them, save.
fn import(catalog: &Catalog, files: &[PathBuf], store: &Store) -> PathBuf {
    let ballots = ballot::read_all(catalog, files).unwrap();
    let base = Checkpoint::new("Bench", jiff::civil::date(2026, 11, 22));
    let checkpoint = ballot::combine(base, &ballots).unwrap();
    store.save_new(&checkpoint).unwrap()
}

fn main() {
    let catalog = Catalog::builtin().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let ballots_dir =
        std::env::var_os("BALLOTS_DIR").map_or_else(|| tmp.path().join("ballots"), PathBuf::from);
    let files = write_ballots(&catalog, &ballots_dir);
    let store = Store::new(tmp.path().join("store"));
    let saved = import(&catalog, &files, &store);
    let full = checkpoint::checkpoint::load(&saved).unwrap();

    let results = [
        (
            "load + validate the built-in checklists",
            time(|| checklist::from_sources(Source::builtin())),
        ),
        (
            "import 20 ballots (read, check, combine, save)",
            time(|| {
                // Each run saves a new file: remove it so every run finds the same empty store.
                let path = import(&catalog, &files, &store);
                std::fs::remove_file(path)
            }),
        ),
        (
            "score + export markdown, 20 participants, every question",
            time(|| markdown::render(&Summary::new(&catalog, &full)).unwrap()),
        ),
        (
            "score + export json, 20 participants, every question",
            time(|| Summary::new(&catalog, &full).to_json().unwrap()),
        ),
        (
            "read the checkpoint file + score + export markdown",
            time(|| {
                let c = checkpoint::checkpoint::load(&saved).unwrap();
                markdown::render(&Summary::new(&catalog, &c)).unwrap()
            }),
        ),
    ];
    println!(
        "{} questions, {PARTICIPANTS} participants, {RUNS} runs each; budget {BUDGET:?}",
        catalog.questions().len()
    );
    let results = results.map(|(name, times)| (name.to_string(), times));
    let over = support::report(&results, BUDGET);
    if std::env::var_os("BALLOTS_DIR").is_some() {
        println!("ballots kept in {}", ballots_dir.display());
    }
    if over {
        std::process::exit(1);
    }
}
