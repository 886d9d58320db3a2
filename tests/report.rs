//! `checkpoint report` as a user runs it, and the shared store it reads: a store of three tribes
//! in folders, the report in markdown (read with a GFM parser) and in Confluence storage format
//! (read with an XML parser), targets with errors named by file and line, and the store kept
//! in git: two clones add checkpoints of different squads and merge without a conflict.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "harness/cli.rs"]
mod cli;
use cli::{Env, stderr, stdout};

fn ballots() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ballots");
    ["ana", "ben", "cy"]
        .iter()
        .map(|b| dir.join(format!("{b}.yaml")).display().to_string())
        .collect()
}

/// `checkpoint import` of the fixture ballots as `squad` of `tribe` on `date`, in `env`'s
/// store: the path it saved.
fn import(env: &Env, squad: &str, tribe: &str, date: &str) -> PathBuf {
    let mut args = vec!["import", "--squad", squad, "--tribe", tribe, "--date", date];
    let ballots = ballots();
    args.extend(ballots.iter().map(String::as_str));
    let out = env.ok(&args);
    PathBuf::from(out.trim())
}

/// Moves a checkpoint into `folder` of the store, as an organisation lays its store out.
fn file_under(env: &Env, path: &Path, folder: &str) -> PathBuf {
    let dir = env.home().join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    let to = dir.join(path.file_name().unwrap());
    std::fs::rename(path, &to).unwrap();
    to
}

#[test]
fn a_store_of_three_tribes_in_folders_reports_in_markdown_and_storage_format() {
    let env = Env::new();
    for (squad, tribe, folder) in [
        ("Alpha", "Payments", "payments/alpha"),
        ("Beta", "Payments", "payments/beta"),
        ("Gamma", "Search", "search/gamma"),
        ("Delta", "Mobile", ""),
    ] {
        let path = import(&env, squad, tribe, "2026-03-01");
        if !folder.is_empty() {
            file_under(&env, &path, folder);
        }
    }
    // Alpha's second checkpoint goes beside its first, in its folder.
    let second = import(&env, "Alpha", "Payments", "2026-09-01");
    assert_eq!(second.parent().unwrap(), env.home().join("payments/alpha"));

    let page = env.ok(&["report", "--since", "2026-01-01"]);
    assert!(
        page.starts_with("# DevOps Checkpoints: every squad |"),
        "{page}"
    );
    assert!(
        page.contains("4 squads in 3 tribes, from 5 checkpoints"),
        "{page}"
    );
    // Every squad met in 2026: a month later all are old; ten years is long enough for none.
    let strict = env.ok(&["report", "--stale-months", "1"]);
    assert!(
        strict.contains("- **No checkpoint for 1 month** (4): Delta (last 2026-03-01)"),
        "{strict}"
    );
    let lenient = env.ok(&["report", "--stale-months", "120"]);
    assert!(!lenient.contains("No checkpoint for"), "{lenient}");
    let search = env.ok(&["report", "--tribe", "Search"]);
    assert!(
        search.contains("1 squad in 1 tribe, from 1 checkpoint."),
        "{search}"
    );
    assert!(
        page.contains("- **Stuck (nothing moved)** (1): Alpha"),
        "{page}"
    );
    let parser = pulldown_cmark::Parser::new_ext(&page, pulldown_cmark::Options::ENABLE_TABLES);
    let tables = parser
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Table(_))
            )
        })
        .count();
    assert_eq!(tables, 3, "{page}");

    let payments = env.ok(&["report", "--tribe", "payments", "--format", "confluence"]);
    let doc = format!(
        "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource\">{payments}</root>"
    );
    let xml = roxmltree::Document::parse(&doc).expect("well-formed storage format");
    let first_table = xml.descendants().find(|n| n.has_tag_name("table")).unwrap();
    let squads: Vec<&str> = first_table
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .filter_map(|tr| tr.children().filter(|c| c.has_tag_name("td")).nth(1))
        .filter_map(|td| td.text())
        .collect();
    assert_eq!(squads, ["Alpha", "Beta"], "{payments}");

    // Written to a file on request, and a directory that is not there is named.
    let out = env.dir.path().join("report.html");
    env.ok(&["report", "--format", "html", "-o", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<svg"),
        "{html}"
    );
    let e = env.fails(&["report", "/no/such/store"]);
    assert!(
        e.contains("/no/such/store: not a directory of checkpoints"),
        "{e}"
    );
}

#[test]
fn targets_with_errors_stop_the_report_naming_file_and_line() {
    let env = Env::new();
    import(&env, "Alpha", "Payments", "2026-03-01");
    let targets = env.home().join("targets.yaml");
    std::fs::write(
        &targets,
        "tribes:\n  Payments:\n    phase: 2\n    baseline:\n      tooling: Expert\n",
    )
    .unwrap();
    let e = env.fails(&["report"]);
    assert!(e.contains("the targets have 1 problem"), "{e}");
    assert!(
        e.contains(&format!(
            "{}:5: Payments: `tooling` needs a level",
            targets.display()
        )),
        "{e}"
    );
    std::fs::write(
        &targets,
        "tribes:\n  Payments:\n    phase: 2\n    baseline:\n      tooling: Advanced\n",
    )
    .unwrap();
    let page = env.ok(&["report"]);
    assert!(page.contains("0 of 3 (target 2)"), "{page}");
    assert!(page.contains("✗ 3.0"), "{page}");
}

/// `git` in `dir`, with no user or system configuration; panics with its output on failure.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
        .args(["-c", "init.defaultBranch=main", "-c", "pull.rebase=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

#[test]
fn two_clones_add_checkpoints_of_different_squads_and_merge_without_a_conflict() {
    let root = tempfile::tempdir().unwrap();
    let origin = root.path().join("origin.git");
    std::fs::create_dir_all(&origin).unwrap();
    git(&origin, &["init", "--bare"]);
    // The organisation's store: one squad's folder to start with.
    let first = Env::new();
    git(
        root.path(),
        &[
            "clone",
            origin.to_str().unwrap(),
            first.home().to_str().unwrap(),
        ],
    );
    let alpha = import(&first, "Alpha", "Payments", "2026-03-01");
    file_under(&first, &alpha, "payments/alpha");
    git(&first.home(), &["add", "-A"]);
    git(&first.home(), &["commit", "-m", "Alpha's first checkpoint"]);
    git(&first.home(), &["push", "origin", "HEAD:main"]);

    // Two facilitators clone it and each holds a workshop the same day.
    let second = Env::new();
    git(
        root.path(),
        &[
            "clone",
            origin.to_str().unwrap(),
            second.home().to_str().unwrap(),
        ],
    );
    import(&first, "Alpha", "Payments", "2026-09-01");
    import(&second, "Beta", "Search", "2026-09-01");
    for (env, message) in [(&first, "Alpha, September"), (&second, "Beta, September")] {
        git(&env.home(), &["add", "-A"]);
        git(&env.home(), &["commit", "-m", message]);
    }
    git(&first.home(), &["push", "origin", "HEAD:main"]);
    // The second merges the first's work: different files, so no conflict.
    git(&second.home(), &["pull", "origin", "main"]);
    git(&second.home(), &["push", "origin", "HEAD:main"]);
    git(&first.home(), &["pull", "origin", "main"]);
    let status = git(&first.home(), &["status", "--porcelain"]);
    assert!(status.trim().is_empty(), "{status}");

    let files = git(&first.home(), &["ls-files"]);
    let mut files: Vec<&str> = files.lines().collect();
    files.sort();
    assert_eq!(
        files,
        [
            "beta-2026-09-01.toml",
            "payments/alpha/alpha-2026-03-01.toml",
            "payments/alpha/alpha-2026-09-01.toml",
        ]
    );
    let page = first.ok(&["report"]);
    assert!(
        page.contains("2 squads in 2 tribes, from 3 checkpoints"),
        "{page}"
    );
}
