//! Times the core against the foundation's budgets (each under 10 ms on a 2-core machine):
//! loading and validating the built-in checklists, importing 20 ballots, and scoring and
//! exporting a checkpoint where 20 participants voted on every question. Then the hardening
//! budgets: hostile ballots and checklists up to 10 MB accepted or refused in under 1 s, and 500
//! participants exported in under 50 ms.
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
use checkpoint::limits;

mod support;

const BUDGET: Duration = Duration::from_millis(10);
const HOSTILE_BUDGET: Duration = Duration::from_secs(1);
const HOSTILE_RUNS: usize = 5;
const CROWD_BUDGET: Duration = Duration::from_millis(50);
const CROWD: usize = 500;
const RUNS: usize = 50;
const PARTICIPANTS: usize = 20;

/// Runs `f` RUNS times; returns (median, worst).
fn time<T>(f: impl FnMut() -> T) -> (Duration, Duration) {
    time_n(RUNS, f)
}

/// Runs `f` `runs` times; returns (median, worst).
fn time_n<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    support::median_worst(
        (0..runs)
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
    let over = hostile(&catalog, tmp.path()) | over;
    let over = crowd(&catalog) | over;
    if over {
        std::process::exit(1);
    }
}

/// Writes `text` to `dir/name` and returns the path.
fn put(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A baseline checklist of at most `bytes` bytes (and close to it), every item valid.
fn big_checklist(bytes: usize) -> String {
    let mut text =
        String::from("kind: baseline\nid: big\ntitle: Big\ndescription: Big.\nsections:\n");
    'sections: for s in 0.. {
        let section = format!("  - id: big.s{s}\n    title: S\n    description: D.\n    items:\n");
        for i in 0..1_000 {
            let item =
                format!("      - id: big.s{s}.i{i}\n        title: I\n        text: Item?\n");
            let head = if i == 0 { section.as_str() } else { "" };
            if text.len() + head.len() + item.len() > bytes {
                break 'sections;
            }
            text.push_str(head);
            text.push_str(&item);
        }
    }
    text
}

/// Hostile ballots and checklists, each accepted or refused within [`HOSTILE_BUDGET`].
fn hostile(catalog: &Catalog, tmp: &Path) -> bool {
    let dir = tmp.join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let mut unknown = String::from("participant: Ana\nvotes:\n");
    for i in 0..100_000 {
        unknown.push_str(&format!("  nope.q{i}: 1\n"));
    }
    let mut under = String::from("participant: Ana\nvotes:\n");
    let mut i = 0;
    let limit = usize::try_from(limits::MAX_BALLOT_BYTES).unwrap();
    while under.len() < limit - 64 {
        under.push_str(&format!("  nope.q{i}: 1\n"));
        i += 1;
    }
    let cases = [
        (
            "ballot, 100,000 unknown ids (1.9 MB), refused",
            put(&dir, "unknown.yaml", &unknown),
        ),
        (
            "ballot, unknown ids up to the size limit, refused",
            put(&dir, "under.yaml", &under),
        ),
        (
            "ballot, 10 MB, refused by size",
            put(&dir, "big.yaml", &"# x\n".repeat(2_621_440)),
        ),
        (
            "ballot, flow nested 40,000 deep, refused",
            put(
                &dir,
                "flow.yaml",
                &format!("votes: {}{}\n", "[".repeat(40_000), "]".repeat(40_000)),
            ),
        ),
        (
            "ballot, '- ' nested 40,000 deep, refused",
            put(
                &dir,
                "dash.yaml",
                &format!("votes:\n  {}x\n", "- ".repeat(40_000)),
            ),
        ),
    ];
    let mut results: Vec<(String, (Duration, Duration))> = cases
        .iter()
        .map(|(name, path)| {
            let files = std::slice::from_ref(path);
            let times = time_n(HOSTILE_RUNS, || {
                assert!(ballot::read_all(catalog, files).is_err());
            });
            (name.to_string(), times)
        })
        .collect();
    for (name, bytes, ok) in [
        (
            "checklist, valid items up to the size limit, accepted",
            usize::try_from(limits::MAX_CHECKLIST_BYTES).unwrap() - 4096,
            true,
        ),
        ("checklist, 10 MB, refused by size", 10 * 1024 * 1024, false),
    ] {
        let sets = tmp.join(format!("sets-{bytes}"));
        std::fs::create_dir_all(&sets).unwrap();
        let mut text = big_checklist(bytes);
        if !ok {
            text.push_str(&"#\n".repeat((bytes - text.len()) / 2 + 1));
        }
        put(&sets, "big.yaml", &text);
        let times = time_n(HOSTILE_RUNS, || {
            let sources = Source::from_dir(&sets, 1).map(|found| {
                let mut all = Source::builtin();
                all.extend(found);
                checklist::from_sources(all)
            });
            match (sources, ok) {
                (Ok(Ok(_)), true) | (Err(_) | Ok(Err(_)), false) => {}
                (Ok(Err(e)), _) => panic!("{name}: {}", e[0]),
                (Err(e), _) => panic!("{name}: {e}"),
                (Ok(Ok(_)), false) => panic!("{name}: accepted"),
            }
        });
        results.push((
            format!("{name} ({:.1} MB)", text.len() as f64 / 1048576.0),
            times,
        ));
    }
    println!("\nhostile input, {HOSTILE_RUNS} runs each; budget {HOSTILE_BUDGET:?}");
    support::report(&results, HOSTILE_BUDGET)
}

/// 500 participants who voted on every question: scoring and export within [`CROWD_BUDGET`].
fn crowd(catalog: &Catalog) -> bool {
    let mut c = Checkpoint::new("Crowd", jiff::civil::date(2026, 11, 22));
    for p in 0..CROWD {
        let name = format!("Person {p}");
        c.participants.push(name.clone());
        for (i, q) in catalog.questions().iter().enumerate() {
            c.vote(&q.id, &name, vote(catalog, i, p));
        }
    }
    let results = [
        (
            format!("verify, {CROWD} participants, every question"),
            time(|| {
                let text = checkpoint::checkpoint::to_text(Path::new("c.toml"), &c).unwrap();
                checkpoint::checkpoint::verify(Path::new("c.toml"), &text, &c, catalog).unwrap()
            }),
        ),
        (
            format!("score + export markdown, {CROWD} participants, every question"),
            time(|| markdown::render(&Summary::new(catalog, &c)).unwrap()),
        ),
    ];
    println!("\n{CROWD} participants, {RUNS} runs each; budget {CROWD_BUDGET:?}");
    support::report(&results, CROWD_BUDGET)
}
