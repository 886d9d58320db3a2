//! Tests of ballots into checkpoints: one ballot per person, late voters, conflicting votes, notes
//! and absence.

use super::*;
use crate::checklist::Catalog;

#[test]
fn one_ballot_per_participant() {
    let catalog = Catalog::builtin().unwrap();
    let ana = super::super::parse("a.yaml", "participant: Ana\n", &catalog).unwrap();
    let again = super::super::parse("b.yaml", "participant: ana\n", &catalog).unwrap();
    let base = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
    let ballots = vec![("a.yaml".to_string(), ana), ("b.yaml".to_string(), again)];
    let errors = combine(base, &ballots).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "b.yaml: participant `ana` already voted in a.yaml: one ballot per person"
    );
}

fn ballot(file: &str, text: &str) -> (String, Ballot) {
    let catalog = Catalog::builtin().unwrap();
    (
        file.to_string(),
        super::super::parse(file, text, &catalog).unwrap(),
    )
}

fn squad() -> Checkpoint {
    let mut c = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
    for p in ["Ana", "Ben"] {
        c.add_participant(p).unwrap();
    }
    for q in ["dora.lead-time", "dora.deploy-frequency"] {
        c.vote(q, "Ana", Vote::Value(4));
        c.vote(q, "Ben", Vote::Value(5));
    }
    c
}

#[test]
fn notes_that_together_grow_past_the_limit_are_refused() {
    let long = "n".repeat(crate::limits::MAX_TEXT_BYTES / 2);
    let text = |who: &str| format!("participant: {who}\nnotes:\n  dora.lead-time: {long}\n");
    let ballots = [
        ballot("a.yaml", &text("Ana")),
        ballot("b.yaml", &text("Ben")),
    ];
    let base = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
    let errors = combine(base, &ballots).unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .starts_with("b.yaml: notes: dora.lead-time"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_late_voter_joins_and_what_was_shown_stays_shown() {
    let late = ballot(
        "cy.yaml",
        "participant: Cy\nvotes:\n  dora.lead-time: 6\n  dora.time-to-restore: 3\n\
         notes:\n  dora.lead-time: I was on call\n",
    );
    let (c, added) = add(squad(), std::slice::from_ref(&late), Options::default()).unwrap();
    assert_eq!(c.participants, ["Ana", "Ben", "Cy"]);
    assert_eq!(
        added,
        [Added {
            participant: "Cy".into(),
            new: true,
            votes: 2,
            replaced: 0,
            present_again: vec![],
        }]
    );
    assert_eq!(c.answers["dora.lead-time"].votes["Cy"], Vote::Value(6));
    assert!(
        c.is_revealed("dora.deploy-frequency"),
        "seen before Cy came"
    );
    assert!(
        !c.is_revealed("dora.time-to-restore"),
        "Ana and Ben have not voted"
    );
    assert_eq!(c.answers["dora.lead-time"].note, "Cy: I was on call");
    // The same ballot again changes nothing.
    let (again, added) = add(c.clone(), std::slice::from_ref(&late), Options::default()).unwrap();
    assert_eq!(again, c);
    assert_eq!((added[0].new, added[0].votes), (false, 0));
    // Shown at once when asked.
    let reveal = Options {
        reveal: true,
        ..Options::default()
    };
    let (shown, _) = add(squad(), &[late], reveal).unwrap();
    assert!(shown.is_revealed("dora.time-to-restore"));
}

#[test]
fn a_different_vote_is_refused_with_its_line_unless_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ben.yaml");
    let text = "participant: ben\nnotes:\n  dora.lead-time: x\nvotes:\n  \
                dora.deploy-frequency: 5\n  dora.lead-time: 2\n";
    std::fs::write(&path, text).unwrap();
    let file = path.display().to_string();
    let late = ballot(&file, text);
    let errors = add(squad(), std::slice::from_ref(&late), Options::default()).unwrap_err();
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [format!(
            "{file}:6: dora.lead-time: Ben already voted 5 in the checkpoint, the ballot \
             says 2; keep one (--replace takes the ballot's)"
        )]
    );
    let replace = Options {
        replace: true,
        ..Options::default()
    };
    let (c, added) = add(squad(), &[late], replace).unwrap();
    assert_eq!(c.participants, ["Ana", "Ben"], "the checkpoint's spelling");
    assert_eq!(c.answers["dora.lead-time"].votes["Ben"], Vote::Value(2));
    assert_eq!((added[0].votes, added[0].replaced), (0, 1));
}

#[test]
fn an_absent_voter_is_present_again_where_the_ballot_votes() {
    let mut c = squad();
    c.add_participant("Cy").unwrap();
    c.set_absent("dora", "Cy", true).unwrap();
    c.set_absent("baseline", "Cy", true).unwrap();
    let late = ballot("cy.yaml", "participant: Cy\nvotes:\n  dora.lead-time: 6\n");
    let (c, added) = add(c, &[late], Options::default()).unwrap();
    assert_eq!(added[0].present_again, ["dora"]);
    assert!(!c.is_absent("dora", "Cy") && c.is_absent("baseline", "Cy"));
    assert!(
        c.is_revealed("dora.deploy-frequency"),
        "shown while Cy was away"
    );
}

#[test]
fn two_ballots_by_one_person_and_solo_checkpoints_are_refused() {
    let a = ballot("a.yaml", "participant: Cy\n");
    let b = ballot("b.yaml", "participant: CY\n");
    let errors = add(squad(), &[a.clone(), b], Options::default()).unwrap_err();
    assert!(
        errors[0].to_string().contains("already voted in a.yaml"),
        "{}",
        errors[0]
    );
    let mut solo = squad();
    solo.mode = Mode::Solo;
    assert!(matches!(
        add(solo, &[a], Options::default()).unwrap_err()[0],
        LateError::Solo
    ));
}
