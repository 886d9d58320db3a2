use super::{catalog, enter, open, squad};
use crate::checkpoint::{Checkpoint, Vote};
use crate::room::{Applied, DotChange, Refused, RoomRequest, apply, improvement_key};

const Q: &str = "dora.lead-time";

fn vote(question: &str, value: Option<Vote>) -> RoomRequest {
    RoomRequest::Vote {
        question: question.to_string(),
        value,
    }
}

fn run(c: &mut Checkpoint, voter: &str, request: RoomRequest) -> Result<Applied, Refused> {
    apply(&request, voter, c, catalog())
}

/// A refused request leaves the checkpoint as it was.
fn refused(c: &mut Checkpoint, voter: &str, request: RoomRequest) -> Refused {
    let before = c.clone();
    let err = run(c, voter, request).unwrap_err();
    assert_eq!(*c, before, "{err}: nothing changed");
    err
}

fn votes_of(c: &Checkpoint, question: &str, who: &str) -> Option<Vote> {
    c.answer(question).and_then(|a| a.votes.get(who).copied())
}

#[test]
fn a_voter_votes_changes_says_n_a_and_clears() {
    let mut c = squad();
    let voted = run(&mut c, "Ana", vote(Q, Some(Vote::Value(5)))).unwrap();
    assert!(voted.changed());
    assert_eq!(votes_of(&c, Q, "Ana"), Some(Vote::Value(5)));
    assert_eq!(
        run(&mut c, "Ana", vote(Q, Some(Vote::Value(5)))),
        Ok(Applied::Unchanged)
    );
    run(&mut c, "Ana", vote(Q, Some(Vote::Value(2)))).unwrap();
    assert_eq!(votes_of(&c, Q, "Ana"), Some(Vote::Value(2)));
    run(&mut c, "Ana", vote(Q, Some(Vote::NotApplicable))).unwrap();
    assert_eq!(votes_of(&c, Q, "Ana"), Some(Vote::NotApplicable));
    assert_eq!(
        run(&mut c, "Ana", vote(Q, None)),
        Ok(Applied::Cleared {
            question: Q.to_string()
        })
    );
    assert_eq!(votes_of(&c, Q, "Ana"), None);
    assert!(c.answers.is_empty(), "nothing left of the answer");
    assert_eq!(run(&mut c, "Ana", vote(Q, None)), Ok(Applied::Unchanged));
    assert!(!Applied::Unchanged.changed());
}

#[test]
fn a_remote_vote_is_the_vote_the_facilitator_would_type() {
    let mut remote = squad();
    let mut typed = squad();
    run(&mut remote, "Ben", vote(Q, Some(Vote::Value(4)))).unwrap();
    typed.vote(Q, "Ben", Vote::Value(4));
    assert_eq!(remote, typed);
    // And the facilitator's screen changes it like any other.
    remote.vote(Q, "Ben", Vote::Value(3));
    assert_eq!(votes_of(&remote, Q, "Ben"), Some(Vote::Value(3)));
}

#[test]
fn the_last_awaited_vote_says_the_votes_show_now() {
    let mut c = squad();
    let shown = |c: &mut Checkpoint, who| match run(c, who, vote(Q, Some(Vote::Value(3)))) {
        Ok(Applied::Voted { shown_now, .. }) => shown_now,
        other => panic!("{other:?}"),
    };
    assert!(!shown(&mut c, "Ana"));
    assert!(!shown(&mut c, "Ben"));
    assert!(shown(&mut c, "Cy"));
    assert!(c.is_revealed(Q));
}

#[test]
fn values_off_the_scale_are_refused() {
    let mut c = squad();
    for value in [0, 7, 9] {
        let err = refused(&mut c, "Ana", vote(Q, Some(Vote::Value(value))));
        assert!(matches!(err, Refused::OffScale { .. }), "{value}: {err:?}");
    }
    assert_eq!(
        refused(&mut c, "Ana", vote(Q, Some(Vote::Value(7)))).to_string(),
        "7 is not on this question's scale (1-6)."
    );
    // A baseline item's scale starts at 0 ("Don't have") and ends at 3.
    open(&mut c, "baseline.tooling.source-control");
    let q = "baseline.tooling.source-control";
    assert!(run(&mut c, "Ana", vote(q, Some(Vote::Value(0)))).is_ok());
    let err = refused(&mut c, "Ana", vote(q, Some(Vote::Value(4))));
    assert!(matches!(err, Refused::OffScale { value: 4, .. }));
}

#[test]
fn only_the_question_the_facilitator_has_open_takes_votes() {
    let mut c = squad();
    let ahead = vote("dora.deploy-frequency", Some(Vote::Value(3)));
    assert_eq!(refused(&mut c, "Ana", ahead.clone()), Refused::NotOpen);
    open(&mut c, "dora.deploy-frequency");
    assert!(run(&mut c, "Ana", ahead).is_ok());
    let behind = vote(Q, Some(Vote::Value(3)));
    assert_eq!(refused(&mut c, "Ana", behind.clone()), Refused::NotOpen);
    enter(&mut c, "flow");
    assert_eq!(refused(&mut c, "Ana", behind.clone()), Refused::NoQuestion);
    open(&mut c, "dora.no-such-question");
    assert_eq!(refused(&mut c, "Ana", behind), Refused::NoQuestion);
}

#[test]
fn an_absent_participant_cannot_vote_in_that_part_only() {
    let mut c = squad();
    c.set_absent("dora", "Cy", true).unwrap();
    assert_eq!(
        refused(&mut c, "Cy", vote(Q, Some(Vote::Value(3)))),
        Refused::Absent
    );
    assert_eq!(refused(&mut c, "Cy", vote(Q, None)), Refused::Absent);
    let q = "baseline.tooling.source-control";
    open(&mut c, q);
    assert!(run(&mut c, "Cy", vote(q, Some(Vote::Value(2)))).is_ok());
}

#[test]
fn someone_who_is_no_participant_is_refused() {
    let mut c = squad();
    let err = refused(&mut c, "Zed", vote(Q, Some(Vote::Value(3))));
    assert_eq!(err, Refused::NotParticipant);
    let add = RoomRequest::AddImprovement { text: "x".into() };
    assert_eq!(refused(&mut c, "Zed", add), Refused::NotParticipant);
}

/// The squad on the improvements, with two noted.
fn dot_voting() -> Checkpoint {
    let mut c = squad();
    c.add_improvement("Automate the deploy", None);
    c.add_improvement("Fix the flaky tests", None);
    enter(&mut c, "improvements");
    c
}

fn dot(c: &Checkpoint, index: usize, change: DotChange) -> RoomRequest {
    RoomRequest::Dot {
        improvement: improvement_key(index, &c.improvements[index].text),
        change,
    }
}

#[test]
fn dots_are_placed_within_the_voters_dots_and_taken_back() {
    let mut c = dot_voting();
    for left in [2, 1, 0] {
        let request = dot(&c, 1, DotChange::Add);
        assert_eq!(
            run(&mut c, "Ana", request),
            Ok(Applied::Dot { index: 1, left })
        );
    }
    assert_eq!(c.improvements[1].dots["Ana"], 3);
    let (add, remove) = (dot(&c, 0, DotChange::Add), dot(&c, 0, DotChange::Remove));
    let err = refused(&mut c, "Ana", add);
    assert_eq!(err, Refused::NoDotsLeft { per_person: 3 });
    assert_eq!(refused(&mut c, "Ana", remove), Refused::NoDotThere);
    let request = dot(&c, 1, DotChange::Remove);
    assert_eq!(
        run(&mut c, "Ana", request),
        Ok(Applied::Dot { index: 1, left: 1 })
    );
    assert_eq!(c.dots_left("Ana"), 1);
    assert_eq!(c.dots_left("Ben"), 3, "Ben's dots are his own");
}

#[test]
fn dots_only_while_the_squad_is_on_the_improvements() {
    let mut c = dot_voting();
    let request = dot(&c, 0, DotChange::Add);
    open(&mut c, Q);
    assert_eq!(refused(&mut c, "Ana", request), Refused::NotDotVoting);
}

#[test]
fn a_dot_meant_for_an_improvement_removed_or_edited_lands_nowhere() {
    let mut c = dot_voting();
    c.add_improvement("Page on failed deploys", None);
    let stale = dot(&c, 2, DotChange::Add);
    c.remove_improvement(0);
    assert_eq!(refused(&mut c, "Ana", stale), Refused::NoImprovement);
    let before_edit = dot(&c, 0, DotChange::Add);
    c.improvements[0].text = "Fix the flaky tests first".into();
    assert_eq!(refused(&mut c, "Ana", before_edit), Refused::NoImprovement);
    for key in ["", "0", "x-1", "99-0000000000000000", "-"] {
        let request = RoomRequest::Dot {
            improvement: key.into(),
            change: DotChange::Add,
        };
        assert_eq!(refused(&mut c, "Ana", request), Refused::NoImprovement);
    }
}

#[test]
fn an_idea_is_noted_as_an_improvement_of_the_squad() {
    let mut c = dot_voting();
    let request = RoomRequest::AddImprovement {
        text: "  Alert on\nfailed\tdeploys  ".into(),
    };
    assert_eq!(
        run(&mut c, "Ben", request),
        Ok(Applied::ImprovementAdded { index: 2 })
    );
    // An improvement records its text, what it concerns, its dots and its kit: not who noted it.
    let added = &c.improvements[2];
    assert_eq!(added.text, "Alert on failed deploys");
    assert_eq!(added.concerns, None);
    assert!(added.dots.is_empty(), "noting it places no dot");
    assert_eq!(added.kit, None);
    assert_eq!(c.dots_left("Ben"), 3);
}

#[test]
fn ideas_that_are_empty_unsafe_oversized_or_early_are_refused() {
    let mut c = dot_voting();
    let idea = |text: &str| RoomRequest::AddImprovement { text: text.into() };
    assert_eq!(refused(&mut c, "Ana", idea(" \n\t ")), Refused::EmptyText);
    assert_eq!(
        refused(&mut c, "Ana", idea("deploy \x1b]0;pwned\x07")),
        Refused::UnsafeText
    );
    assert_eq!(
        refused(&mut c, "Ana", idea("a\u{202e}b")),
        Refused::UnsafeText
    );
    let max = crate::limits::MAX_TEXT_BYTES;
    assert!(matches!(
        refused(&mut c, "Ana", idea(&"x".repeat(max + 1))),
        Refused::TooLong { .. }
    ));
    assert!(run(&mut c, "Ana", idea(&"x".repeat(max))).is_ok());
    enter(&mut c, "flow");
    assert_eq!(refused(&mut c, "Ana", idea("later")), Refused::NotDotVoting);
}
