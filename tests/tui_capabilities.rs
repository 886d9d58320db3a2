//! Screen tests of the capabilities part following the DORA level: the reveal after the last
//! DORA question, the level's three capabilities in the part (and any other rated on purpose),
//! the part waiting for the level, and the advice that goes with n/a on a DORA question.

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Store, Vote};
use checkpoint::tui::app::App;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

mod harness;
use harness::Harness;

/// A three-person workshop that voted `votes` (one string of three digits per question) on the
/// DORA questions and pressed → after the last.
fn after_dora(votes: [&str; 4]) -> Harness {
    let mut h = Harness::workshop();
    h.enter();
    for v in votes {
        h.keys(v);
        h.enter();
    }
    h
}

/// The capability the voting screen is on: `Capabilities › <name>   question i of n`.
fn capability(screen: &str) -> Option<(String, String)> {
    let line = screen.lines().find(|l| l.contains("Capabilities › "))?;
    let rest = line.split("Capabilities › ").nth(1)?;
    let (name, place) = rest.split_once("   question ")?;
    Some((name.trim().to_string(), place.trim().to_string()))
}

/// Every capability the part walks through, from where the screen is, in order.
fn walked(h: &mut Harness) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    while let Some((name, _)) = capability(&h.screen()) {
        if names.last() != Some(&name) {
            names.push(name);
        }
        h.press(KeyCode::Right);
    }
    names
}

#[test]
fn the_reveal_shows_level_percentile_and_the_three_then_moves_on_to_them() {
    // Seed 004's example: 5, 6, 5, 6 → 5.5, Elite, better than 89%.
    let mut h = after_dora(["555", "666", "555", "666"]);
    let screen = h.screen();
    assert!(screen.contains("DevOps maturity is...  Elite!"), "{screen}");
    assert!(
        screen.contains("Performing better than 89% of respondents"),
        "{screen}"
    );
    for name in [
        "Westrum organizational culture",
        "Monitoring and observability",
        "Working in small batches",
    ] {
        assert!(screen.contains(name), "{name}: {screen}");
    }
    assert_snapshot!("reveal_elite", screen);
    // ← goes back to the last question, → comes back to the reveal.
    h.press(KeyCode::Left);
    assert!(h.screen().contains("Change failure rate"), "{}", h.screen());
    h.press(KeyCode::Right);
    assert!(h.screen().contains("DevOps maturity is..."));
    // Enter moves on to rating the first of the three.
    h.enter();
    let screen = h.screen();
    assert_eq!(
        capability(&screen),
        Some((
            "Westrum organizational culture".to_string(),
            "1 of 16".to_string()
        )),
        "{screen}"
    );
}

#[test]
fn the_capabilities_part_holds_the_level_s_three_at_each_level() {
    for (level, votes, three, statements) in [
        (
            "Low",
            "333",
            [
                "Continuous testing",
                "Cloud infrastructure",
                "Code maintainability",
            ],
            19,
        ),
        (
            "Medium",
            "444",
            [
                "Continuous integration",
                "Continuous delivery",
                "Loosely coupled architecture",
            ],
            18,
        ),
        (
            "High",
            "555",
            [
                "Learning culture",
                "Work in process limits",
                "Trunk-based development",
            ],
            17,
        ),
        (
            "Elite",
            "666",
            [
                "Westrum organizational culture",
                "Monitoring and observability",
                "Working in small batches",
            ],
            16,
        ),
    ] {
        let mut h = after_dora([votes; 4]);
        assert!(
            h.screen()
                .contains(&format!("DevOps maturity is...  {level}!")),
            "{}",
            h.screen()
        );
        h.enter();
        let screen = h.screen();
        assert!(
            screen.contains(&format!("Recommended for {level} (1 of 3)")),
            "{screen}"
        );
        assert!(
            screen.contains("o rates another capability on purpose"),
            "{screen}"
        );
        assert_eq!(
            capability(&screen).map(|(_, place)| place),
            Some(format!("1 of {statements}")),
            "{level}"
        );
        assert_snapshot!(format!("capabilities_{}", level.to_lowercase()), screen);
        // The part walks the three, and then moves on.
        assert_eq!(walked(&mut h), three, "{level}");
        assert!(h.screen().contains("Baseline"), "{}", h.screen());
    }
}

#[test]
fn another_capability_can_be_rated_on_purpose() {
    let mut h = after_dora(["555"; 4]);
    h.enter();
    h.keys("o");
    let screen = h.screen();
    assert!(screen.contains("Rate a capability on purpose"), "{screen}");
    assert_snapshot!("capabilities_pick", screen);
    // Continuous delivery is the eighth capability of the catalog.
    h.keys("jjjjjjj");
    h.enter();
    let screen = h.screen();
    assert_eq!(
        capability(&screen),
        Some(("Continuous delivery".to_string(), "18 of 23".to_string())),
        "{screen}"
    );
    assert!(
        screen.contains("Rated on purpose: not one of the three High recommends"),
        "{screen}"
    );
    h.keys("4");
    assert_eq!(
        h.saved().answers["capabilities.continuous-delivery.always-deployable"].votes["Ana"],
        Vote::Value(4)
    );
    // The agenda counts it in the part, after the level's three.
    h.keys("g");
    assert!(h.screen().contains("0/23"), "{}", h.screen());
    // Reopened, it stays there through its vote.
    let path = h.path();
    h.keys("q");
    h.app = App::new(
        Catalog::builtin().unwrap(),
        Store::new(h.dir.path().join("home")),
        harness::today(),
        h.now,
    );
    assert!(h.app.open(&path));
    h.keys("g");
    assert!(h.screen().contains("0/23"), "{}", h.screen());
}

#[test]
fn before_the_level_is_known_the_part_says_what_it_waits_for() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("555");
    h.enter();
    // Two of three voted: hidden.
    h.keys("55");
    h.enter();
    h.keys("nnn");
    h.open_part(1);
    let screen = h.screen();
    for expected in [
        "waiting for the DORA level",
        "Deployment frequency",
        "votes hidden: 2 of 3 voted",
        "Time to restore service",
        "only n/a: the level needs a best guess",
        "Change failure rate",
        "no votes yet",
    ] {
        assert!(screen.contains(expected), "{expected}: {screen}");
    }
    assert!(!screen.contains("Lead time for changes"), "{screen}");
    assert_snapshot!("capabilities_waiting", screen);
    // Enter votes on the DORA questions still open.
    h.enter();
    let screen = h.screen();
    assert!(screen.contains("DevOps maturity"), "{screen}");
    assert!(screen.contains("Deployment frequency"), "{screen}");
    // A capability can still be rated on purpose, and then the part holds it.
    h.open_part(1);
    h.keys("o");
    h.enter();
    let screen = h.screen();
    assert!(
        screen.contains("Rated on purpose: the three to rate follow the DORA level"),
        "{screen}"
    );
    assert_eq!(
        capability(&screen),
        Some((
            "Westrum organizational culture".to_string(),
            "1 of 7".to_string()
        ))
    );
}

#[test]
fn without_a_level_the_last_dora_question_says_why_and_moves_on() {
    let h = after_dora(["555", "555", "555", "nnn"]);
    let screen = h.screen();
    assert!(!screen.contains("DevOps maturity is..."), "{screen}");
    assert!(
        screen.contains("No DORA level yet: 1 question is without a value"),
        "{screen}"
    );
    assert!(screen.contains("waiting for the DORA level"), "{screen}");
}

#[test]
fn n_a_on_a_dora_question_asks_for_a_best_guess() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("n");
    let screen = h.screen();
    assert!(
        screen.contains("The DORA level needs a value for every question"),
        "{screen}"
    );
    assert_snapshot!("dora_not_applicable_hint", screen);
    // Everyone says n/a: once shown, the question says the level cannot be given.
    h.keys("nn");
    let screen = h.screen();
    assert!(
        screen.contains("⚠ Only n/a here: the DORA level needs a value for every question"),
        "{screen}"
    );
    // A baseline item takes n/a without a word.
    h.open_part(2);
    h.keys("n");
    assert!(!h.screen().contains("DORA level needs"), "{}", h.screen());
}

#[test]
fn the_new_screens_draw_at_every_size() {
    let sizes = [(0, 0), (1, 1), (20, 5), (80, 24), (81, 25), (200, 50)];
    // The reveal, the part waiting for the level, and the list of capabilities.
    let mut reveal = after_dora(["666"; 4]);
    let mut waiting = Harness::workshop();
    waiting.open_part(1);
    for (h, shows) in [
        (&mut reveal, "DevOps maturity is...  Elite!"),
        (&mut waiting, "waiting for the DORA level"),
    ] {
        for (w, hgt) in sizes {
            let terminal = h.draw(w, hgt);
            let buffer = terminal.backend().buffer();
            let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
            assert!(w < 80 || text.contains(shows), "{w}×{hgt}: {text}");
        }
        h.keys("o");
        for (w, hgt) in sizes {
            h.draw(w, hgt);
        }
    }
}
