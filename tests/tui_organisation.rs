//! The organisation view, driven from the home screen over a store of three tribes: its rows
//! and heatmap, the drill-down into a squad's checkpoints and back, resuming one, and the
//! targets on that squad's own results screen.

use std::path::{Path, PathBuf};
use std::time::Instant;

use checkpoint::checklist::{Catalog, Kind};
use checkpoint::checkpoint::{Checkpoint, Store, Vote};
use checkpoint::tui::app::{App, Screen};
use crossterm::event::KeyCode;
use insta::assert_snapshot;
use ratatui::style::Color;

mod harness;
use harness::Harness;

fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
    jiff::civil::date(y, m, d)
}

/// A checkpoint of `squad` where two people voted every DORA question `dora` (1..=6), every
/// baseline item `level` (0..=3) and every milestone `milestone` (0..=2).
fn checkpoint(
    catalog: &Catalog,
    squad: &str,
    tribe: &str,
    on: jiff::civil::Date,
    (dora, level, milestone): (u8, u8, u8),
) -> Checkpoint {
    let mut c = Checkpoint::new(squad, on);
    c.tribe = tribe.to_string();
    for p in ["Ana", "Ben"] {
        c.add_participant(p).unwrap();
    }
    for q in catalog.questions() {
        let value = match q.kind {
            Kind::Choice if q.id.starts_with("dora.") => dora,
            Kind::Level => level,
            Kind::Milestone => milestone,
            _ => continue,
        };
        for p in ["Ana", "Ben"] {
            c.vote(&q.id, p, Vote::Value(value));
        }
    }
    c
}

fn save(dir: &Path, folder: &str, c: &Checkpoint) -> PathBuf {
    let dir = dir.join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    let slug = c.squad.to_lowercase();
    let path = dir.join(format!("{slug}-{}.toml", c.date));
    checkpoint::checkpoint::save(&path, c).unwrap();
    path
}

/// Payments (Alpha improving over three checkpoints, Beta stuck), Search (Gamma's first, Delta
/// not seen for a year) and Mobile (Epsilon, its tribe named by its folder); Payments aims at
/// phase 2, tooling 2 and culture 3.
fn store(catalog: &Catalog, home: &Path) {
    for (on, votes) in [
        (date(2026, 2, 1), (2, 1, 0)),
        (date(2026, 5, 1), (3, 1, 1)),
        (date(2026, 8, 1), (5, 2, 2)),
    ] {
        save(
            home,
            "payments/alpha",
            &checkpoint(catalog, "Alpha", "Payments", on, votes),
        );
    }
    for on in [date(2026, 6, 1), date(2026, 9, 1)] {
        let beta = checkpoint(catalog, "Beta", "Payments", on, (3, 2, 1));
        save(home, "payments/beta", &beta);
    }
    let gamma = checkpoint(catalog, "Gamma", "Search", date(2026, 10, 1), (6, 3, 2));
    save(home, "", &gamma);
    let delta = checkpoint(catalog, "Delta", "Search", date(2025, 9, 1), (1, 0, 0));
    save(home, "", &delta);
    let epsilon = checkpoint(catalog, "Epsilon", "", date(2026, 11, 1), (4, 2, 1));
    save(home, "mobile/epsilon", &epsilon);
    std::fs::write(
        home.join("targets.yaml"),
        "tribes:\n  Payments:\n    phase: 2\n    baseline:\n      tooling: 2\n      culture: 3\n",
    )
    .unwrap();
}

/// The app on its home screen over the store, on 2026-11-23.
fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let catalog = Catalog::builtin().unwrap();
    store(&catalog, &home);
    let now = Instant::now();
    let app = App::new(catalog, Store::new(&home), date(2026, 11, 23), now);
    Harness { app, dir, now }
}

/// Opens the organisation view and waits for its report.
fn organisation(h: &mut Harness) {
    h.keys("o");
    let Screen::Organisation(state) = &h.app.screen else {
        panic!("o opens the organisation view");
    };
    state.wait();
    assert!(!h.app.waiting());
}

fn line_of<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
}

#[test]
fn every_squad_in_the_heatmap_then_its_checkpoints_then_back() {
    let mut h = harness();
    organisation(&mut h);
    let screen = h.screen_at(100, 30);
    assert_snapshot!("organisation_view", screen);
    assert!(
        screen.contains("Organisation: 5 squads in 3 tribes, from 8 checkpoints in [HOME]"),
        "{screen}"
    );
    assert!(screen.contains("1 improving"), "{screen}");
    assert!(screen.contains("1 stuck"), "{screen}");
    assert!(screen.contains("1 not checked in for 6 months"), "{screen}");
    // One row per squad, by tribe: Alpha's tooling rose to 2.0 and meets its target, its
    // culture (2.0) does not meet 3; phase 1 rose and is reached, on target for phase 1.
    let alpha = line_of(&screen, "Alpha");
    assert!(
        alpha.contains("Payments") && alpha.contains("2026-08-01"),
        "{alpha}"
    );
    assert!(alpha.contains("◑ 2.0↑✓"), "{alpha}");
    assert!(alpha.contains("◑ 2.0↑✗"), "{alpha}");
    let beta = line_of(&screen, "Beta");
    assert!(beta.contains("◑ 2.0=✓"), "{beta}");
    let epsilon = line_of(&screen, "Epsilon");
    assert!(epsilon.contains("mobile"), "{epsilon}");
    assert!(
        !epsilon.contains('✓') && !epsilon.contains('✗'),
        "{epsilon}"
    );
    // Rows: Epsilon (mobile), Alpha, Beta (Payments), Delta, Gamma (Search).
    assert!(screen.find("Epsilon") < screen.find("Alpha"));
    assert!(screen.find("Beta") < screen.find("Delta"));

    // A cell's band is its colour, the symbol says it without colour.
    let terminal = h.draw(100, 30);
    let buffer = terminal.backend().buffer();
    let (x, y) = (0..30u16)
        .flat_map(|y| (0..100u16).map(move |x| (x, y)))
        .find(|&(x, y)| buffer[(x, y)].symbol() == "●")
        .expect("a cell in the top band");
    assert_eq!(buffer[(x, y)].fg, Color::Green);

    // Alpha is the second row: its three checkpoints, newest first.
    h.press(KeyCode::Down);
    h.enter();
    let drill = h.screen_at(100, 30);
    assert_snapshot!("organisation_drill", drill);
    assert!(
        drill.contains("Alpha · Payments · 3 checkpoints"),
        "{drill}"
    );
    let dates: Vec<usize> = ["2026-08-01", "2026-05-01", "2026-02-01"]
        .iter()
        .map(|d| drill.find(d).unwrap_or_else(|| panic!("{d} in\n{drill}")))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{drill}");
    assert!(
        line_of(&drill, "2026-02-01").contains("alpha-2026-02-01"),
        "{drill}"
    );

    // Esc closes the drill-down, then leaves for home.
    h.press(KeyCode::Esc);
    assert!(h.screen_at(100, 30).contains("Epsilon"));
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home(_)));
}

#[test]
fn enter_on_a_checkpoint_resumes_it_and_its_results_show_the_target() {
    let mut h = harness();
    organisation(&mut h);
    h.press(KeyCode::Down);
    h.enter();
    // The second checkpoint, Alpha's of May.
    h.press(KeyCode::Down);
    h.enter();
    let path = h.path();
    assert!(
        path.ends_with("payments/alpha/alpha-2026-05-01.toml"),
        "{path:?}"
    );
    h.keys("r");
    assert!(matches!(h.app.screen, Screen::Results(_)));
    let screen = h.screen_at(100, 30);
    // May: tooling and culture at 1.0, short of 2 and 3; phase 1 not reached, the target is 2.
    assert!(
        line_of(&screen, "Technical tooling").contains("✗ target 2.0"),
        "{screen}"
    );
    assert!(
        line_of(&screen, "Culture").contains("✗ target 3.0"),
        "{screen}"
    );
    assert!(screen.contains("phase target: 2 ✗"), "{screen}");
    assert_snapshot!("results_targets", h.screen());

    // The latest checkpoint, August: tooling meets 2.
    h.keys("q");
    let mut h = harness();
    organisation(&mut h);
    h.press(KeyCode::Down);
    h.enter();
    h.enter();
    h.keys("r");
    let screen = h.screen_at(100, 30);
    assert!(
        line_of(&screen, "Technical tooling").contains("✓ target 2.0"),
        "{screen}"
    );
}

#[test]
fn a_broken_targets_file_is_said_in_the_status_line_and_the_view_goes_on() {
    let mut h = harness();
    let home = h.dir.path().join("home");
    std::fs::write(
        home.join("targets.yaml"),
        "tribes:\n  Payments:\n    phase: 9\n",
    )
    .unwrap();
    h.keys("o");
    let Screen::Organisation(state) = &h.app.screen else {
        panic!("o opens the organisation view");
    };
    state.wait();
    let screen = h.screen_at(100, 30);
    assert!(screen.contains("phase 9 is not a phase"), "{screen}");
    assert!(!line_of(&screen, "Alpha").contains('✗'), "{screen}");
    // The squad's own results show no target.
    h.press(KeyCode::Down);
    h.enter();
    h.enter();
    h.keys("r");
    let screen = h.screen_at(100, 30);
    assert!(!screen.contains("✗ target"), "{screen}");
}

#[test]
fn an_empty_store_offers_no_organisation_view() {
    let mut h = Harness::new();
    h.keys("o");
    assert!(matches!(h.app.screen, Screen::Home(_)));
}
