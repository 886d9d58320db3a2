use super::*;
use crate::checklist::{Source, from_sources};
use crate::checkpoint::Vote;

const PHASES: &str = "
kind: phases
id: phases
title: Phases
columns:
  - {id: m, title: M}
  - {id: d, title: D}
phases:
  - id: phases.one
    title: One
    columns:
      - column: m
        milestones:
          - {id: phases.one.m.a, text: A}
          - {id: phases.one.m.b, text: B}
      - column: d
        milestones:
          - {id: phases.one.d.c, text: C}
          - {id: phases.one.d.e, text: E}
  - id: phases.two
    title: Two
    columns:
      - column: m
        milestones:
          - {id: phases.two.m.f, text: F}
          - {id: phases.two.m.g, text: G}
          - {id: phases.two.m.h, text: H}
";

const BASELINE: &str = "
kind: baseline
id: baseline
title: Baseline
sections:
  - id: baseline.s
    title: S
    items:
      - {id: baseline.s.x, text: X}
      - {id: baseline.s.y, text: Y}
      - {id: baseline.s.z, text: Z}
";

fn catalog() -> Catalog {
    let mut sources = Source::builtin();
    for (name, text) in [("phases.yaml", PHASES), ("baseline.yaml", BASELINE)] {
        sources.push(Source {
            name: name.into(),
            text: text.into(),
            layer: 1,
        });
    }
    from_sources(sources).unwrap()
}

fn checkpoint(votes: &[(&str, &str, Vote)]) -> Checkpoint {
    let mut c = Checkpoint::new("S", jiff::civil::date(2026, 1, 1));
    c.participants = vec!["a".into(), "b".into()];
    for (q, p, v) in votes {
        c.vote(q, p, *v);
    }
    c
}

use Vote::{NotApplicable as NA, Value as V};

#[test]
fn phase_progress_counts_unvoted_as_not_yet_and_finds_the_phase_worked_on() {
    let cat = catalog();
    let c = checkpoint(&[
        ("phases.one.m.a", "a", V(2)),
        ("phases.one.m.b", "a", V(2)),
        ("phases.one.d.c", "a", V(2)),
        ("phases.one.d.e", "a", V(1)),
    ]);
    let phases = Assessment::new(&cat, &c).phases.unwrap();
    let one = &phases.phases[0];
    assert_eq!(one.progress, Some(0.875));
    assert!(one.reached, "87.5% is at least 80%");
    assert_eq!(one.columns[0].progress, Some(1.0));
    assert_eq!(one.columns[1].progress, Some(0.75));
    let two = &phases.phases[1];
    assert_eq!(two.progress, Some(0.0));
    assert_eq!(
        two.columns[1].progress, None,
        "an empty cell has no progress"
    );
    assert_eq!(phases.working_on, Some(1));
    let next: Vec<&str> = phases.next.iter().map(|m| m.id).collect();
    assert_eq!(next, ["phases.two.m.f", "phases.two.m.g", "phases.two.m.h"]);
}

#[test]
fn below_80_percent_a_phase_is_not_reached_and_next_milestones_are_the_lowest() {
    let cat = catalog();
    let c = checkpoint(&[
        ("phases.one.m.a", "a", V(2)),
        ("phases.one.m.b", "a", V(1)),
        ("phases.one.d.c", "a", V(2)),
        ("phases.one.d.e", "a", NA),
    ]);
    let phases = Assessment::new(&cat, &c).phases.unwrap();
    // n/a is left out: (1 + 0.5 + 1) / 3
    assert!((phases.phases[0].progress.unwrap() - 2.5 / 3.0).abs() < 1e-12);
    assert!(phases.phases[0].reached);
    let c = checkpoint(&[("phases.one.m.a", "a", V(2)), ("phases.one.m.b", "a", V(1))]);
    let phases = Assessment::new(&cat, &c).phases.unwrap();
    assert_eq!(phases.working_on, Some(0));
    let next: Vec<&str> = phases.next.iter().map(|m| m.id).collect();
    // Unvoted (0) before partly done (1); done milestones are not suggested.
    assert_eq!(next, ["phases.one.d.c", "phases.one.d.e", "phases.one.m.b"]);
}

#[test]
fn baseline_section_score_leaves_out_items_without_votes_and_honours_agreed_values() {
    let cat = catalog();
    let mut c = checkpoint(&[
        ("baseline.s.x", "a", V(3)),
        ("baseline.s.x", "b", V(1)),
        ("baseline.s.y", "a", V(0)),
        ("baseline.s.z", "a", NA),
    ]);
    {
        let section = &Assessment::new(&cat, &c).baseline[0];
        assert_eq!(section.score, Some(1.0), "(2 + 0) / 2; z is n/a");
        assert!(section.items[0].stats.discuss);
    }
    c.answers.get_mut("baseline.s.x").unwrap().agreed = Some(V(2));
    let a = Assessment::new(&cat, &c);
    assert_eq!(a.baseline[0].score, Some(1.0));
    assert_eq!(a.baseline[0].items[0].value_label, Some("Intermediate"));
    assert_eq!(a.discussion.len(), 1, "still flagged: the votes disagreed");
}

#[test]
fn the_level_needs_every_dora_answer_and_brings_its_capabilities() {
    let cat = catalog();
    let partial = checkpoint(&[
        ("dora.lead-time", "a", V(2)),
        ("dora.deploy-frequency", "a", V(3)),
    ]);
    let a = Assessment::new(&cat, &partial);
    assert_eq!((a.dora.score, a.dora.answered), (Some(2.5), 2));
    assert_eq!(a.dora.level, None);
    assert_eq!(a.dora.percentile, None);
    assert!(a.capabilities.is_empty());

    let mut c = partial.clone();
    c.vote("dora.time-to-restore", "a", V(3));
    c.vote("dora.change-failure-rate", "a", V(2));
    c.vote("capabilities.continuous-testing.every-commit", "a", V(5));
    let a = Assessment::new(&cat, &c);
    assert_eq!(a.dora.level.as_ref().map(|l| l.id), Some("low"));
    let names: Vec<&str> = a.capabilities.iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "Continuous testing",
            "Cloud infrastructure",
            "Code maintainability"
        ]
    );
    assert_eq!(a.focus_first().map(|c| c.name), Some("Continuous testing"));
}
