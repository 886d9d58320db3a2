//! Times one full frame of the workshop screen, the voting and the results screens, for a
//! checkpoint where 20 participants voted on every question. Budget: 1 ms a frame. Also one key
//! on the results screen with 100 participants (scoring, saving when changed, a frame): 5 ms.
//! A key that only moves the selection does not score again; an edit (a vote) does, so scoring
//! the results at 100 participants is timed on its own, within the same 5 ms.
//!
//! `cargo bench --bench render` prints the median and worst time of each and exits non-zero
//! when a median is over budget.

use std::hint::black_box;
use std::time::{Duration, Instant};

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Checkpoint, Store, Vote};
use checkpoint::tui::App;
use checkpoint::tui::keymap::Action;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod support;

const BUDGET: Duration = Duration::from_millis(1);
const RUNS: usize = 200;
const PARTICIPANTS: usize = 20;
/// A large squad, for the budget of one key on the results screen (issue 9: under 5 ms).
const CROWD: usize = 100;
const KEY_BUDGET: Duration = Duration::from_millis(5);

/// A checkpoint where everyone voted on everything, values spread so every chart has bars.
fn full_checkpoint(catalog: &Catalog, participants: usize) -> Checkpoint {
    let mut c = Checkpoint::new("Bench", c_date());
    for p in 0..participants {
        c.add_participant(&format!("Person {p}")).unwrap();
    }
    for (i, q) in catalog.questions().iter().enumerate() {
        let scale = q.scale();
        let span = usize::from(scale.max - scale.min) + 1;
        for p in 0..participants {
            let value = scale.min + u8::try_from((i + p * 7) % span).unwrap_or(0);
            c.vote(&q.id, &format!("Person {p}"), Vote::Value(value));
        }
    }
    c
}

fn c_date() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 22)
}

/// Median and worst time of one key (Down or Up) on the results screen, drawn after it.
fn key_on_results(app: &mut App) -> (Duration, Duration) {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let times = (0..RUNS)
        .map(|i| {
            let action = if i % 2 == 0 { Action::Down } else { Action::Up };
            let start = Instant::now();
            app.update(action, Instant::now());
            terminal
                .draw(|f| checkpoint::tui::render(f, black_box(&*app)))
                .unwrap();
            start.elapsed()
        })
        .collect();
    support::median_worst(times)
}

/// Median and worst time of drawing one frame of `app` at `width`×`height`.
fn frame(app: &App, width: u16, height: u16) -> (Duration, Duration) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let times = (0..RUNS)
        .map(|_| {
            // A fresh buffer each time, so every cell is drawn and compared.
            terminal.clear().unwrap();
            let start = Instant::now();
            terminal
                .draw(|f| checkpoint::tui::render(f, black_box(app)))
                .unwrap();
            start.elapsed()
        })
        .collect();
    support::median_worst(times)
}

fn main() {
    let catalog = Catalog::builtin().unwrap();
    let c = full_checkpoint(&catalog, PARTICIPANTS);
    let tmp = tempfile::tempdir().unwrap();
    let now = Instant::now();
    let mut app = App::new(catalog, Store::new(tmp.path()), c.date, now);
    app.start_with(c);
    // The agenda opens on the DORA part: Enter votes on its first question.
    app.update(Action::Open, now);
    let mut results = Vec::new();
    for (w, h) in [(80, 24), (200, 50)] {
        results.push((
            format!("voting, {PARTICIPANTS} participants, {w}×{h}"),
            frame(&app, w, h),
        ));
    }
    app.update(Action::Board, now);
    for (w, h) in [(80, 24), (200, 50)] {
        results.push((
            format!("board, {PARTICIPANTS} participants, {w}×{h}"),
            frame(&app, w, h),
        ));
    }
    app.update(Action::Results, now);
    for (w, h) in [(80, 24), (200, 50)] {
        results.push((
            format!("results, {PARTICIPANTS} participants, {w}×{h}"),
            frame(&app, w, h),
        ));
    }
    // Not a frame, but what a key costs on the results screen: scoring, saving, one frame.
    let key = key_on_results(&mut app);
    let mut crowd = App::new(
        Catalog::builtin().unwrap(),
        Store::new(tmp.path().join("crowd")),
        c_date(),
        now,
    );
    crowd.start_with(full_checkpoint(&crowd.catalog, CROWD));
    crowd.update(Action::Results, now);
    let crowd_key = key_on_results(&mut crowd);
    let crowd_score = support::median_worst(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(checkpoint::tui::results::View::new(black_box(&crowd)));
                start.elapsed()
            })
            .collect(),
    );
    println!("{RUNS} frames each; budget {BUDGET:?} a frame");
    let over = support::report(&results, BUDGET);
    println!(
        "{:<45} median {:>10.3?}  worst {:>10.3?}  (no budget)",
        "a key on the results screen (score + draw)", key.0, key.1
    );
    let over_key = support::report(
        &[
            (
                format!("a key on results, {CROWD} participants (save check + draw)"),
                crowd_key,
            ),
            (
                format!("scoring the results after an edit, {CROWD} participants"),
                crowd_score,
            ),
        ],
        KEY_BUDGET,
    );
    if over || over_key {
        std::process::exit(1);
    }
}
