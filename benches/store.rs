//! The store at scale: 10,000 checkpoints (1,000 squads × 10 workshops, each a full workshop of
//! six participants who voted on every question, made from `tests/fixtures/history/`), in a
//! temporary directory. Times, against their budgets:
//!
//! - `checkpoint list` (the real binary, output to a pipe that is drained): 300 ms;
//! - the home screen's first frame (the app built on the home screen, which reads the store,
//!   and one frame drawn on a `TestBackend`): 300 ms;
//! - the organisation view's first frame (`o` on the home screen: every header read, the
//!   squads listed, one frame drawn while their report is built on another thread): 500 ms;
//!   and until that report is drawn (its heatmap filled in): 1 s;
//! - `checkpoint export` of a squad with 12 earlier checkpoints (the real binary): 30 ms;
//! - the maximum resident memory of `checkpoint list`, from `/usr/bin/time -v`: 50 MB;
//! - `checkpoint report` of the whole store (100 tribes of 10 squads; markdown to a pipe): 1 s,
//!   and its maximum resident memory: 100 MB.
//!
//! `cargo bench --bench store` prints the minimum and median of each and exits non-zero when a
//! median is over budget.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Checkpoint, Store, Vote, load, to_text};
use checkpoint::tui::keymap::Action;
use checkpoint::tui::{App, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// `report` is for the benches with one budget; this one has three and a memory budget.
#[allow(dead_code)]
mod support;

const SQUADS: usize = 1_000;
const PER_SQUAD: usize = 10;
const PARTICIPANTS: [&str; 6] = ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay"];
const RUNS: usize = 7;
const MEMORY_BUDGET_KB: u64 = 50 * 1024;
const REPORT_MEMORY_BUDGET_KB: u64 = 100 * 1024;

/// The fixture, with every participant's vote on every question: `variant` spreads the values.
fn workshop(catalog: &Catalog, variant: usize) -> Checkpoint {
    let template = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/history/team-kilo-2026-11-20.toml");
    let mut c = load(&template).expect("the history fixture loads");
    c.participants = PARTICIPANTS.iter().map(|p| p.to_string()).collect();
    c.tribe = "Tribe".to_string();
    for (i, q) in catalog.questions().iter().enumerate() {
        let scale = q.scale();
        let span = usize::from(scale.max - scale.min) + 1;
        for (p, name) in PARTICIPANTS.iter().enumerate() {
            let value = scale.min + u8::try_from((i + p * 3 + variant) % span).unwrap_or(0);
            c.vote(&q.id, name, Vote::Value(value));
        }
    }
    c
}

/// Writes the store: each file is a variant's text with its squad and date put in, so that
/// 10,000 files take seconds, not a serialisation each.
fn generate(catalog: &Catalog, dir: &Path) -> u64 {
    let variants: Vec<String> = (0..PER_SQUAD)
        .map(|v| to_text(dir, &workshop(catalog, v)).expect("serialises"))
        .collect();
    let mut bytes = 0;
    for squad in 0..SQUADS {
        for (n, text) in variants.iter().enumerate() {
            let date = jiff::civil::date(2024, 1, 1)
                + jiff::Span::new().days(i64::try_from(n * 91).unwrap_or(0));
            let text = text
                .replace(
                    "squad = \"Team Kilo\"",
                    &format!("squad = \"Squad {squad:04}\""),
                )
                .replace("date = 2026-11-20", &format!("date = {date}"))
                .replace(
                    "tribe = \"Tribe\"",
                    &format!("tribe = \"Tribe {:02}\"", squad / 10),
                );
            let path = dir.join(format!("squad-{squad:04}-{date}.toml"));
            std::fs::write(&path, &text).expect("writes the store");
            bytes += text.len() as u64;
        }
    }
    bytes
}

/// The real binary, with the store as its home.
fn binary(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_checkpoint"));
    command
        .args(args)
        .env("CHECKPOINT_HOME", home)
        .env("XDG_CONFIG_HOME", home.join("no-config"))
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Minimum and median wall time of running the binary (its output read to the end).
fn run(home: &Path, args: &[&str]) -> (Duration, Duration) {
    let times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let out = binary(home, args).output().expect("runs");
            let time = start.elapsed();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            time
        })
        .collect();
    min_median(times)
}

fn min_median(mut times: Vec<Duration>) -> (Duration, Duration) {
    let (median, _) = support::median_worst(times.clone());
    times.sort();
    (times[0], median)
}

/// The maximum resident set of `checkpoint ARGS` in KB, when `/usr/bin/time` is there.
fn max_rss_kb(home: &Path, args: &[&str]) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_checkpoint"))
        .args(args)
        .env("CHECKPOINT_HOME", home)
        .env("XDG_CONFIG_HOME", home.join("no-config"))
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let report = String::from_utf8_lossy(&out.stderr);
    report
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|kb| kb.trim().parse().ok())
}

fn main() {
    let catalog = Catalog::builtin().expect("the built-in checklists load");
    let tmp = tempfile::tempdir().expect("a temporary directory");
    // STORE_BENCH_DIR keeps the generated store there, to measure by hand afterwards.
    let home = std::env::var_os("STORE_BENCH_DIR")
        .map_or_else(|| tmp.path().join("store"), std::path::PathBuf::from);
    std::fs::create_dir_all(&home).expect("creates the store");
    let start = Instant::now();
    let bytes = generate(&catalog, &home);
    println!(
        "generated {} checkpoints ({:.1} MB, {} KB each) in {:.1?}",
        SQUADS * PER_SQUAD,
        bytes as f64 / 1e6,
        bytes / 1024 / (SQUADS * PER_SQUAD) as u64,
        start.elapsed()
    );

    // A squad with 12 earlier checkpoints: two more workshops of squad 0042, exported last.
    let squad = 42;
    for (i, date) in ["2026-09-01", "2026-12-01", "2027-03-01"]
        .iter()
        .enumerate()
    {
        let mut c = workshop(&catalog, i);
        c.squad = format!("Squad {squad:04}");
        c.date = date.parse().expect("a date");
        let path = home.join(format!("squad-{squad:04}-{date}.toml"));
        checkpoint::checkpoint::save(&path, &c).expect("saves");
    }
    let exported = format!("squad-{squad:04}-2027-03-01");

    let list = run(&home, &["list"]);
    let report = run(&home, &["report"]);
    let export = run(&home, &["export", &exported]);
    let history = Store::new(&home).list().map(|l| l.len()).unwrap_or(0);
    assert_eq!(history, SQUADS * PER_SQUAD + 3);

    let home_frame = {
        let times = (0..RUNS)
            .map(|_| {
                let catalog = catalog.clone();
                let mut terminal =
                    Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
                let start = Instant::now();
                let app = App::new(
                    catalog,
                    Store::new(&home),
                    jiff::civil::date(2027, 3, 1),
                    Instant::now(),
                );
                terminal
                    .draw(|f| checkpoint::tui::render(f, &app))
                    .expect("draws");
                start.elapsed()
            })
            .collect();
        min_median(times)
    };

    // `o` on the home screen, then a frame; then the wait for the report, and a frame with it
    // (so that no run's thread is still at work when the next starts).
    let (organisation_frame, organisation_filled) = {
        let (mut first, mut filled) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let mut app = App::new(
                catalog.clone(),
                Store::new(&home),
                jiff::civil::date(2027, 3, 1),
                Instant::now(),
            );
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
            let start = Instant::now();
            app.update(Action::Organisation, Instant::now());
            terminal
                .draw(|f| checkpoint::tui::render(f, &app))
                .expect("draws");
            first.push(start.elapsed());
            let Screen::Organisation(state) = &app.screen else {
                panic!("o opens the organisation view");
            };
            assert_eq!(state.wait().report.squads.len(), SQUADS);
            terminal
                .draw(|f| checkpoint::tui::render(f, &app))
                .expect("draws");
            filled.push(start.elapsed());
        }
        (min_median(first), min_median(filled))
    };

    let ms = Duration::from_millis;
    let budgets = [
        ("checkpoint list (10,003 checkpoints)", list, ms(300)),
        ("home screen, first frame", home_frame, ms(300)),
        (
            "organisation view, first frame",
            organisation_frame,
            ms(500),
        ),
        (
            "organisation view, heatmap filled in",
            organisation_filled,
            ms(1000),
        ),
        ("checkpoint export, 12 earlier checkpoints", export, ms(30)),
        (
            "checkpoint report (1,000 squads, 100 tribes)",
            report,
            ms(1000),
        ),
    ];
    println!("{RUNS} runs each; min and median against the budget");
    let mut over = false;
    for (name, (min, median), budget) in budgets {
        let verdict = if median <= budget {
            "ok"
        } else {
            "OVER BUDGET"
        };
        over |= median > budget;
        println!(
            "{name:<44} min {min:>10.3?}  median {median:>10.3?}  budget {budget:>6?}  {verdict}"
        );
    }
    for (command, budget) in [
        ("list", MEMORY_BUDGET_KB),
        ("report", REPORT_MEMORY_BUDGET_KB),
    ] {
        let name = format!("checkpoint {command}, memory");
        match max_rss_kb(&home, &[command]) {
            Some(kb) => {
                let verdict = if kb <= budget { "ok" } else { "OVER BUDGET" };
                over |= kb > budget;
                println!(
                    "{name:<44} max RSS {:.1} MB  budget {} MB  {verdict}",
                    kb as f64 / 1024.0,
                    budget / 1024
                );
            }
            None => println!("{name}: /usr/bin/time -v is not available, not measured"),
        }
    }
    if over {
        std::process::exit(1);
    }
}
