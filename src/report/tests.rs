use std::path::{Path, PathBuf};

use super::*;
use crate::checklist::Kind;
use crate::checkpoint::{Action, Checkpoint, Vote};

fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
    jiff::civil::date(y, m, d)
}

/// A checkpoint of `squad` where two people voted every DORA question `dora` (1..=6), every
/// baseline item `level` (0..=3) and every milestone `milestone` (0..=2); shown to all.
pub(crate) fn checkpoint(
    catalog: &Catalog,
    squad: &str,
    tribe: &str,
    on: jiff::civil::Date,
    (dora, level, milestone): (u8, u8, u8),
) -> Checkpoint {
    let mut c = Checkpoint::new(squad, on);
    c.tribe = tribe.to_string();
    for p in ["Ana", "Ben"] {
        c.add_participant(p).unwrap();
    }
    for q in catalog.questions() {
        let value = match q.kind {
            Kind::Choice if q.id.starts_with("dora.") => dora,
            Kind::Level => level,
            Kind::Milestone => milestone,
            _ => continue,
        };
        for p in ["Ana", "Ben"] {
            c.vote(&q.id, p, Vote::Value(value));
        }
    }
    c
}

fn action(text: &str) -> Action {
    Action {
        text: text.into(),
        owner: String::new(),
        due: None,
        improvement: None,
    }
}

fn save(dir: &Path, folder: &str, c: &Checkpoint) -> PathBuf {
    let dir = dir.join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "{}-{}.toml",
        c.squad.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        c.date
    ));
    crate::checkpoint::save(&path, c).unwrap();
    path
}

/// Three tribes: Payments (Alpha improving over three checkpoints, Beta stuck), Search (Gamma's
/// first, Delta not seen for a year), and Mobile, whose squad's header has no tribe: its
/// folder names it.
fn store(catalog: &Catalog) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut alpha = checkpoint(catalog, "Alpha", "Payments", date(2026, 2, 1), (2, 1, 0));
    // The oldest is never parsed in full: a broken body after its header goes unnoticed.
    let oldest = save(d, "payments/alpha", &alpha);
    let mut text = std::fs::read_to_string(&oldest).unwrap();
    text.push_str("\n[answers.broken\n");
    std::fs::write(&oldest, text).unwrap();
    alpha = checkpoint(catalog, "Alpha", "Payments", date(2026, 5, 1), (3, 1, 1));
    save(d, "payments/alpha", &alpha);
    alpha = checkpoint(catalog, "Alpha", "Payments", date(2026, 8, 1), (5, 2, 2));
    alpha.actions.push(action("Automate the release notes"));
    save(d, "payments/alpha", &alpha);
    for on in [date(2026, 6, 1), date(2026, 9, 1)] {
        let mut beta = checkpoint(catalog, "Beta", "Payments", on, (3, 2, 1));
        beta.actions.push(action("automate the release notes "));
        save(d, "payments/beta", &beta);
    }
    save(
        d,
        "",
        &checkpoint(catalog, "Gamma", "Search", date(2026, 10, 1), (6, 3, 2)),
    );
    save(
        d,
        "",
        &checkpoint(catalog, "Delta", "Search", date(2025, 9, 1), (1, 0, 0)),
    );
    save(
        d,
        "mobile/epsilon",
        &checkpoint(catalog, "Epsilon", "", date(2026, 11, 1), (4, 2, 1)),
    );
    dir
}

fn options() -> Options {
    Options {
        tribe: None,
        since: None,
        today: date(2026, 11, 23),
        stale_months: STALE_MONTHS,
    }
}

fn gather(dir: &Path, targets: &Targets, options: &Options) -> Report {
    let catalog = Catalog::builtin().unwrap();
    Report::gather(&[dir.to_path_buf()], &catalog, targets, options)
}

#[test]
fn each_squad_is_its_latest_checkpoint_against_its_previous_one() {
    let catalog = Catalog::builtin().unwrap();
    let dir = store(&catalog);
    let report = gather(dir.path(), &Targets::default(), &options());
    // Eight files read by their headers; only the latest two of each squad parsed in full:
    // Alpha's oldest, broken after its header, is not.
    assert_eq!((report.read, report.parsed), (8, 7));
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let names: Vec<(&str, &str)> = report
        .squads
        .iter()
        .map(|s| (s.tribe.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("mobile", "Epsilon"),
            ("Payments", "Alpha"),
            ("Payments", "Beta"),
            ("Search", "Delta"),
            ("Search", "Gamma"),
        ]
    );
    let alpha = &report.squads[1];
    assert_eq!(alpha.latest.date, date(2026, 8, 1));
    assert_eq!(alpha.checkpoints, 3);
    assert_eq!(alpha.movement(), Movement::Improving);
    assert_eq!(alpha.since.as_ref().unwrap().before.date, date(2026, 5, 1));
    assert_eq!(report.squads[2].movement(), Movement::Stuck);
    assert_eq!(report.squads[4].movement(), Movement::First);
    let stale: Vec<&str> = report.stale().map(|s| s.name.as_str()).collect();
    assert_eq!(stale, ["Delta"]);
    // The same action in two squads, whatever its case and spaces.
    assert_eq!(
        report.actions,
        [("Automate the release notes".to_string(), 2)]
    );
}

#[test]
fn levels_by_tribe_and_filters() {
    let catalog = Catalog::builtin().unwrap();
    let dir = store(&catalog);
    let report = gather(dir.path(), &Targets::default(), &options());
    let payments = report.tribes.iter().find(|t| t.name == "Payments").unwrap();
    assert_eq!(payments.squads, 2);
    assert_eq!(
        payments.levels.iter().map(|(_, n)| n).sum::<usize>(),
        2,
        "{payments:?}"
    );
    assert_eq!(payments.levels.last().unwrap().0, NOT_KNOWN);

    let search = Options {
        tribe: Some("search".into()),
        ..options()
    };
    let report = gather(dir.path(), &Targets::default(), &search);
    assert_eq!(report.squads.len(), 2);
    let since = Options {
        since: Some(date(2026, 5, 1)),
        ..options()
    };
    let report = gather(dir.path(), &Targets::default(), &since);
    let alpha = report.squads.iter().find(|s| s.name == "Alpha").unwrap();
    assert_eq!(alpha.checkpoints, 2);
    assert!(report.squads.iter().all(|s| s.name != "Delta"));
}

#[test]
fn targets_show_in_the_cells_and_the_markdown_parses_as_tables() {
    let catalog = Catalog::builtin().unwrap();
    let dir = store(&catalog);
    let text = "tribes:\n  Payments:\n    phase: 2\n    baseline:\n      tooling: Advanced\n";
    let targets = targets::parse(Path::new("targets.yaml"), text, &catalog).unwrap();
    let report = gather(dir.path(), &targets, &options());
    let beta = report.squads.iter().find(|s| s.name == "Beta").unwrap();
    let tooling = cells::section(beta, "baseline.tooling");
    assert_eq!(
        (tooling.value.as_str(), tooling.on_target),
        ("2.0", Some(false))
    );
    assert_eq!(tooling.arrow, "=");

    let page = markdown::render(&report, "every squad");
    assert!(page.contains("◑ 2.0 = ✗ 3.0"), "{page}");
    assert!(page.contains("- **Improving** (1): Alpha"), "{page}");
    assert!(page.contains("- **No checkpoint for 6 months** (1): Delta (last 2025-09-01)"));
    // Every table is a real GFM table with a header row and one row per squad.
    let mut tables = 0;
    let mut rows = 0;
    let parser = pulldown_cmark::Parser::new_ext(&page, pulldown_cmark::Options::ENABLE_TABLES);
    for event in parser {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Table(_)) => tables += 1,
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableRow) => rows += 1,
            _ => {}
        }
    }
    assert_eq!(tables, 3, "squads, heatmap, tribes");
    assert_eq!(rows, 5 + 5 + 3, "body rows (the header rows are TableHead)");
}

#[test]
fn hostile_names_are_text_in_every_format() {
    let catalog = Catalog::builtin().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let name = "<img src=x onerror=alert(1)> | *x* & \"q\"";
    save(
        dir.path(),
        "",
        &checkpoint(&catalog, name, "<b>T</b>", date(2026, 1, 1), (3, 1, 1)),
    );
    let report = gather(dir.path(), &Targets::default(), &options());
    let page = html::render(&report, "every squad");
    assert!(!page.contains("<img") && !page.contains("<b>T"), "{page}");
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt; | *x* &amp; &quot;q&quot;"),
        "{page}"
    );
    // The storage format parses as XML, the macros' namespaces declared.
    let storage = html::body(&report, crate::export::xhtml::Flavour::Storage);
    let doc = format!(
        "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource\">{storage}</root>"
    );
    assert!(roxmltree::Document::parse(&doc).is_ok(), "{storage}");
    assert!(storage.contains("ac:name=\"status\""));
    let md = markdown::render(&report, "every squad");
    assert!(
        md.contains(r#"\<img src=x onerror=alert(1)> \| \*x\* & "q""#),
        "{md}"
    );
}

#[test]
fn a_squad_on_the_2025_model_shows_its_score_out_of_ten_and_no_level() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dora2025/team-kilo-2027-02-20.toml");
    std::fs::copy(&fixture, dir.path().join("team-kilo-2027-02-20.toml")).unwrap();
    let report = gather(dir.path(), &Targets::default(), &options());
    let squad = &report.squads[0];
    let (dora, _) = cells::dora(squad);
    assert!(dora.ends_with("/10 (DORA 2025)"), "{dora}");
    let tribe = &report.tribes[0];
    let counted: Vec<(&str, usize)> = tribe
        .levels
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(l, n)| (l.as_str(), *n))
        .collect();
    assert_eq!(counted, [(tally::DORA_2025, 1)]);
}

#[test]
fn the_scan_lists_squads_before_anything_is_parsed_and_the_drill_down_reads_the_rest() {
    let catalog = Catalog::builtin().unwrap();
    let dir = store(&catalog);
    let scan = Scan::read(&[dir.path().to_path_buf()], &options());
    let names: Vec<&str> = scan.squads.iter().map(|s| s[0].squad.as_str()).collect();
    assert_eq!(names, ["Epsilon", "Alpha", "Beta", "Delta", "Gamma"]);
    assert_eq!(scan.read, 8);
    let report = gather(dir.path(), &Targets::default(), &options());
    let alpha = &report.squads[1];
    assert_eq!(alpha.files.len(), 3);
    assert_eq!(alpha.files[0], alpha.path);
    // The oldest, broken after its header, says so in the drill-down; the others score.
    let past = history::load(&catalog, &alpha.files);
    let dates: Vec<String> = past
        .iter()
        .map(|p| match &p.scored {
            Ok(s) => s.date.to_string(),
            Err(_) => "unreadable".to_string(),
        })
        .collect();
    assert_eq!(dates, ["2026-08-01", "2026-05-01", "unreadable"]);
}

#[test]
fn a_target_is_met_at_the_precision_shown() {
    let mut target = Target::default();
    target.sections.insert("baseline.tooling".into(), 2.5);
    target.phase = Some(2);
    assert_eq!(
        target.section_met("baseline.tooling", Some(2.46)),
        Some(true)
    );
    assert_eq!(
        target.section_met("baseline.tooling", Some(2.44)),
        Some(false)
    );
    assert_eq!(target.section_met("baseline.tooling", None), None);
    assert_eq!(target.section_met("baseline.culture", Some(3.0)), None);
    assert_eq!(target.phase_met(1), Some(false));
    assert_eq!(target.phase_met(2), Some(true));
}
