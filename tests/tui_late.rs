//! Screen tests of late and absent participants: a participant added after the votes were shown
//! hides nothing the squad saw, and one marked absent for a part is not waited for there.

use checkpoint::checkpoint::Vote;
use crossterm::event::KeyCode;
use insta::assert_snapshot;

mod harness;
use harness::Harness;

/// Ana, Ben and Cy answer the four DORA questions: Elite.
fn dora_voted() -> Harness {
    let mut h = Harness::workshop();
    h.enter();
    for votes in ["565", "666", "555", "466"] {
        h.keys(votes);
        h.enter();
    }
    h
}

#[test]
fn a_participant_added_late_hides_nothing_the_squad_saw() {
    let mut h = dora_voted();
    h.keys("r");
    let before = h.screen();
    assert!(before.contains("Elite"), "{before}");
    h.keys("u");
    h.keys("a");
    h.keys("Dee");
    h.enter();
    assert_eq!(h.saved().participants, ["Ana", "Ben", "Cy", "Dee"]);
    h.keys("r");
    assert_eq!(h.screen(), before, "the results as they were");
    h.keys("s");
    let summary = h.screen();
    assert!(
        summary.contains("DevOps maturity is... **Elite**!"),
        "{summary}"
    );
    assert!(!summary.contains("hidden"), "{summary}");
    // Dee may still vote: the votes stay shown and Dee's joins them.
    h.open_part(0);
    let voting = h.screen();
    assert!(voting.contains("Dee            ○ not yet"), "{voting}");
    assert!(voting.contains("mean 5"), "{voting}");
    h.keys("6");
    assert_eq!(
        h.saved().answers["dora.lead-time"].votes["Dee"],
        Vote::Value(6)
    );
}

#[test]
fn a_participant_absent_for_a_part_is_not_waited_for_there() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("jj");
    h.keys("x");
    assert_eq!(h.saved().absent["dora"], ["Cy"]);
    h.keys("5");
    h.keys("3");
    let screen = h.screen();
    assert!(screen.contains("Votes 2 of 2 · 1 absent"), "{screen}");
    assert_snapshot!("absent_voting_revealed", screen);

    // No vote for someone absent, and no absence for someone who voted.
    h.keys("j");
    h.keys("4");
    assert!(
        h.screen()
            .contains("Cy is absent for this part: x marks them present first."),
        "{}",
        h.screen()
    );
    h.keys("kk");
    h.keys("x");
    assert!(
        h.screen()
            .contains("Ana has 1 vote in this part: an absent participant has none"),
        "{}",
        h.screen()
    );
    // Absent for the whole part: the next question does not wait for Cy either.
    h.enter();
    h.keys("45");
    assert!(h.screen().contains("mean 4.5"), "{}", h.screen());
    // Back again: what was shown stays shown, and Cy can vote.
    h.keys("jj");
    h.keys("x");
    assert!(h.saved().absent.is_empty());
    let screen = h.screen();
    assert!(screen.contains("Cy is back for this part."), "{screen}");
    assert!(screen.contains("mean 4.5"), "{screen}");
    h.keys("6");
    assert_eq!(
        h.saved().answers["dora.deploy-frequency"].votes["Cy"],
        Vote::Value(6)
    );
    h.press(KeyCode::Esc);
}
