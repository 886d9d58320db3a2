//! The history's tests: snapshots, comparisons, the markdown, the store and the trends.

use super::*;
use std::path::{Path, PathBuf};

use crate::checkpoint::Vote;

fn measure(id: &str, value: Option<f64>) -> Measure {
    Measure {
        id: id.into(),
        title: id.to_uppercase(),
        value,
    }
}

fn snapshot(date: &str, score: Option<f64>, level: Option<(&str, usize)>) -> Snapshot {
    Snapshot {
        name: format!("kilo-{date}"),
        squad: "Kilo".into(),
        date: date.parse().unwrap(),
        model: Default::default(),
        score,
        quick_check: None,
        level: level.map(|(name, _)| name.to_string()),
        level_rank: level.map(|(_, rank)| rank),
        percentile: None,
        sections: Vec::new(),
        phases: Vec::new(),
        page: None,
    }
}

fn row<'a>(c: &'a Comparison, label: &str) -> &'a Row {
    c.rows.iter().find(|r| r.label == label).unwrap()
}

fn shown(r: &Row) -> (&str, &str, Change, &str) {
    (&r.before, &r.after, r.change, &r.text)
}

#[test]
fn the_score_goes_up_down_or_stays_at_two_decimals() {
    let high = Some(("High", 2));
    let at = |b: f64, a: f64| {
        let c = compare(
            &snapshot("2026-01-01", Some(b), high),
            &snapshot("2026-04-01", Some(a), high),
        );
        row(&c, "DORA score").clone()
    };
    let up = at(3.5, 4.25);
    assert_eq!(shown(&up), ("3.50", "4.25", Change::Up, "↑ +0.75"));
    let down = at(4.25, 3.75);
    assert_eq!(shown(&down), ("4.25", "3.75", Change::Down, "↓ −0.50"));
    let same = at(4.0, 4.001);
    assert_eq!(shown(&same), ("4.00", "4.00", Change::Same, "= same"));
}

#[test]
fn a_partial_score_is_labelled_and_makes_no_trend() {
    let c = compare(
        &snapshot("2026-01-01", Some(4.5), Some(("High", 2))),
        &snapshot("2026-04-01", Some(3.25), None),
    );
    assert_eq!(
        shown(row(&c, "DORA score")),
        ("4.50", "3.25 (partial)", Change::Unknown, "partial")
    );
}

#[test]
fn levels_change_by_rank() {
    let low = Some(("Low", 0));
    let high = Some(("High", 2));
    let c = compare(
        &snapshot("2026-01-01", None, low),
        &snapshot("2026-04-01", None, high),
    );
    let r = row(&c, "DevOps maturity");
    assert_eq!(shown(r), ("Low", "High", Change::Up, "↑ up"));
    let c = compare(
        &snapshot("2026-01-01", None, high),
        &snapshot("2026-04-01", None, low),
    );
    assert_eq!(
        shown(row(&c, "DevOps maturity")),
        ("High", "Low", Change::Down, "↓ down")
    );
    let c = compare(
        &snapshot("2026-01-01", None, high),
        &snapshot("2026-04-01", None, high),
    );
    assert_eq!(row(&c, "DevOps maturity").change, Change::Same);
    let c = compare(
        &snapshot("2026-01-01", None, None),
        &snapshot("2026-04-01", None, high),
    );
    assert_eq!(
        shown(row(&c, "DevOps maturity")),
        ("–", "High", Change::New, "new")
    );
}

#[test]
fn sections_match_by_id_and_are_same_at_one_decimal() {
    let mut before = snapshot("2026-01-01", None, None);
    let mut after = snapshot("2026-04-01", None, None);
    before.sections = vec![
        measure("a", Some(2.04)),
        measure("b", Some(1.0)),
        measure("c", Some(3.0)),
        measure("gone", Some(1.0)),
        measure("none", None),
    ];
    after.sections = vec![
        measure("c", Some(2.5)),
        measure("new", Some(2.0)),
        measure("a", Some(2.02)),
        measure("b", Some(1.5)),
        measure("none", None),
    ];
    let c = compare(&before, &after);
    let sections: Vec<_> = c
        .rows
        .iter()
        .filter(|r| r.label.starts_with("Baseline: "))
        .map(|r| {
            (
                r.label.as_str(),
                r.before.as_str(),
                r.after.as_str(),
                r.change,
                r.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        [
            ("Baseline: C", "3.0", "2.5", Change::Down, "↓ −0.5"),
            ("Baseline: NEW", "–", "2.0", Change::New, "new"),
            ("Baseline: A", "2.0", "2.0", Change::Same, "= same"),
            ("Baseline: B", "1.0", "1.5", Change::Up, "↑ +0.5"),
            ("Baseline: NONE", "–", "–", Change::Unknown, "–"),
            ("Baseline: GONE", "1.0", "–", Change::Gone, "not rated"),
        ]
    );
}

#[test]
fn phases_change_in_whole_percentage_points() {
    let mut before = snapshot("2026-01-01", None, None);
    let mut after = snapshot("2026-04-01", None, None);
    before.phases = vec![measure("p1", Some(0.25)), measure("p2", Some(0.101))];
    after.phases = vec![measure("p1", Some(0.4)), measure("p2", Some(0.099))];
    let c = compare(&before, &after);
    assert_eq!(
        shown(row(&c, "Phase 1: P1")),
        ("25%", "40%", Change::Up, "↑ +15 pts")
    );
    assert_eq!(
        shown(row(&c, "Phase 2: P2")),
        ("10%", "10%", Change::Same, "= same")
    );
}

#[test]
fn missing_and_absurd_values_never_panic() {
    let c = compare(
        &snapshot("2026-01-01", Some(f64::NAN), None),
        &snapshot("2026-04-01", Some(f64::INFINITY), None),
    );
    assert_eq!(
        shown(row(&c, "DORA score")),
        ("–", "–", Change::Unknown, "–")
    );
    let c = compare(
        &snapshot("2026-01-01", Some(-1e300), Some(("Low", 0))),
        &snapshot("2026-04-01", Some(1e300), Some(("Elite", 3))),
    );
    assert_eq!(row(&c, "DORA score").change, Change::Up);
    let c = compare(
        &snapshot("2026-01-01", Some(3.0), None),
        &snapshot("2026-04-01", None, None),
    );
    assert_eq!(
        shown(row(&c, "DORA score")),
        ("3.00 (partial)", "–", Change::Gone, "not rated")
    );
}

#[test]
fn markdown_is_a_heading_and_an_escaped_table() {
    let mut before = snapshot("2026-01-01", Some(3.5), Some(("Low", 0)));
    let mut after = snapshot("2026-04-01", Some(4.5), Some(("High", 2)));
    before.squad = "Kilo | <b>".into();
    after.squad = " kilo | <B> ".into();
    after.sections = vec![measure("x_y", Some(1.0))];
    let md = markdown(&compare(&before, &after));
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines[0], "## Kilo \\| \\<b>: 2026-01-01 → 2026-04-01");
    assert_eq!(lines[2], "| | 2026-01-01 | 2026-04-01 | Change |");
    assert_eq!(lines[4], "| DORA score | 3.50 | 4.50 | ↑ +1.00 |");
    assert_eq!(lines[5], "| DevOps maturity | Low | High | ↑ up |");
    assert_eq!(lines[7], "| Baseline: X\\_Y | – | 1.0 | new |");
    // Two squads, one day: both names in the heading, the file names as columns.
    after.squad = "Lima".into();
    after.date = before.date;
    let md = markdown(&compare(&before, &after));
    assert!(
        md.starts_with("## Kilo \\| \\<b> 2026-01-01 → Lima 2026-01-01\n"),
        "{md}"
    );
    assert!(
        md.contains("| | kilo-2026-01-01 | kilo-2026-04-01 | Change |"),
        "{md}"
    );
}

#[test]
fn spark_maps_zero_to_max_onto_eight_blocks() {
    assert_eq!(spark(&[], 3.0), "");
    assert_eq!(spark(&[None, Some(f64::NAN)], 3.0), "··");
    assert_eq!(spark(&[Some(0.0), Some(1.5), Some(3.0)], 3.0), "▁▅█");
    assert_eq!(
        spark(
            &[
                Some(-2.0),
                Some(9.0),
                Some(f64::INFINITY),
                Some(f64::NEG_INFINITY)
            ],
            3.0
        ),
        "▁██▁"
    );
    let eighths: Vec<_> = (0..8).map(|i| Some(f64::from(i) / 7.0)).collect();
    assert_eq!(spark(&eighths, 1.0), "▁▂▃▄▅▆▇█");
    assert_eq!(spark(&[Some(1.0)], 0.0), "▁");
    assert_eq!(spark(&[Some(1.0)], f64::NAN), "▁");
}

fn catalog() -> Catalog {
    Catalog::builtin().unwrap()
}

fn checkpoint(squad: &str, date: &str, lead_time: u8) -> Checkpoint {
    let mut c = Checkpoint::new(squad, date.parse().unwrap());
    c.participants = vec!["Ana".into()];
    for q in [
        "dora.lead-time",
        "dora.deploy-frequency",
        "dora.time-to-restore",
        "dora.change-failure-rate",
    ] {
        c.vote(q, "Ana", Vote::Value(4));
    }
    c.vote("dora.lead-time", "Ana", Vote::Value(lead_time));
    c
}

fn save(dir: &Path, name: &str, c: &Checkpoint) -> PathBuf {
    let path = dir.join(format!("{name}.toml"));
    crate::checkpoint::save(&path, c).unwrap();
    path
}

#[test]
fn a_snapshot_keeps_the_scores() {
    let s = Snapshot::new(&catalog(), "kilo", &checkpoint(" Kilo ", "2026-01-01", 6));
    assert_eq!(s.squad, "Kilo");
    assert_eq!(s.score, Some(4.5));
    assert_eq!(s.level.as_deref(), Some("High"));
    assert_eq!(s.level_rank, Some(2));
    assert_eq!(s.percentile, Some(59));
    let sections: Vec<&str> = s.sections.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(sections, ["Technical tooling", "Communications", "Culture"]);
    assert!(s.sections.iter().all(|m| m.value.is_none()));
    assert_eq!(s.phases.len(), 3);
    assert!(
        s.phases.iter().all(|m| m.value.is_none()),
        "a phase nobody voted on is not rated, not 0%"
    );
    let json = serde_json::to_value(&s).unwrap();
    assert_eq!(json["date"], "2026-01-01");
}

#[test]
fn history_is_the_squads_earlier_checkpoints_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cat = catalog();
    save(d, "kilo-2026-03-01", &checkpoint("Kilo", "2026-03-01", 3));
    save(d, "kilo-2026-01-01", &checkpoint(" KILO ", "2026-01-01", 1));
    save(d, "kilo-2026-06-01-2", &checkpoint("kilo", "2026-06-01", 2));
    save(d, "lima-2026-02-01", &checkpoint("Lima", "2026-02-01", 5));
    save(d, "kilo-2026-09-01", &checkpoint("Kilo", "2026-09-01", 6));
    std::fs::write(d.join("broken.toml"), "format = 1\nsquad = \"Kilo\n").unwrap();
    std::fs::write(d.join("notes.txt"), "not a checkpoint").unwrap();
    let current = checkpoint("Kilo", "2026-06-01", 4);
    // Saved as the second of two on 2026-06-01: its namesake from that day is earlier.
    let own = save(d, "kilo-2026-06-01-3", &current);
    let history = History::load(d, &cat, &current, Some(&own));
    let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["kilo-2026-01-01", "kilo-2026-03-01", "kilo-2026-06-01-2"]
    );
    assert_eq!(history.past[0].score, Some(3.25));
    assert_eq!(
        history.last().map(|s| s.name.as_str()),
        Some("kilo-2026-06-01-2")
    );
    let now = Snapshot::new(&cat, "kilo-2026-06-01-3", &current);
    let trend: Vec<Option<f64>> = history.trend(&now).iter().map(|s| s.score).collect();
    assert_eq!(trend, [Some(3.25), Some(3.75), Some(3.5), Some(4.0)]);

    // Opened as the first one of that day, the second is later and left out.
    let first = d.join("kilo-2026-06-01-2.toml");
    let history = History::load(d, &cat, &current, Some(&first));
    assert_eq!(history.past.len(), 2);
    // Its date was changed on screen since it was saved: its own file is still left out,
    // even reached by another path.
    let roundabout = d
        .join("..")
        .join(d.file_name().unwrap())
        .join("kilo-2026-09-01.toml");
    let later = checkpoint("Kilo", "2026-10-01", 6);
    let history = History::load(d, &cat, &later, Some(&roundabout));
    assert_eq!(history.past.len(), 4);
    assert!(history.past.iter().all(|s| s.name != "kilo-2026-09-01"));
    // Unsaved: everything up to its date is earlier.
    let history = History::load(d, &cat, &current, None);
    assert_eq!(history.past.len(), 4);
}

/// What `f` read: (headers, whole checkpoints).
fn reads<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let count = || {
        (
            crate::checkpoint::HEADER_READS.with(std::cell::Cell::get),
            crate::checkpoint::FULL_PARSES.with(std::cell::Cell::get),
        )
    };
    let (headers, parses) = count();
    let out = f();
    let (h, p) = count();
    (out, h - headers, p - parses)
}

#[test]
fn history_reads_only_headers_then_the_squads_earlier_checkpoints() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cat = catalog();
    save(d, "kilo-2026-01-01", &checkpoint("Kilo", "2026-01-01", 1));
    save(d, "kilo-2026-02-01", &checkpoint("Kilo", "2026-02-01", 2));
    save(d, "kilo-2026-09-01", &checkpoint("Kilo", "2026-09-01", 3));
    for i in 0..5 {
        save(
            d,
            &format!("lima-2026-01-0{}", i + 1),
            &checkpoint("Lima", "2026-01-01", 4),
        );
    }
    let current = checkpoint("Kilo", "2026-06-01", 4);
    let own = save(d, "kilo-2026-06-01", &current);
    // The squad's future-format and corrupt files are named, not read, and left alone.
    let future = "format = 9\nsquad = \"Kilo\"\ndate = 2026-01-02\n";
    std::fs::write(d.join("kilo-2026-01-02.toml"), future).unwrap();
    let corrupt = "format = 1\nsquad = \"Kilo\"\ndate = 2026-01-03\n[answers\n";
    std::fs::write(d.join("kilo-2026-01-03.toml"), corrupt).unwrap();
    let (history, headers, parses) = reads(|| History::load(d, &cat, &current, Some(&own)));
    let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["kilo-2026-01-01", "kilo-2026-02-01"]);
    // Only the files named for Kilo are opened, its own among them: none of Lima's.
    assert_eq!(headers, 6);
    // The two earlier ones and the corrupt one (its header is fine): not its own file, not
    // the later one, not the other squad's.
    assert_eq!(parses, 3);
    assert_eq!(history.skipped.len(), 2, "{:?}", history.skipped);
    assert!(history.skipped[0].contains("kilo-2026-01-02.toml"));
    assert!(history.skipped[1].contains("kilo-2026-01-03.toml"));
    assert_eq!(
        std::fs::read_to_string(d.join("kilo-2026-01-02.toml")).unwrap(),
        future
    );
    assert_eq!(
        std::fs::read_to_string(d.join("kilo-2026-01-03.toml")).unwrap(),
        corrupt
    );
}

#[test]
fn history_goes_by_file_name_then_by_header() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cat = catalog();
    save(d, "team-2026-01-01", &checkpoint("Team", "2026-01-01", 1));
    // Another squad whose slug starts with `team-`: not named for Team, never opened (its
    // header would say Team Kilo anyway).
    save(
        d,
        "team-kilo-2026-02-01",
        &checkpoint("Team Kilo", "2026-02-01", 2),
    );
    std::fs::write(
        d.join("team-kilo-2026-02-02.toml"),
        "format = 9\nsquad = \"Team Kilo\"\ndate = 2026-02-02\n",
    )
    .unwrap();
    // Another squad with the same slug (`Team.` is `team`): named like Team's, opened, and
    // left out by its header.
    save(d, "team-2026-03-01", &checkpoint("Team.", "2026-03-01", 3));
    // Team's own checkpoints, renamed by hand: not named by the rule, so not read at all,
    // not even when one cannot be read.
    save(d, "team-old", &checkpoint("Team", "2026-01-15", 4));
    save(d, "Team-2026-01-20", &checkpoint("Team", "2026-01-20", 4));
    save(d, "2026-01-25-team", &checkpoint("Team", "2026-01-25", 4));
    std::fs::write(
        d.join("team-backup.toml"),
        "format = 9\nsquad = \"Team\"\ndate = 2026-01-02\n",
    )
    .unwrap();
    let current = checkpoint(" team ", "2026-06-01", 5);
    let (history, headers, parses) = reads(|| History::load(d, &cat, &current, None));
    let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["team-2026-01-01"]);
    assert_eq!(history.skipped, Vec::<String>::new());
    assert_eq!((headers, parses), (2, 1));

    // Team Kilo's history is its own files; the unreadable one is named.
    let kilo = checkpoint("Team Kilo", "2026-06-01", 5);
    let history = History::load(d, &cat, &kilo, None);
    let names: Vec<&str> = history.past.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["team-kilo-2026-02-01"]);
    assert_eq!(history.skipped.len(), 1, "{:?}", history.skipped);
    assert!(history.skipped[0].contains("team-kilo-2026-02-02.toml"));
}

#[test]
fn history_of_a_missing_or_empty_directory_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let cat = catalog();
    let c = checkpoint("Kilo", "2026-01-01", 4);
    let nowhere = dir.path().join("nowhere");
    assert_eq!(History::load(&nowhere, &cat, &c, None), History::default());
    assert_eq!(History::load(dir.path(), &cat, &c, None).last(), None);
}

#[test]
fn a_trend_follows_each_row_s_measure_across_checkpoints() {
    let mut a = snapshot("2026-02-01", Some(1.5), Some(("Low", 0)));
    let mut b = snapshot("2026-05-01", None, None);
    let mut c = snapshot("2026-08-01", Some(6.0), Some(("Elite", 3)));
    a.sections = vec![measure("tooling", Some(0.0))];
    c.sections = vec![measure("tooling", Some(3.0))];
    b.phases = vec![measure("p1", Some(0.5))];
    c.phases = vec![measure("p1", Some(1.0))];
    let all = [&a, &b, &c];
    let rows = compare(&a, &c).rows;
    let trends: Vec<(&str, String)> = rows
        .iter()
        .map(|r| (r.label.as_str(), trend(&all, r, 4)))
        .collect();
    assert_eq!(trends[0], ("DORA score", "▃·█".to_string()));
    assert_eq!(trends[1], ("DevOps maturity", "▃·█".to_string()));
    assert_eq!(trends[3], ("Baseline: TOOLING", "▁·█".to_string()));
    assert_eq!(trends[4], ("Phase 1: P1", "·▅█".to_string()));
}
