//! Tests of the plan in a checkpoint: dot-voting and its ranking, improvements and their
//! actions, the delivery flow's stages, and the round trip through TOML.

use super::*;

fn squad() -> Checkpoint {
    let mut c = Checkpoint::new("Squad", jiff::civil::date(2026, 11, 22));
    for p in ["Ana", "Ben"] {
        c.add_participant(p).unwrap();
    }
    for text in ["deploy by hand", "flaky tests", "slow reviews", "no alerts"] {
        c.add_improvement(text, None);
    }
    c
}

/// The indices of the top improvements, in ranking order.
fn top(c: &Checkpoint) -> Vec<usize> {
    c.ranking()
        .iter()
        .filter(|r| r.is_top())
        .map(|r| r.index)
        .collect()
}

fn dots(c: &mut Checkpoint, who: &str, on: &[usize]) {
    for i in on {
        c.add_dot(*i, who).unwrap();
    }
}

#[test]
fn ties_share_a_rank_keep_their_order_and_the_next_rank_skips() {
    let mut c = squad();
    dots(&mut c, "Ana", &[1, 1, 2]);
    dots(&mut c, "Ben", &[2, 3, 1]);
    // dots: 0 → 0, 1 → 3, 2 → 2, 3 → 1
    let r = c.ranking();
    let got: Vec<(usize, u32, usize)> = r.iter().map(|r| (r.index, r.dots, r.rank)).collect();
    assert_eq!(got, [(1, 3, 1), (2, 2, 2), (3, 1, 3), (0, 0, 4)]);

    let mut c = squad();
    dots(&mut c, "Ana", &[3, 3, 0]);
    dots(&mut c, "Ben", &[0, 2, 2]);
    // dots: 0 → 2, 1 → 0, 2 → 2, 3 → 2: a three-way tie for first, in the order added.
    let got: Vec<(usize, usize)> = c.ranking().iter().map(|r| (r.index, r.rank)).collect();
    assert_eq!(got, [(0, 1), (2, 1), (3, 1), (1, 4)]);
    assert_eq!(top(&c), [0, 2, 3]);
}

#[test]
fn a_tie_at_third_place_brings_more_than_three_into_the_top() {
    let mut c = squad();
    c.add_improvement("fifth", None);
    dots(&mut c, "Ana", &[0, 0, 1]);
    dots(&mut c, "Ben", &[2, 3, 4]);
    assert_eq!(top(&c), [0, 1, 2, 3, 4]);
    // Without a dot nothing is top, whatever its rank.
    assert!(top(&squad()).is_empty());
}

#[test]
fn each_participant_places_at_most_their_dots_several_on_one() {
    let mut c = squad();
    dots(&mut c, "Ana", &[0, 0, 0]);
    assert_eq!(c.dots_left("Ana"), 0);
    assert_eq!(
        c.add_dot(1, "Ana"),
        Err(DotError::NoneLeft {
            participant: "Ana".into(),
            per_person: 3
        })
    );
    assert_eq!(c.improvements[0].dots["Ana"], 3);
    assert!(c.remove_dot(0, "Ana"));
    assert_eq!(c.dots_left("Ana"), 1);
    assert!(!c.remove_dot(1, "Ana"), "no dot of Ana's there");
    c.add_dot(1, "Ana").unwrap();
    assert_eq!(c.improvements[1].total_dots(), 1);
}

#[test]
fn the_number_of_dots_is_configurable_but_not_below_what_was_placed() {
    let mut c = squad();
    dots(&mut c, "Ana", &[0, 1]);
    assert_eq!(c.set_dots_per_person(0), Err(DotError::Zero));
    assert_eq!(
        c.set_dots_per_person(1),
        Err(DotError::AlreadyPlaced {
            participant: "Ana".into(),
            placed: 2
        })
    );
    c.set_dots_per_person(5).unwrap();
    assert_eq!(c.dots_left("Ana"), 3);
    assert_eq!(c.dots_left("Ben"), 5);
    c.set_dots_per_person(2).unwrap();
    assert_eq!(c.dots_left("Ana"), 0);
}

#[test]
fn dots_stay_hidden_until_revealed_or_all_placed() {
    let mut c = squad();
    dots(&mut c, "Ana", &[0, 1, 2]);
    assert!(!c.dots_shown());
    let (shown, _) = c.revealed_only();
    assert!(shown.improvements.iter().all(|i| i.dots.is_empty()));
    c.dot_voting.revealed = true;
    assert!(c.dots_shown());
    c.dot_voting.revealed = false;
    dots(&mut c, "Ben", &[0, 0, 3]);
    assert!(c.dots_shown(), "everyone placed every dot");
    let (shown, _) = c.revealed_only();
    assert_eq!(shown.improvements[0].total_dots(), 3);
}

#[test]
fn removing_an_improvement_unties_its_actions_and_renumbers_the_rest() {
    let mut c = squad();
    for (text, improvement) in [("a", Some(0)), ("b", Some(1)), ("c", Some(2)), ("d", None)] {
        c.actions.push(Action {
            text: text.into(),
            owner: String::new(),
            due: None,
            improvement,
        });
    }
    c.remove_improvement(1);
    let links: Vec<Option<usize>> = c.actions.iter().map(|a| a.improvement).collect();
    assert_eq!(links, [Some(0), None, Some(1), None]);
    assert_eq!(c.improvements[1].text, "slow reviews");
}

#[test]
fn stages_are_added_moved_renamed_and_removed_and_concerns_follow() {
    let mut c = squad();
    c.add_stage(0, "Write code", false);
    c.add_stage(9, "CI", true);
    c.add_stage(1, "Pull request", false);
    let names = |c: &Checkpoint| c.flow.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&c), ["Write code", "Pull request", "CI"]);
    c.improvements[0].concerns = Some(Concern::Stage("CI".into()));
    assert_eq!(c.move_stage(2, -1), 1);
    assert_eq!(c.move_stage(0, -1), 0, "the first stays first");
    assert_eq!(c.move_stage(2, 1), 2, "the last stays last");
    assert_eq!(names(&c), ["Write code", "CI", "Pull request"]);
    c.rename_stage(1, "Build");
    assert_eq!(
        c.improvements[0].concerns,
        Some(Concern::Stage("Build".into()))
    );
    assert_eq!(c.improvements_at("Build"), 1);
    c.remove_stage(1);
    assert_eq!(c.improvements[0].concerns, None);
    assert_eq!(c.improvements[0].text, "deploy by hand");
}

#[test]
fn the_plan_round_trips_through_toml() {
    let mut c = squad();
    c.add_stage(0, "Deploy", false);
    c.flow[0].fails = true;
    c.improvements[0].concerns = Some(Concern::Stage("Deploy".into()));
    c.improvements[1].concerns = Some(Concern::Capability("capabilities.x".into()));
    dots(&mut c, "Ana", &[0, 1]);
    c.set_dots_per_person(4).unwrap();
    c.actions.push(Action {
        text: "Automate".into(),
        owner: "Ben".into(),
        due: Some(jiff::civil::date(2027, 1, 31)),
        improvement: Some(0),
    });
    let text = toml::to_string(&c).unwrap();
    assert!(text.contains("due = 2027-01-31\n"), "{text}");
    assert!(
        text.contains("[improvements.concerns]\nstage = \"Deploy\"\n"),
        "{text}"
    );
    let back: Checkpoint = toml::from_str(&text).unwrap();
    assert_eq!(back, c);
}
