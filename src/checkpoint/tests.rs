use super::*;

/// Ana, Ben and Cy's squad, with no votes: the checkpoint module's tests start from it.
pub(super) fn three() -> Checkpoint {
    let mut c = Checkpoint::new("Squad", jiff::civil::date(2026, 11, 22));
    for p in ["Ana", "Ben", "Cy"] {
        c.add_participant(p).unwrap();
    }
    c
}

#[test]
fn names_are_trimmed_unique_without_case_and_never_empty() {
    let mut c = three();
    assert_eq!(c.add_participant("  "), Err(NameError::Empty));
    assert_eq!(
        c.add_participant("ben"),
        Err(NameError::Taken("ben".into()))
    );
    assert_eq!(
        c.rename_participant("Ana", "CY"),
        Err(NameError::Taken("CY".into()))
    );
    // Renaming to the same name in another case is fine.
    c.rename_participant("Ana", "ANA").unwrap();
    c.add_participant(" Dee ").unwrap();
    assert_eq!(c.participants, ["ANA", "Ben", "Cy", "Dee"]);
}

#[test]
fn renaming_moves_votes_and_dots_and_removing_drops_them() {
    let mut c = three();
    c.vote("q", "Ana", Vote::Value(2));
    c.vote("q", "Ben", Vote::Value(3));
    c.improvements.push(Improvement {
        text: "CI".into(),
        concerns: None,
        dots: BTreeMap::from([("Ana".to_string(), 2)]),
        kit: None,
    });
    c.rename_participant("Ana", "Anna").unwrap();
    assert_eq!(c.answers["q"].votes["Anna"], Vote::Value(2));
    assert!(!c.answers["q"].votes.contains_key("Ana"));
    assert_eq!(c.improvements[0].dots["Anna"], 2);
    assert_eq!(c.votes_by("Anna"), 1);
    c.remove_participant("Anna");
    c.remove_participant("Ben");
    assert!(c.answers.is_empty(), "an answer left empty goes");
    assert!(c.improvements[0].dots.is_empty());
}

#[test]
fn votes_show_when_revealed_or_when_everyone_voted_and_always_alone() {
    let mut c = three();
    c.vote("q", "Ana", Vote::Value(2));
    c.vote("q", "Ben", Vote::NotApplicable);
    assert!(!c.is_revealed("q"));
    c.set_revealed("q", true);
    assert!(c.is_revealed("q"));
    c.set_revealed("q", false);
    c.vote("q", "Cy", Vote::Value(1));
    assert!(c.is_revealed("q"), "everyone voted");
    c.clear_vote("q", "Cy");
    assert!(!c.is_revealed("q"));
    c.mode = Mode::Solo;
    assert!(c.is_revealed("q") && c.is_revealed("unvoted"));
}

#[test]
fn the_shared_screen_sees_only_revealed_votes() {
    let mut c = three();
    c.vote("open", "Ana", Vote::Value(2));
    c.set_agreed("open", Some(Vote::Value(1)));
    c.vote("shown", "Ana", Vote::Value(2));
    c.set_revealed("shown", true);
    for p in ["Ana", "Ben", "Cy"] {
        c.vote("all", p, Vote::Value(1));
    }
    let (shown, hidden) = c.revealed_only();
    assert_eq!(hidden, 1);
    assert!(shown.answers["open"].votes.is_empty());
    assert_eq!(shown.answers["open"].agreed, Some(Vote::Value(1)));
    assert_eq!(shown.answers["shown"].votes.len(), 1);
    assert_eq!(shown.answers["all"].votes.len(), 3);
}

#[test]
fn agreed_value_note_and_reveal_make_or_clear_an_answer() {
    let mut c = three();
    c.set_agreed("q", Some(Vote::Value(4)));
    c.set_note("q", "  we argued  ");
    assert_eq!(c.answers["q"].note, "we argued");
    c.set_agreed("q", None);
    c.set_note("q", "");
    assert!(c.answers.is_empty());
    c.set_revealed("q", true);
    c.set_revealed("q", false);
    assert!(c.answers.is_empty());
}

#[test]
fn the_session_round_trips_and_is_left_out_when_empty() {
    let mut c = three();
    let text = toml::to_string(&c).unwrap();
    assert!(!text.contains("[session]"), "{text}");
    c.session.part = "dora".into();
    c.session.question = "dora.lead-time".into();
    c.session.seconds.insert("dora".into(), 61);
    c.session.skipped.push("capabilities".into());
    c.set_revealed("dora.lead-time", true);
    let text = toml::to_string(&c).unwrap();
    let back: Checkpoint = toml::from_str(&text).unwrap();
    assert_eq!(back, c);
}
