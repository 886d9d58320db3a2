//! The 2025 DORA model end to end: a checkpoint file on it loads, scores against the 2025
//! benchmarks in the summary, compares with a 2019 checkpoint without a false trend, and saves
//! back; a 2019 file saves as it always did.

use std::path::Path;
use std::process::{Command, Output};

#[path = "harness/cli.rs"]
mod cli;

use checkpoint::checklist::DoraModel;
use checkpoint::checkpoint::{load, to_text};

const V2025: &str = "tests/fixtures/dora2025/team-kilo-2027-02-20.toml";
const V2019: &str = "tests/fixtures/history/team-kilo-2026-11-20.toml";

fn run(args: &[&str]) -> Output {
    cli::Env::new().run(args)
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_summary_reads_the_2025_scores_against_the_benchmarks() {
    let md = stdout(&run(&["export", V2025]));
    for line in [
        "| DevOps Maturity | 8.1/10 (DORA 2025) |",
        "Software delivery performance (DORA Quick Check 2025): **8.1 of 10**, throughput 7.8, \
         stability 8.6.",
        "| Measure | Squad | All industries | Technology | 100 to 499 employees |",
        "| **Overall** | 8.1 | 6.72 ± 1.2: above the benchmark | 6.76 ± 1.2: above the benchmark \
         | 6.72 ± 1.2: above the benchmark |",
        "| Change fail rate | 9.2 (8%) | 8.10 ± 2.1: within one standard deviation |",
        "| Deployment rework rate | 8.0 (20%) |",
        "The DORA 2025 model has no performance level, so no capabilities are recommended.",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    assert!(!md.contains("Share of respondents per level"), "{md}");
    let json = stdout(&run(&["export", V2025, "--format", "json"]));
    assert!(json.contains("\"model\": \"2025\""), "{json}");
    assert!(json.contains("\"cohorts\""), "{json}");
}

#[test]
fn compare_across_models_says_so_instead_of_an_arrow() {
    let md = stdout(&run(&["compare", V2019, V2025]));
    assert!(
        md.contains(
            "| DORA score | 4.58 (DORA 2019) | 8.1/10 (DORA 2025) | different DORA model |"
        ),
        "{md}"
    );
    assert!(
        !md.contains("DevOps maturity"),
        "no level row across models: {md}"
    );
    assert!(!md.contains("Performing better than"), "{md}");
    assert!(
        md.contains("| Baseline: Technical tooling | 2.3 | 3.0 | ↑ +0.7 |"),
        "{md}"
    );
}

#[test]
fn compare_between_two_2025_checkpoints_shows_the_2025_rows() {
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("team-kilo-2027-05-20.toml");
    let text = std::fs::read_to_string(V2025)
        .unwrap()
        .replace("date = 2027-02-20", "date = 2027-05-20")
        .replace(
            "[answers.\"dora-2025.rework-rate\".votes]\nAna = 6\nBen = 6\nCy = 6",
            "[answers.\"dora-2025.rework-rate\".votes]\nAna = 8\nBen = 8\nCy = 8",
        );
    std::fs::write(&later, text).unwrap();
    let md = stdout(&run(&["compare", V2025, later.to_str().unwrap()]));
    // Rework 20% (8.0) → 5% (9.5): stability 8.6 → 9.3, overall 8.1 → 8.4.
    for row in [
        "| DORA 2025 score (0-10) | 8.1 | 8.4 | ↑ +0.3 |",
        "| Throughput (0-10) | 7.8 | 7.8 | = same |",
        "| Stability (0-10) | 8.6 | 9.3 | ↑ +0.7 |",
    ] {
        assert!(md.contains(row), "missing {row:?} in\n{md}");
    }
}

#[test]
fn list_shows_the_2025_overall_score() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("checkpoints");
    let squad = home.join("team-kilo");
    std::fs::create_dir_all(&squad).unwrap();
    let c = load(Path::new(V2025)).unwrap();
    let path = squad.join("team-kilo-2027-02-20.toml");
    std::fs::write(&path, to_text(&path, &c).unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_checkpoint"))
        .arg("list")
        .env("CHECKPOINT_HOME", &home)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let list = stdout(&out);
    assert!(list.contains("8.1/10 (DORA 2025)"), "{list}");
}

#[test]
fn a_2025_file_loads_and_saves_with_its_model_and_benchmarks() {
    let c = load(Path::new(V2025)).unwrap();
    assert_eq!(c.dora, DoraModel::V2025);
    assert_eq!(
        (c.industry.as_str(), c.org_size.as_str()),
        ("technology", "fewer-than-500")
    );
    let path = Path::new("x.toml");
    let text = to_text(path, &c).unwrap();
    assert!(
        text.starts_with("# summary = { level = \"8.1/10 (DORA 2025)\""),
        "{text}"
    );
    assert!(
        text.contains(
            "\ndora = \"2025\"\nindustry = \"technology\"\norg_size = \"fewer-than-500\"\n"
        ),
        "{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("c.toml");
    std::fs::write(&saved, &text).unwrap();
    assert_eq!(load(&saved).unwrap(), c);
    assert_eq!(to_text(path, &load(&saved).unwrap()).unwrap(), text);
}

#[test]
fn a_2019_file_saves_without_any_of_the_new_keys() {
    let c = load(Path::new(V2019)).unwrap();
    assert_eq!(c.dora, DoraModel::V2019);
    let text = to_text(Path::new("x.toml"), &c).unwrap();
    for key in ["dora =", "industry =", "org_size ="] {
        assert!(
            !text.lines().any(|l| l.starts_with(key)),
            "{key} in\n{text}"
        );
    }
    assert!(
        text.starts_with("# summary = { level = \"High\", dora = \""),
        "{text}"
    );
}

#[test]
fn the_setup_changes_the_model_only_before_any_dora_vote() {
    use checkpoint::checkpoint::{Checkpoint, Vote};
    use checkpoint::command::{Command, Field};
    let mut c = Checkpoint::new("Kilo", jiff::civil::date(2027, 2, 20));
    c.participants = vec!["Ana".into()];
    let industry = Command::Set(Field::Industry, "technology".into());
    assert!(industry.apply(&mut c).is_err(), "no industry on 2019");
    Command::Dora(DoraModel::V2025).apply(&mut c).unwrap();
    industry.apply(&mut c).unwrap();
    assert_eq!(
        (c.dora, c.industry.as_str()),
        (DoraModel::V2025, "technology")
    );
    c.vote("dora-2025.lead-time", "Ana", Vote::Value(4));
    let refused = Command::Dora(DoraModel::V2019).apply(&mut c).unwrap_err();
    assert!(refused.contains("have votes already"), "{refused}");
    c.clear_vote("dora-2025.lead-time", "Ana");
    Command::Dora(DoraModel::V2019).apply(&mut c).unwrap();
    assert_eq!((c.dora, c.industry.as_str()), (DoraModel::V2019, ""));
}

#[test]
fn a_2019_checkpoint_is_written_byte_for_byte_as_before_the_2025_model() {
    // The golden file is what `import` wrote before the 2025 model existed (commit ef1485a),
    // from the same ballots and date.
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("checkpoints");
    let out = Command::new(env!("CARGO_BIN_EXE_checkpoint"))
        .args(["import", "--squad", "Team Kilo", "--date", "2026-11-20"])
        .args(["ana", "ben", "cy"].map(|b| format!("tests/fixtures/ballots/{b}.yaml")))
        .env("CHECKPOINT_HOME", &home)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let path = stdout(&out);
    let written = std::fs::read(path.lines().last().unwrap().trim()).unwrap();
    let golden = std::fs::read("tests/fixtures/dora2025/imported-2019-before-dora25.toml").unwrap();
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&golden)
    );
}

#[test]
fn the_confluence_page_reads_the_2025_scores_too() {
    let storage = stdout(&run(&["export", V2025, "--format", "confluence"]));
    let doc = format!(
        "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource\">{storage}</root>"
    );
    let xml = roxmltree::Document::parse(&doc).expect("well-formed storage format");
    let text: String = xml
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "8.1/10",
        "(DORA 2025)",
        "Software delivery performance (DORA Quick Check 2025): ",
        "8.1 of 10",
        "100 to 499 employees",
        "above the benchmark",
        "The DORA 2025 model has no performance level",
    ] {
        assert!(text.contains(words), "missing {words:?} in\n{storage}");
    }
    assert!(
        !text.contains("Share of respondents per level"),
        "{storage}"
    );
    assert!(
        !text.contains("The level is not determined yet"),
        "{storage}"
    );
    let html = stdout(&run(&["export", V2025, "--format", "html"]));
    assert!(
        html.contains("8.1/10") && html.contains("above the benchmark"),
        "{html}"
    );
}
