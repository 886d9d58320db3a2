//! Tests of the plan as shown: the flow line, the kits that fit an improvement, suggestions, and
//! the ranked plan.

use super::*;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn stage(name: &str, automated: bool, fails: bool) -> Stage {
    Stage {
        name: name.into(),
        automated,
        fails,
    }
}

#[test]
fn the_flow_reads_as_one_line() {
    let flow = [
        stage("Write code", false, false),
        stage("CI", true, false),
        stage("Deploy", false, true),
    ];
    assert_eq!(
        flow_line(&flow),
        "Write code (manual) → CI (automated) → Deploy (manual, deployments fail)"
    );
    assert_eq!(flow_line(&[]), "");
}

#[test]
fn the_deployment_kit_is_offered_for_deployment_improvements_only() {
    let catalog = catalog();
    let kit = |text: &str, concerns: Option<Concern>| {
        kit_for(&catalog, &Improvement::new(text, concerns)).map(|k| k.id.as_str())
    };
    assert_eq!(
        kit("Automate the deploy to prod", None),
        Some("kits.deployment-automation")
    );
    assert_eq!(
        kit(
            "Go faster",
            Some(Concern::Capability(
                "capabilities.continuous-delivery".into()
            ))
        ),
        Some("kits.deployment-automation")
    );
    assert_eq!(
        kit("Go faster", Some(Concern::Stage("Release".into()))),
        Some("kits.deployment-automation")
    );
    assert_eq!(kit("Pair more often", None), None);
    assert_eq!(
        kit(
            "Pair more",
            Some(Concern::Capability("capabilities.westrum-culture".into()))
        ),
        None
    );
}

#[test]
fn suggestions_start_from_the_next_milestones_and_the_flow() {
    let catalog = catalog();
    let mut c = Checkpoint::new("S", jiff::civil::date(2026, 11, 22));
    c.add_participant("Ana").unwrap();
    c.add_stage(0, "Write code", false);
    c.add_stage(1, "CI", true);
    c.add_stage(2, "Deploy", true);
    c.flow[2].fails = true;
    let s = suggestions(&catalog, &c);
    let milestones = s.iter().filter(|s| s.why == "next milestone").count();
    assert_eq!(milestones, 5);
    let stages: Vec<&str> = s
        .iter()
        .filter(|s| matches!(s.concerns, Concern::Stage(_)))
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        stages,
        ["Automate Write code", "Stop deployments failing at Deploy"]
    );
    // Once added, a suggestion is not offered again.
    let first = s[0].clone();
    c.add_improvement(&first.text, Some(first.concerns.clone()));
    assert!(!suggestions(&catalog, &c).contains(&first));
}

#[test]
fn the_plan_ranks_improvements_and_hangs_actions_under_them() {
    let catalog = catalog();
    let mut c = Checkpoint::new("S", jiff::civil::date(2026, 11, 22));
    c.add_participant("Ana").unwrap();
    c.add_participant("Ben").unwrap();
    c.add_improvement("first added", None);
    c.add_improvement("most dots", Some(Concern::Stage("CI".into())));
    for who in ["Ana", "Ben"] {
        c.add_dot(1, who).unwrap();
        c.add_dot(1, who).unwrap();
        c.add_dot(0, who).unwrap();
    }
    c.actions.push(Action {
        text: "do it".into(),
        owner: "Ana".into(),
        due: Some(jiff::civil::date(2027, 1, 1)),
        improvement: Some(1),
    });
    let plan = Plan::new(&catalog, &c);
    let ranked: Vec<(&str, u32, bool)> = plan
        .improvements
        .iter()
        .map(|i| (i.text, i.dots, i.top))
        .collect();
    assert_eq!(ranked, [("most dots", 4, true), ("first added", 2, true)]);
    assert_eq!(plan.improvements[0].voters, [("Ana", 2), ("Ben", 2)]);
    assert_eq!(plan.improvements[0].concerns.as_deref(), Some("Stage: CI"));
    assert_eq!(
        plan.improvements[0].actions[0].due.as_deref(),
        Some("2027-01-01")
    );
    // Hidden dots: the order added, nothing on top.
    c.remove_dot(0, "Ben");
    let (shown, _) = c.revealed_only();
    let plan = Plan::new(&catalog, &shown);
    assert!(!plan.dots_shown);
    let ranked: Vec<(&str, bool)> = plan.improvements.iter().map(|i| (i.text, i.top)).collect();
    assert_eq!(ranked, [("first added", false), ("most dots", false)]);
}

#[test]
fn last_checkpoint_s_actions_carry_plain_dates() {
    let catalog = catalog();
    let mut c = Checkpoint::new("S", jiff::civil::date(2026, 11, 22));
    c.previous_actions.push(FollowUp {
        text: "Write the runbook".into(),
        owner: "Ben".into(),
        due: Some(jiff::civil::date(2026, 9, 30)),
        from: jiff::civil::date(2026, 8, 20),
        done: true,
    });
    let json = serde_json::to_value(Plan::new(&catalog, &c)).unwrap();
    let f = &json["previous_actions"][0];
    assert_eq!(f["from"], "2026-08-20");
    assert_eq!(f["due"], "2026-09-30");
    assert_eq!(f["done"], true);
}
