//! The checklist format's rules, one fixture per error in `tests/fixtures/invalid/`, each file
//! naming the message it must produce in `# expect:` lines at its top.

use std::path::Path;

use checkpoint::checklist::{self, Catalog, Source};

fn with_builtin(extra: Vec<Source>) -> Result<Catalog, Vec<String>> {
    let mut sources = Source::builtin();
    sources.extend(extra);
    checklist::from_sources(sources).map_err(|e| e.iter().map(ToString::to_string).collect())
}

#[test]
fn every_invalid_fixture_gives_exactly_its_expected_errors() {
    let sources = Source::from_dir(Path::new("tests/fixtures/invalid"), 1).unwrap();
    assert!(sources.len() >= 15, "fixtures are missing");
    let mut mismatches = Vec::new();
    for source in sources {
        let expected: Vec<String> = source
            .text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .map(str::to_string)
            .collect();
        assert!(
            !expected.is_empty(),
            "{} has no `# expect:` line",
            source.name
        );
        let name = source.name.clone();
        let errors = with_builtin(vec![source]).expect_err(&name);
        if errors != expected {
            mismatches.push(format!(
                "{name}\n  got:      {errors:?}\n  expected: {expected:?}"
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn the_built_in_checklists_hold_the_seeds_content() {
    let catalog = Catalog::builtin().unwrap();
    let ids: Vec<&str> = catalog
        .dora()
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "dora.lead-time",
            "dora.deploy-frequency",
            "dora.time-to-restore",
            "dora.change-failure-rate"
        ]
    );
    for q in &catalog.dora().questions {
        assert_eq!(q.options.len(), 6, "{}", q.id);
        assert!(!q.tips.is_empty(), "{} has facilitator tips", q.id);
    }
    let sections: Vec<(&str, usize)> = catalog
        .sections()
        .map(|s| (s.id.as_str(), s.items.len()))
        .collect();
    assert_eq!(
        sections,
        [
            ("baseline.tooling", 9),
            ("baseline.communications", 8),
            ("baseline.culture", 4)
        ]
    );
    let board = catalog.board().unwrap();
    let columns: Vec<&str> = board.columns.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        columns,
        [
            "measurements",
            "development-practices",
            "communications",
            "culture"
        ]
    );
    // Every milestone of seed 000, per phase and column (phase 1's tooling row included).
    let counts: Vec<Vec<usize>> = board
        .phases
        .iter()
        .map(|p| {
            p.columns
                .iter()
                .map(|c| c.milestones.len() + c.tooling.len())
                .collect()
        })
        .collect();
    assert_eq!(
        counts,
        [vec![6, 16, 12, 11], vec![9, 16, 13, 10], vec![6, 10, 5, 6]]
    );
    for phase in &board.phases {
        assert!(
            !phase.keys_to_success.is_empty(),
            "{} has keys to success",
            phase.id
        );
    }
    let capabilities: Vec<(&str, &str, usize)> = catalog
        .capabilities()
        .map(|c| (c.id.as_str(), c.level.as_str(), c.statements.len()))
        .collect();
    assert_eq!(capabilities.len(), 12);
    assert!(capabilities.contains(&("capabilities.westrum-culture", "elite", 7)));
    assert!(capabilities.contains(&("capabilities.monitoring-observability", "elite", 6)));
    assert!(capabilities.contains(&("capabilities.small-batches", "elite", 3)));
    for (id, _, statements) in &capabilities {
        assert!(
            (3..=12).contains(statements),
            "{id} has {statements} statements"
        );
    }
    let kit = catalog
        .kits()
        .find(|k| k.id == "kits.deployment-automation")
        .unwrap();
    assert!(!kit.steps.is_empty() && !kit.definition_of_done.is_empty() && !kit.metrics.is_empty());
}

#[test]
fn a_users_set_is_added_and_a_set_with_a_built_in_id_replaces_it() {
    let extra = Source::from_dir(Path::new("tests/fixtures/valid"), 1).unwrap();
    let catalog = with_builtin(extra).unwrap();
    assert_eq!(catalog.sections().count(), 4);
    assert!(catalog.question("security.practices.secrets").is_some());

    let replacement = Source {
        name: "mine/baseline.yaml".into(),
        layer: 1,
        text: "kind: baseline\nid: baseline\ntitle: Ours\nsections:\n  - id: baseline.only\n    \
               title: Only\n    items:\n      - id: baseline.only.one\n        text: One?\n"
            .into(),
    };
    let catalog = with_builtin(vec![replacement]).unwrap();
    let sections: Vec<&str> = catalog.sections().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["baseline.only"]);
    assert!(
        catalog
            .question("baseline.tooling.source-control")
            .is_none()
    );
}

#[test]
fn every_error_of_a_file_is_reported_not_just_the_first() {
    let text = "kind: baseline\nid: extra\ntitle: X\nsections:\n  - id: extra.a\n    title: A\n    \
                items:\n      - id: extra.a.B\n        text: x\n      - id: extra.a.c\n        \
                kind: rating\n        text: y\n";
    let errors = with_builtin(vec![Source {
        name: "x.yaml".into(),
        text: text.into(),
        layer: 1,
    }])
    .unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn the_built_in_timeboxes_make_the_two_hour_workshop() {
    let catalog = checkpoint::checklist::Catalog::builtin().unwrap();
    let parts = checkpoint::agenda::parts(&catalog);
    let planned = checkpoint::agenda::planned_minutes(parts.iter().map(|p| p.timebox));
    assert_eq!(planned, checkpoint::agenda::WORKSHOP_MINUTES);
}
