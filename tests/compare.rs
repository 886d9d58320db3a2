//! `checkpoint compare A B` as a user runs it, on two checkpoints of one squad three months apart.

use std::process::Output;

#[path = "harness/cli.rs"]
mod cli;

const BEFORE: &str = "tests/fixtures/history/team-kilo-2026-08-20.toml";
const AFTER: &str = "tests/fixtures/history/team-kilo-2026-11-20.toml";

/// Runs the binary against an empty temporary checkpoint home, so no user file is read.
fn run(args: &[&str]) -> Output {
    cli::Env::new().run(args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn compare_prints_every_measure_before_and_after_as_markdown() {
    let out = run(&["compare", BEFORE, AFTER]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "same squad: no note");
    let expected = "\
## Team Kilo: 2026-08-20 → 2026-11-20

| | 2026-08-20 | 2026-11-20 | Change |
|---|---:|---:|---|
| DORA score | 3.75 | 4.58 | ↑ +0.83 |
| DevOps maturity | Medium | High | ↑ up |
| Performing better than | 30% | 62% | ↑ +32 pts |
| Baseline: Technical tooling | 1.5 | 2.3 | ↑ +0.8 |
| Baseline: Communications | 3.0 | 2.5 | ↓ −0.5 |
| Baseline: Culture | 2.0 | 2.0 | = same |
| Phase 1: Deploy once a week | 9% | 24% | ↑ +15 pts |
| Phase 2: Deploy once a day | – | – | – |
| Phase 3: Deploy one hundred times a day | – | – | – |
";
    assert_eq!(text(&out.stdout), expected);
}

#[test]
fn compare_keeps_the_order_given_even_backwards_in_time() {
    let out = run(&["compare", AFTER, BEFORE]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("## Team Kilo: 2026-11-20 → 2026-08-20\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("| DORA score | 4.58 | 3.75 | ↓ −0.83 |"),
        "{stdout}"
    );
    assert!(
        stdout.contains("| DevOps maturity | High | Medium | ↓ down |"),
        "{stdout}"
    );
}

#[test]
fn comparing_two_squads_works_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let lima = dir.path().join("team-lima-2026-11-20.toml");
    let text_after = std::fs::read_to_string(AFTER).unwrap();
    std::fs::write(
        &lima,
        text_after.replace("squad = \"Team Kilo\"", "squad = \"Team Lima\""),
    )
    .unwrap();
    let out = run(&["compare", BEFORE, lima.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr).lines().next(),
        Some("note: comparing two squads: Team Kilo and Team Lima")
    );
    assert!(
        text(&out.stdout).starts_with("## Team Kilo 2026-08-20 → Team Lima 2026-11-20\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_missing_checkpoint_is_a_clear_error() {
    let missing = "tests/fixtures/history/team-kilo-2027-02-20.toml";
    let out = run(&["compare", BEFORE, missing]);
    assert!(!out.status.success());
    assert_eq!(text(&out.stdout), "", "nothing is printed on failure");
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("error: no checkpoint named `{missing}`")),
        "{stderr}"
    );
}

#[test]
fn compare_needs_two_checkpoints() {
    let out = run(&["compare", BEFORE]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("<B>"), "{}", text(&out.stderr));
}

#[test]
fn the_summary_shows_the_change_since_the_last_checkpoint_and_lists_past_ones() {
    let dir = tempfile::tempdir().unwrap();
    for f in [BEFORE, AFTER] {
        let to = dir
            .path()
            .join(std::path::Path::new(f).file_name().unwrap());
        std::fs::copy(f, to).unwrap();
    }
    let later = dir.path().join("team-kilo-2026-11-20.toml");
    let out = run(&["export", later.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(
        md.contains("## Since the last checkpoint (2026-08-20)\n"),
        "{md}"
    );
    assert!(
        md.contains("| DevOps maturity | Medium | High | ↑ up |"),
        "{md}"
    );
    assert!(
        md.contains("| Baseline: Culture | 2.0 | 2.0 | = same |"),
        "{md}"
    );
    assert!(
        md.contains(
            "## Past DevOps checkpoints\n\n\
             - Team Kilo | 2026-08 | DevOps Checkpoint (2026-08-20): Medium, DORA score 3.75\n"
        ),
        "{md}"
    );
    // The first checkpoint has no past.
    let earlier = dir.path().join("team-kilo-2026-08-20.toml");
    let md = text(&run(&["export", earlier.to_str().unwrap()]).stdout);
    assert!(
        !md.contains("Since the last") && !md.contains("Past DevOps"),
        "{md}"
    );
    let json = text(&run(&["export", later.to_str().unwrap(), "--format", "json"]).stdout);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["since"]["before"]["date"], "2026-08-20");
    assert_eq!(json["past"][0]["level"], "Medium");
}

#[test]
fn votes_not_revealed_yet_are_left_out_of_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    // Dee, written into the file by hand, has not voted: what nobody revealed stays hidden.
    let edited = std::fs::read_to_string(AFTER).unwrap().replace(
        "participants = [\"Ana\", \"Ben\", \"Cy\"]",
        "participants = [\"Ana\", \"Ben\", \"Cy\", \"Dee\"]",
    );
    let after = dir.path().join("team-kilo-2026-11-20.toml");
    std::fs::write(&after, edited).unwrap();
    let out = run(&["compare", BEFORE, after.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("| DevOps maturity | Medium | – |"),
        "{stdout}"
    );
}
