use super::{catalog, enter, open, squad};
use crate::checkpoint::{Checkpoint, Vote};
use crate::room::{Phase, Position, state_for, waiting_state};

const Q: &str = "dora.lead-time";

/// What `voter`'s page receives, byte for byte.
fn wire(voter: &str, c: &Checkpoint) -> String {
    serde_json::to_string(&state_for(voter, c, catalog())).unwrap()
}

/// The state as JSON, to look into.
fn json(voter: &str, c: &Checkpoint) -> serde_json::Value {
    serde_json::from_str(&wire(voter, c)).unwrap()
}

/// The squad with Ana's vote in, and Ben's as given.
fn ben_votes(value: Option<Vote>) -> Checkpoint {
    let mut c = squad();
    c.vote(Q, "Ana", Vote::Value(2));
    if let Some(v) = value {
        c.vote(Q, "Ben", v);
    }
    c
}

#[test]
fn before_the_reveal_no_other_value_is_on_the_wire() {
    let hidden: Vec<String> = [Vote::Value(1), Vote::Value(6), Vote::NotApplicable]
        .into_iter()
        .map(|v| wire("Ana", &ben_votes(Some(v))))
        .collect();
    // Whatever Ben voted, Ana receives the very same bytes: his value is not in them.
    assert_eq!(hidden[0], hidden[1]);
    assert_eq!(hidden[0], hidden[2]);
    assert!(!hidden[2].contains("n/a"), "{}", hidden[2]);
    // Only that he voted differs from before he did.
    let before = wire("Ana", &ben_votes(None));
    assert_ne!(before, hidden[0]);
    assert_eq!(
        before.replace(
            r#"{"name":"Ben","voted":false"#,
            r#"{"name":"Ben","voted":true"#
        ),
        hidden[0]
    );
    let state = json("Ana", &ben_votes(Some(Vote::Value(6))));
    let ballot = &state["phase"];
    assert_eq!(ballot["kind"], "vote");
    assert_eq!(ballot["revealed"], false);
    assert_eq!(ballot["your_vote"], 2, "your own vote comes back");
    assert!(ballot.get("results").is_none());
    assert!(!hidden[0].contains(r#""vote":"#), "{}", hidden[0]);
    let rows = ballot["voted"].as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ana", "Ben", "Cy"]);
    let voted: Vec<bool> = rows.iter().map(|r| r["voted"].as_bool().unwrap()).collect();
    assert_eq!(voted, [true, true, false]);
}

#[test]
fn once_revealed_the_page_gets_what_the_presenter_shows() {
    let mut c = ben_votes(Some(Vote::Value(6)));
    c.set_revealed(Q, true);
    let state = json("Ana", &c);
    let ballot = &state["phase"];
    assert_eq!(ballot["revealed"], true);
    assert_eq!(ballot["voted"][1]["vote"], 6);
    assert_eq!(ballot["voted"][0]["vote"], 2);
    assert!(ballot["voted"][2].get("vote").is_none(), "Cy has not voted");
    let results = &ballot["results"];
    let counts: Vec<(u64, u64)> = results["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["value"].as_u64().unwrap(), c["votes"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [(1, 0), (2, 1), (3, 0), (4, 0), (5, 0), (6, 1)]);
    assert_eq!(results["mean"], 4.0);
    assert_eq!(results["spread"], 4);
    assert_eq!(results["discuss"], true);
    // An n/a shows as such, and counts apart.
    c.vote(Q, "Cy", Vote::NotApplicable);
    let state = json("Ben", &c);
    assert_eq!(state["phase"]["voted"][2]["vote"], "n/a");
    assert_eq!(state["phase"]["results"]["not_applicable"], 1);
}

#[test]
fn the_votes_show_by_themselves_once_everyone_has_voted() {
    let mut c = ben_votes(Some(Vote::Value(6)));
    c.vote(Q, "Cy", Vote::Value(5));
    let state = json("Cy", &c);
    assert_eq!(state["phase"]["revealed"], true);
    assert_eq!(state["phase"]["voted"][1]["vote"], 6);
}

#[test]
fn the_ballot_carries_the_question_as_the_facilitator_has_it() {
    let mut c = squad();
    open(&mut c, "dora.deploy-frequency");
    let state = state_for("Ana", &c, catalog());
    assert_eq!(state.you, "Ana");
    assert_eq!(state.squad, "Partner Tooling");
    let Phase::Vote(ballot) = &state.phase else {
        panic!("{:?}", state.phase);
    };
    assert_eq!(ballot.position, Some(Position { number: 2, of: 4 }));
    assert_eq!(ballot.question.id, "dora.deploy-frequency");
    assert_eq!(ballot.question.scale.len(), 6);
    assert_eq!(ballot.question.scale[0].value, 1);
    let q = catalog().question("dora.deploy-frequency").unwrap();
    assert_eq!(
        ballot.question.scale[5].label,
        crate::checklist::flat(&q.options[5])
    );
    assert!(
        !ballot.question.tips.is_empty(),
        "the facilitator's tips come along"
    );
    assert_eq!(ballot.your_vote, None);
    assert!(!state.part.is_empty(), "the part's title");
    let json = json("Ana", &c);
    assert_eq!(json["phase"]["question"]["kind"], "choice");
}

#[test]
fn an_absent_voter_sees_the_question_and_that_they_are_absent() {
    let mut c = squad();
    c.set_absent("dora", "Cy", true).unwrap();
    let state = json("Cy", &c);
    assert_eq!(state["phase"]["absent"], true);
    assert_eq!(state["phase"]["voted"][2]["absent"], true);
    assert_eq!(json("Ana", &c)["phase"]["absent"], false);
}

#[test]
fn away_from_questions_and_dots_there_is_nothing_to_vote_on() {
    let mut c = squad();
    enter(&mut c, "flow");
    let state = state_for("Ana", &c, catalog());
    assert_eq!(state.phase, Phase::Elsewhere);
    assert_eq!(state.part, "Delivery flow");
    assert_eq!(
        json("Ana", &c)["phase"],
        serde_json::json!({"kind": "elsewhere"})
    );
    let waiting = serde_json::to_value(waiting_state("Dee", &c)).unwrap();
    assert_eq!(waiting["phase"], serde_json::json!({"kind": "admission"}));
    assert_eq!(waiting["you"], "Dee");
}

/// The squad dot-voting two improvements, Ana's dots on the first, Ben's as given.
fn ben_dots(on: usize) -> Checkpoint {
    let mut c = squad();
    c.add_improvement("Automate the deploy", None);
    c.add_improvement("Fix the flaky tests", None);
    enter(&mut c, "improvements");
    c.add_dot(0, "Ana").unwrap();
    for _ in 0..3 {
        c.add_dot(on, "Ben").unwrap();
    }
    c
}

#[test]
fn where_others_placed_their_dots_stays_off_the_wire_until_shown() {
    // Wherever Ben placed his dots, Ana receives the same bytes.
    assert_eq!(wire("Ana", &ben_dots(0)), wire("Ana", &ben_dots(1)));
    let state = json("Ana", &ben_dots(1));
    let dots = &state["phase"];
    assert_eq!(dots["kind"], "dots");
    assert_eq!(dots["shown"], false);
    assert_eq!(dots["left"], 2);
    let list = dots["improvements"].as_array().unwrap();
    assert_eq!(list[0]["text"], "Automate the deploy", "in the order noted");
    assert_eq!(list[0]["yours"], 1);
    assert!(
        list.iter()
            .all(|i| i.get("dots").is_none() && i.get("rank").is_none())
    );
    assert_eq!(dots["people"][1]["placed"], 3, "how many, not where");
    // Ben sees his own.
    assert_eq!(
        json("Ben", &ben_dots(1))["phase"]["improvements"][1]["yours"],
        3
    );

    let mut c = ben_dots(1);
    c.dot_voting.revealed = true;
    let state = json("Ana", &c);
    let list = state["phase"]["improvements"].as_array().unwrap();
    assert_eq!(list[0]["text"], "Fix the flaky tests", "ranked once shown");
    assert_eq!(list[0]["dots"], 3);
    assert_eq!(list[0]["rank"], 1);
    assert_eq!(list[0]["top"], true);
    assert_eq!(list[1]["dots"], 1);
}
