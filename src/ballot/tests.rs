//! Tests of ballots: a blank one, and reading and checking filled ones with every error at its
//! line.

use super::*;

fn catalog() -> Catalog {
    Catalog::builtin().expect("built-in checklists are valid")
}

#[test]
fn a_blank_ballot_lists_every_question_and_parses_as_empty() {
    let catalog = catalog();
    let text = blank(&catalog);
    for q in catalog.questions() {
        assert!(
            text.contains(&format!("\n  {}:\n", q.id)),
            "{} missing",
            q.id
        );
    }
    let filled = text.replace("participant: \"\"", "participant: Ana");
    let ballot = parse("b.yaml", &filled, &catalog).unwrap();
    assert_eq!(ballot.participant, "Ana");
    assert!(ballot.votes.is_empty());
}

#[test]
fn a_filled_ballot_gives_votes_and_notes() {
    let text = "participant: Ana\nvotes:\n  dora.lead-time: 5\n  dora.deploy-frequency: n/a\n\
                notes:\n  dora.lead-time: guessed\n";
    let b = parse("b.yaml", text, &catalog()).unwrap();
    assert_eq!(b.votes["dora.lead-time"], Vote::Value(5));
    assert_eq!(b.votes["dora.deploy-frequency"], Vote::NotApplicable);
    assert_eq!(b.notes["dora.lead-time"], "guessed");
}

#[test]
fn off_scale_and_unknown_ids_are_named_with_their_line() {
    let text = "participant: Ana\nvotes:\n  dora.lead-time: 7\n  dora.nope: 1\n  \
                baseline.culture.safety: high\n";
    let errors = parse("b.yaml", text, &catalog()).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(messages.contains(&"b.yaml:3: dora.lead-time: `7` is off its scale 1-6: use a whole number from 1 to 6, or \"n/a\"".to_string()), "{messages:?}");
    assert!(
        messages.contains(
            &"b.yaml:4: unknown question id `dora.nope` (`checkpoint questions` lists them)"
                .to_string()
        ),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("b.yaml:5: baseline.culture.safety: `high`")),
        "{messages:?}"
    );
}

#[test]
fn an_answer_given_twice_is_an_error_at_its_second_line() {
    let text = "participant: Ana\nvotes:\n  dora.lead-time: 5\n  dora.lead-time: 6\n";
    let errors = parse("b.yaml", text, &catalog()).unwrap_err();
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["b.yaml:4: dora.lead-time is answered twice; keep one answer"]
    );
}

#[test]
fn values_are_read_as_a_person_means_them() {
    let catalog = catalog();
    let text = "participant: Ana\nvotes:\n  dora.lead-time: \"5\"\n  dora.deploy-frequency: NA\n";
    let b = parse("b.yaml", text, &catalog).unwrap();
    assert_eq!(b.votes["dora.lead-time"], Vote::Value(5));
    assert_eq!(b.votes["dora.deploy-frequency"], Vote::NotApplicable);
    let text = "participant: Ana\nvotes:\n  dora.lead-time: 5.0\n";
    let errors = parse("b.yaml", text, &catalog).unwrap_err();
    assert!(
        errors[0].to_string().contains("`5.0` is off its scale 1-6"),
        "{}",
        errors[0]
    );
    let errors = parse("b.yaml", "- a\n- b\n", &catalog).unwrap_err();
    assert!(
        !errors[0].to_string().contains("RawBallot"),
        "{}",
        errors[0]
    );
    let errors = parse("b.yaml", "participant: \"A\\nB\"\n", &catalog).unwrap_err();
    assert!(
        matches!(errors[0], BallotError::NoParticipant { .. }),
        "{}",
        errors[0]
    );
}

#[test]
fn a_hundred_thousand_unknown_ids_are_reported_in_one_pass() {
    let mut text = String::from("participant: Ana\nvotes:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  nope.q{i}: 1\n"));
    }
    let start = std::time::Instant::now();
    let errors = parse("b.yaml", &text, &catalog()).unwrap_err();
    // Debug build on a busy 2-core machine: the old per-error rescan took minutes.
    assert!(
        start.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(errors.len(), 100_000);
    assert_eq!(errors[0].line(), Some(3));
    assert_eq!(errors[99_999].line(), Some(100_002));
}

#[test]
fn keys_are_located_quoted_or_not_and_by_occurrence() {
    let text = "participant: Ana\nvotes:\n  \"nope.a\": 1\n  'nope.a': 2\n  nope.a : 3\n";
    let errors = parse("b.yaml", text, &catalog()).unwrap_err();
    let lines: Vec<Option<usize>> = errors.iter().map(BallotError::line).collect();
    assert_eq!(lines, [Some(3), Some(4), Some(5)]);
}

#[test]
fn long_names_ids_and_notes_are_refused_and_quoted_short() {
    let catalog = catalog();
    let long = "x".repeat(1_000_000);
    let id = "x".repeat(1_000);
    for text in [
        format!("participant: {long}\nvotes:\n  {id}: 1\n"),
        format!("participant: Ana\nvotes:\n  {long}: 1\n"),
        format!("participant: Ana\nvotes:\n  dora.lead-time: {long}\n"),
    ] {
        let errors = parse("b.yaml", &text, &catalog).unwrap_err();
        for e in &errors {
            let shown = e.to_string();
            assert!(shown.len() < 300, "{}", &shown[..300]);
            assert!(shown.contains('…'), "{shown}");
        }
    }
    let text = format!("participant: {long}\n");
    let errors = parse("b.yaml", &text, &catalog).unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .starts_with("b.yaml:1: participant: `xxx"),
        "{}",
        errors[0]
    );
    let text = format!(
        "participant: Ana\nnotes:\n  dora.lead-time: {}\n",
        "n".repeat(crate::limits::MAX_TEXT_BYTES + 1)
    );
    let errors = parse("b.yaml", &text, &catalog).unwrap_err();
    assert!(
        errors[0].to_string().contains("b.yaml:3: "),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].to_string().contains("bytes long"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_ballot_file_over_the_limit_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    let size = usize::try_from(crate::limits::MAX_BALLOT_BYTES).unwrap() + 1;
    std::fs::write(&path, format!("participant: Ana\n#{}", "x".repeat(size))).unwrap();
    let errors = read_all(&catalog(), &[path]).unwrap_err();
    assert!(
        errors[0].to_string().contains("larger than"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_note_that_yaml_reads_as_a_comment_is_refused_not_lost() {
    let catalog = Catalog::builtin().unwrap();
    let text = "participant: Ana\nvotes:\n  dora.lead-time: 5\nnotes:\n  \
                dora.lead-time: # nobody measures this\n  dora.deploy-frequency:\n  \
                dora.time-to-restore: !important\n";
    let errors = parse("b.yaml", text, &catalog).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[1].to_string().contains("starts with `!`"),
        "{}",
        errors[1]
    );
    let message = errors[0].to_string();
    assert!(
        message.starts_with("b.yaml:5: dora.lead-time: the note starts with `#`"),
        "{message}"
    );
    assert!(
        message.ends_with("hint: put the note in quotes"),
        "{message}"
    );
}
