//! Tests of the store: saving and loading, file names, and refusing what is not a checkpoint.

use super::*;
use crate::checkpoint::{Mode, Vote};

fn sample() -> Checkpoint {
    let mut c = Checkpoint::new("Partner Tooling", jiff::civil::date(2023, 1, 17));
    c.participants = vec!["Ana".into(), "Ben".into()];
    c.vote("dora.lead-time", "Ana", Vote::Value(5));
    c.vote("dora.lead-time", "Ben", Vote::NotApplicable);
    c.answers.get_mut("dora.lead-time").unwrap().agreed = Some(Vote::Value(5));
    c.answers.get_mut("dora.lead-time").unwrap().note = "pipeline is slow\n| odd".into();
    c.mode = Mode::Solo;
    c
}

#[test]
fn saves_and_loads_the_same_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.toml");
    save(&path, &sample()).unwrap();
    assert_eq!(load(&path).unwrap(), sample());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn new_names_never_replace_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let a = store.save_new(&sample()).unwrap();
    let b = store.save_new(&sample()).unwrap();
    assert_eq!(a.file_name().unwrap(), "partner-tooling-2023-01-17.toml");
    assert_eq!(b.file_name().unwrap(), "partner-tooling-2023-01-17-2.toml");
    assert_eq!(store.resolve("partner-tooling-2023-01-17-2").unwrap(), b);
    assert_eq!(store.resolve(b.to_str().unwrap()).unwrap(), b);
    assert!(matches!(
        store.resolve("nope"),
        Err(CheckpointError::NotFound { .. })
    ));
}

#[test]
fn a_future_format_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.toml");
    let text = "format = 2\nsquad = \"X\"\ndate = 2030-01-01\nhologram = true\n";
    std::fs::write(&path, text).unwrap();
    let err = load(&path).unwrap_err();
    assert!(
        matches!(err, CheckpointError::FutureFormat { found: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("format 2"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_corrupt_file_reports_line_and_column() {
    let err = parse(
        Path::new("c.toml"),
        "format = 1\nsquad = \"X\ndate = 2030-01-01\n",
    )
    .unwrap_err();
    let CheckpointError::Syntax { line, column, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(*line, Some(2));
    assert!(column.is_some());
    assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
}

#[test]
fn dates_are_native_toml_and_quoted_ones_load_too() {
    let text = toml::to_string_pretty(&sample()).unwrap();
    assert!(text.contains("\ndate = 2023-01-17\n"), "{text}");
    let quoted = text.replace("date = 2023-01-17", "date = \"2023-01-17\"");
    assert_eq!(parse(Path::new("c.toml"), &quoted).unwrap(), sample());
    let err = parse(
        Path::new("c.toml"),
        &text.replace("2023-01-17", "2023-02-30"),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("c.toml:"), "{err}");
}

#[test]
fn a_file_without_format_is_not_a_checkpoint() {
    let err = parse(Path::new("c.toml"), "squad = \"X\"\n").unwrap_err();
    assert!(
        err.to_string().contains("does not look like a checkpoint"),
        "{err}"
    );
}

#[test]
fn slugs_are_file_safe() {
    assert_eq!(slug("Partner Tooling"), "partner-tooling");
    assert_eq!(slug("  A/B | C's <team>  "), "a-b-c-s-team");
    assert_eq!(slug("!!!"), "checkpoint");
    assert_eq!(slug("Équipe Ünïcode"), "équipe-ünïcode");
    let long = slug(&"𝒜".repeat(70));
    assert!(long.len() <= 80 && !long.is_empty(), "{}", long.len());
}

#[test]
fn a_store_name_says_its_squad_and_date() {
    let date = jiff::civil::date(2026, 11, 20);
    assert_eq!(
        stem_parts("team-kilo-2026-11-20"),
        Some(("team-kilo", date))
    );
    assert_eq!(
        stem_parts("team-kilo-2026-11-20-2"),
        Some(("team-kilo", date))
    );
    assert_eq!(stem_parts("team-2026-11-20-12"), Some(("team", date)));
    assert_eq!(stem_parts("q3-workshop"), None);
    assert_eq!(stem_parts("2026-11-20"), None, "no squad part");
    assert_eq!(stem_parts("team-2026-13-20"), None);
}

#[test]
fn a_squad_s_files_are_its_slug_then_a_date() {
    assert!(named_for("team-2026-11-20", "team"));
    assert!(named_for("team-2026-11-20-2", "team"));
    // Another squad whose slug starts with this one's: no date after `team-`.
    assert!(!named_for("team-kilo-2026-11-20", "team"));
    assert!(named_for("team-kilo-2026-11-20", "team-kilo"));
    assert!(!named_for("team-2026-13-01", "team"), "no such date");
    assert!(!named_for("team-2026-1-1", "team"));
    assert!(!named_for("teams-2026-11-20", "team"));
    assert!(!named_for("team", "team"));
    assert!(!named_for("kilo-old", "kilo"));
    assert!(
        !named_for("équipe-2026-é", "équipe"),
        "not cut inside a character"
    );
    let c = sample();
    let stem = format!("{}-{}", slug(&c.squad), c.date);
    assert!(named_for(&stem, &slug(&c.squad)), "what save_new writes");
}
