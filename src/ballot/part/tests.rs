//! Tests of part ballots: a part's questions alone, and the capabilities a level recommends or a
//! squad chooses.

use super::*;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn ids(text: &str) -> Vec<&str> {
    let votes = text.split("\nvotes:\n").nth(1).unwrap_or("");
    let votes = votes.split("\nnotes:\n").next().unwrap_or("");
    votes
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.strip_suffix(':'))
        .filter(|l| !l.starts_with('#'))
        .collect()
}

#[test]
fn a_part_ballot_asks_only_that_part() {
    let catalog = catalog();
    let request = Request {
        part: Some("dora"),
        ..Request::default()
    };
    let text = blank(&catalog, &select(&catalog, &request).unwrap());
    assert_eq!(
        ids(&text),
        [
            "dora.lead-time",
            "dora.deploy-frequency",
            "dora.time-to-restore",
            "dora.change-failure-rate"
        ]
    );
    assert!(text.contains("best guess rather than n/a"), "{text}");
}

#[test]
fn the_capabilities_ballot_follows_the_level_and_takes_capabilities_chosen_on_purpose() {
    let catalog = catalog();
    let chosen = ["continuous-delivery".to_string(), "wip-limits".to_string()];
    let request = Request {
        level: Some("High"),
        capabilities: &chosen,
        ..Request::default()
    };
    let Selection::Capabilities {
        recommended,
        chosen,
        ..
    } = select(&catalog, &request).unwrap()
    else {
        panic!("not a capabilities ballot");
    };
    let names = |caps: &[&Capability]| caps.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&recommended),
        [
            "capabilities.learning-culture",
            "capabilities.wip-limits",
            "capabilities.trunk-based-development"
        ]
    );
    // WIP limits is one of the three already.
    assert_eq!(names(&chosen), ["capabilities.continuous-delivery"]);
    assert_eq!(
        select(
            &catalog,
            &Request {
                part: Some("capabilities"),
                ..Request::default()
            }
        )
        .unwrap_err(),
        PartError::NoLevel
    );
    assert!(matches!(
        select(
            &catalog,
            &Request {
                part: Some("dora"),
                level: Some("high"),
                ..Request::default()
            }
        ),
        Err(PartError::NotCapabilities { .. })
    ));
}
