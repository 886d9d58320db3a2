//! `checkpoint evidence` on git repositories built here, commit by commit at chosen dates
//! (tags, merges, reverts, hotfixes), with the answers known in advance; `--attach` into a
//! checkpoint and back; and the errors for a path that is not a repository.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "harness/cli.rs"]
mod cli_env;
use cli_env::Env;

/// A git repository in a temporary directory; every git command runs with this repository's
/// own identity and no global or system configuration.
struct Repo {
    dir: tempfile::TempDir,
    files: usize,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo { dir, files: 0 };
        repo.git(
            &["-c", "init.defaultBranch=main", "init", "-q"],
            "2026-01-01 00:00",
        );
        for (key, value) in [
            ("user.name", "Test"),
            ("user.email", "test@example.com"),
            ("commit.gpgsign", "false"),
            ("tag.gpgsign", "false"),
        ] {
            repo.git(&["config", key, value], "2026-01-01 00:00");
        }
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn arg(&self) -> &str {
        self.path().to_str().unwrap()
    }

    /// Runs git at `when` (`YYYY-MM-DD HH:MM`, UTC) as both author and committer date.
    fn git(&self, args: &[&str], when: &str) -> String {
        let date = format!("{when}:00 +0000");
        let out = Command::new("git")
            .arg("-C")
            .arg(self.path())
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("HOME", self.path())
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// A commit that adds a file, at `when`; returns its id.
    fn commit(&mut self, message: &str, when: &str) -> String {
        self.files += 1;
        let name = format!("f{}.txt", self.files);
        std::fs::write(self.path().join(&name), message).unwrap();
        self.git(&["add", &name], when);
        self.git(&["commit", "-q", "-m", message], when);
        self.git(&["rev-parse", "HEAD"], when)
    }

    /// An annotated tag on HEAD, dated `when`.
    fn tag(&self, name: &str, when: &str) {
        self.git(&["tag", "-a", "-m", name, name], when);
    }

    /// `git revert` of `id` at `when`.
    fn revert(&self, id: &str, when: &str) {
        self.git(&["revert", "--no-edit", id], when);
    }

    /// A branch with one commit made 30 minutes before `when`, merged into main at `when`.
    fn merge(&mut self, branch: &str, day: &str, hour: u8) {
        let (made, merged) = (
            format!("{day} {:02}:30", hour - 1),
            format!("{day} {hour:02}:00"),
        );
        self.git(&["checkout", "-q", "-b", branch], &made);
        self.commit(&format!("work on {branch}"), &made);
        self.git(&["checkout", "-q", "main"], &merged);
        let message = format!("Merge branch '{branch}'");
        self.git(&["merge", "-q", "--no-ff", "-m", &message, branch], &merged);
        self.git(&["branch", "-q", "-D", branch], &merged);
    }
}

/// Tuesdays from 6 January to 31 March 2026.
const TUESDAYS: [&str; 13] = [
    "2026-01-06",
    "2026-01-13",
    "2026-01-20",
    "2026-01-27",
    "2026-02-03",
    "2026-02-10",
    "2026-02-17",
    "2026-02-24",
    "2026-03-03",
    "2026-03-10",
    "2026-03-17",
    "2026-03-24",
    "2026-03-31",
];

/// The day before `tuesday`.
fn monday(tuesday: &str) -> String {
    let date: jiff::civil::Date = tuesday.parse().unwrap();
    date.yesterday().unwrap().to_string()
}

/// A weekly release, every Tuesday at 10:00 of the first quarter of 2026 (v1.0.0 to v1.12.0),
/// each shipping a commit from Monday 12:00 (22 hours) and one from Tuesday 08:00 (2 hours).
/// v1.4.0's Monday commit is reverted on Wednesday 4 February (v1.4.0 failed; v1.5.0 restores
/// it a week later); v1.9.0 is followed by v1.9.1-hotfix on Wednesday 11 March at 10:00 (a day
/// later). An earlier release, v0.9.0, is from December; v1.5.0-rc1 is a pre-release.
fn weekly_releases() -> Repo {
    let mut repo = Repo::new();
    repo.commit("start", "2025-12-01 09:00");
    repo.tag("v0.9.0", "2025-12-15 10:00");
    repo.tag("docs-snapshot", "2025-12-16 10:00");
    for (minor, tuesday) in TUESDAYS.iter().enumerate() {
        let monday_commit = repo.commit(
            &format!("feature {minor}"),
            &format!("{} 12:00", monday(tuesday)),
        );
        if minor == 5 {
            repo.tag("v1.5.0-rc1", &format!("{} 13:00", monday(tuesday)));
        }
        repo.commit(&format!("fix {minor}"), &format!("{tuesday} 08:00"));
        repo.tag(&format!("v1.{minor}.0"), &format!("{tuesday} 10:00"));
        if minor == 4 {
            repo.revert(&monday_commit, "2026-02-04 12:00");
        }
        if minor == 9 {
            repo.commit("urgent fix", "2026-03-11 08:00");
            repo.tag("v1.9.1-hotfix", "2026-03-11 10:00");
        }
    }
    repo
}

/// The lines of `text` under the heading that starts with `title`, up to the next blank line.
fn section<'a>(text: &'a str, title: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(title))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect()
}

fn has(lines: &[&str], part: &str) -> bool {
    lines.iter().any(|l| l.contains(part))
}

#[test]
fn weekly_release_tags_give_the_known_answers() {
    let repo = weekly_releases();
    let env = Env::new();
    let out = env.ok(&["evidence", "--repo", repo.arg(), "--until", "2026-03-31"]);
    assert!(
        out.contains("2026-01-01 to 2026-03-31 (90 days, UTC)"),
        "{out}"
    );
    assert!(
        out.contains("Deployments: release tags (versions such as v1.2.3); 14 in the window"),
        "{out}"
    );
    assert!(
        out.contains("Note: 1 pre-release tag (-rc, -beta, …) left out."),
        "{out}"
    );
    assert!(
        !out.contains("v0.9.0") && !out.contains("docs-snapshot"),
        "{out}"
    );

    // 14 × 2 hours (with the hotfix's commit), 13 × 22 hours and the revert (142 hours): the
    // median is between 2 and 22.
    let lead = section(&out, "Lead time for changes (dora.lead-time)");
    assert_eq!(lead[0], "  Points to: 5 · Less than one day", "{out}");
    assert!(
        has(&lead, "Median 12 hours from commit (committer date)"),
        "{out}"
    );
    assert!(has(&lead, "over 28 commits in 14 deployments"), "{out}");

    let frequency = section(&out, "Deployment frequency (dora.deploy-frequency)");
    assert_eq!(
        frequency[0], "  Points to: 4 · Between once per day and once per week",
        "{out}"
    );
    assert!(
        has(
            &frequency,
            "14 deployments on 14 days in 90 days (2026-01-01 to 2026-03-31); 13 of 14 weeks had one."
        ),
        "{out}"
    );
    assert!(has(&frequency, "fourkeys' bucket: Weekly"), "{out}");

    // v1.4.0 → v1.5.0 is 7 days, v1.9.0 → v1.9.1-hotfix 1 day: the median is 4 days.
    let restore = section(&out, "Time to restore service (dora.time-to-restore)");
    assert_eq!(restore[0], "  Points to: 4 · One day to one week", "{out}");
    assert!(
        has(
            &restore,
            "Median 4 days from a failing deployment to the next one, over 2 failures."
        ),
        "{out}"
    );

    let failures = section(&out, "Change failure rate (dora.change-failure-rate)");
    assert_eq!(failures[0], "  Points to: 6 · 0-15%", "{out}");
    assert!(
        has(
            &failures,
            "2 of 14 deployments (14%) were followed by a fix"
        ),
        "{out}"
    );
    assert!(has(&failures, "v1.4.0 ("), "{out}");
    assert!(has(&failures, " reverts "), "{out}");
    assert!(
        has(
            &failures,
            "v1.9.0 (the next deployment, v1.9.1-hotfix, is a hotfix)"
        ),
        "{out}"
    );
    assert!(out.contains("Tags are a proxy for deployments"), "{out}");
    assert!(out.contains("nobody's vote"), "{out}");
}

#[test]
fn a_tag_pattern_picks_the_deployments() {
    let repo = weekly_releases();
    let env = Env::new();
    let out = env.ok(&[
        "evidence",
        "--repo",
        repo.arg(),
        "--until",
        "2026-03-31",
        "--tag",
        "v1.1*",
    ]);
    // v1.1.0, v1.10.0, v1.11.0, v1.12.0; the first of them shipped everything before it.
    assert!(
        out.contains("Deployments: tags matching `v1.1*`; 4 in the window"),
        "{out}"
    );
    assert!(
        out.contains("Left out: 1 commit from before the window"),
        "{out}"
    );
    // A window that ends before the releases: none in it, and nothing suggested.
    let out = env.ok(&[
        "evidence",
        "--repo",
        repo.arg(),
        "--until",
        "2025-12-31",
        "--since",
        "2w",
    ]);
    assert!(out.contains("0 in the window"), "{out}");
    assert!(!out.contains("Points to"), "{out}");
    assert!(
        out.contains("Not enough data: no deployment in the window"),
        "{out}"
    );
}

/// Merges to main, no release tags, over two weeks from Sunday 1 March 2026: on Monday, Tuesday
/// and Wednesday of each week, merges at 10:00 and 15:00 of a branch committed 30 minutes before.
/// The one at 15:00 on Monday 9 March merges `hotfix/login`: the 10:00 one before it failed and
/// was restored 5 hours later.
fn merges_only() -> Repo {
    let mut repo = Repo::new();
    repo.commit("start", "2026-02-20 09:00");
    repo.git(&["tag", "docs"], "2026-02-20 09:00");
    for day in [
        "2026-03-02",
        "2026-03-03",
        "2026-03-04",
        "2026-03-09",
        "2026-03-10",
        "2026-03-11",
    ] {
        repo.merge(&format!("feature/{day}-a"), day, 10);
        let afternoon = if day == "2026-03-09" {
            "hotfix/login".to_string()
        } else {
            format!("feature/{day}-b")
        };
        repo.merge(&afternoon, day, 15);
    }
    repo
}

#[test]
fn without_release_tags_merges_to_main_are_the_deployments() {
    let repo = merges_only();
    let env = Env::new();
    let args = [
        "evidence",
        "--repo",
        repo.arg(),
        "--since",
        "2026-03-01",
        "--until",
        "2026-03-14",
    ];
    let out = env.ok(&args);
    assert!(
        out.contains("Deployments: merges to main (its first-parent history); 12 in the window"),
        "{out}"
    );
    assert!(
        out.contains("Note: No release tags: merges to main count instead."),
        "{out}"
    );
    let lead = section(&out, "Lead time for changes (dora.lead-time)");
    assert_eq!(lead[0], "  Points to: 6 · Less than one hour", "{out}");
    assert!(has(&lead, "Median 30 minutes"), "{out}");
    // The first merge ever also shipped the root commit, from before the window.
    assert!(
        has(
            &lead,
            "Left out: 12 merge commits; 1 commit from before the window"
        ),
        "{out}"
    );
    // Three days a week, two merges each: fourkeys' Daily, and several a day.
    let frequency = section(&out, "Deployment frequency (dora.deploy-frequency)");
    assert_eq!(
        frequency[0], "  Points to: 6 · On demand (multiple deploys per day)",
        "{out}"
    );
    assert!(has(&frequency, "fourkeys' bucket: Daily"), "{out}");
    let restore = section(&out, "Time to restore service (dora.time-to-restore)");
    assert_eq!(restore[0], "  Points to: 5 · Less than one day", "{out}");
    assert!(has(&restore, "Median 5 hours"), "{out}");
    let failures = section(&out, "Change failure rate (dora.change-failure-rate)");
    assert_eq!(failures[0], "  Points to: 6 · 0-15%", "{out}");
    assert!(has(&failures, "1 of 12 deployments (8%)"), "{out}");
    assert!(
        has(&failures, "merges a hotfix: Merge branch 'hotfix/login'"),
        "{out}"
    );

    let mut with_tag = args.to_vec();
    with_tag.extend(["--tag", "deploy-*"]);
    let out = env.ok(&with_tag);
    assert!(
        out.contains("Note: No tag matches `deploy-*`: merges to main count instead."),
        "{out}"
    );
}

#[test]
fn one_release_or_none_is_not_enough_data() {
    let mut repo = Repo::new();
    let env = Env::new();
    // No commit at all.
    let out = env.ok(&["evidence", "--repo", repo.arg(), "--until", "2026-03-31"]);
    assert!(
        out.contains("Not enough data: no deployment in the window"),
        "{out}"
    );
    assert!(!out.contains("Points to"), "{out}");
    // One release.
    repo.commit("start", "2026-03-01 09:00");
    repo.tag("v1.0.0", "2026-03-02 10:00");
    let out = env.ok(&["evidence", "--repo", repo.arg(), "--until", "2026-03-31"]);
    assert!(
        out.contains("Not enough data: only 1 deployment in the window (v1.0.0)"),
        "{out}"
    );
    assert_eq!(out.matches("  No suggestion").count(), 4, "{out}");
}

#[test]
fn a_path_that_is_no_repository_is_named() {
    let env = Env::new();
    let plain = tempfile::tempdir().unwrap();
    let path = plain.path().to_str().unwrap();
    let err = env.fails(&["evidence", "--repo", path]);
    assert!(
        err.contains(&format!("{path}: not a git repository")),
        "{err}"
    );
    let missing = plain.path().join("missing");
    let missing = missing.to_str().unwrap();
    let err = env.fails(&["evidence", "--repo", missing]);
    assert!(
        err.contains(&format!("{missing}: no such directory")),
        "{err}"
    );
    let err = env.fails(&["evidence", "--repo", path, "--since", "soon"]);
    assert!(err.contains("--since: `soon` is not a period"), "{err}");
}

const BALLOTS: [&str; 3] = [
    "tests/fixtures/ballots/ana.yaml",
    "tests/fixtures/ballots/ben.yaml",
    "tests/fixtures/ballots/cy.yaml",
];

#[test]
fn attached_evidence_is_saved_beside_the_votes() {
    let repo = weekly_releases();
    let env = Env::new();
    let mut args = vec!["import", "--squad", "S", "--date", "2026-04-01"];
    args.extend(BALLOTS);
    let path = PathBuf::from(env.ok(&args).trim());
    let before = checkpoint::checkpoint::load(&path).unwrap();
    assert!(before.evidence.is_none());

    let attach = [
        "evidence",
        "--repo",
        repo.arg(),
        "--until",
        "2026-03-31",
        "--attach",
        "s-2026-04-01",
    ];
    let out = env.run(&attach);
    assert!(out.status.success(), "{}", cli_env::stderr(&out));
    assert!(
        cli_env::stderr(&out).contains(&format!("Attached the evidence to {}", path.display())),
        "{}",
        cli_env::stderr(&out)
    );
    let after = checkpoint::checkpoint::load(&path).unwrap();
    assert_eq!(after.answers, before.answers, "the votes are untouched");
    assert_eq!(after.participants, before.participants);
    let evidence = after.evidence.as_ref().expect("evidence attached");
    assert_eq!(evidence.since.to_string(), "2026-01-01");
    assert_eq!(evidence.until.to_string(), "2026-03-31");
    assert_eq!(evidence.counted.len(), 14);
    assert_eq!(evidence.counted[0], "v1.0.0 (2026-01-06)");
    let suggested = |id: &str| evidence.questions[id].suggested;
    assert_eq!(suggested("dora.lead-time"), Some(5));
    assert_eq!(suggested("dora.deploy-frequency"), Some(4));
    assert_eq!(suggested("dora.time-to-restore"), Some(4));
    assert_eq!(suggested("dora.change-failure-rate"), Some(6));
    assert!(evidence.questions["dora.lead-time"].text[0].starts_with("Median 12 hours"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("[evidence.questions.\"dora.lead-time\"]"),
        "{text}"
    );

    // The file still opens everywhere, and gathering again replaces the evidence.
    env.ok(&["export", path.to_str().unwrap()]);
    let out = env.run(&attach);
    assert!(
        cli_env::stderr(&out).contains("(replacing the evidence gathered"),
        "{}",
        cli_env::stderr(&out)
    );
    assert_eq!(
        checkpoint::checkpoint::load(&path).unwrap().answers,
        before.answers
    );
    // A checkpoint that does not exist is refused before the repository is read.
    let err = env.fails(&["evidence", "--repo", repo.arg(), "--attach", "nope"]);
    assert!(err.contains("no checkpoint named `nope`"), "{err}");
}

#[test]
fn a_file_with_an_off_scale_suggestion_is_refused() {
    let env = Env::new();
    let dir = env.dir.path();
    let path = dir.join("c.toml");
    let text = "format = 1\nsquad = \"S\"\ndate = 2026-04-01\n\n[evidence]\n\
                gathered = \"2026-04-01T10:00:00Z\"\nrepo = \"/r\"\nsince = 2026-01-01\n\
                until = 2026-03-31\ndeployments = \"release tags\"\n\n\
                [evidence.questions.\"dora.lead-time\"]\nsuggested = 9\ntext = [\"x\"]\n";
    std::fs::write(&path, text).unwrap();
    let err = env.fails(&["export", path.to_str().unwrap()]);
    assert!(
        err.contains("evidence.dora.lead-time: the suggested value 9 is off its scale 1-6"),
        "{err}"
    );
    std::fs::write(&path, text.replace("suggested = 9", "suggested = 3")).unwrap();
    env.ok(&["export", path.to_str().unwrap()]);
}

#[path = "harness/mod.rs"]
mod harness;

#[test]
fn the_voting_screen_shows_attached_evidence_beside_the_question() {
    use checkpoint::checkpoint::{Checkpoint, Evidence, QuestionEvidence};
    let mut h = harness::Harness::new();
    let mut c = Checkpoint::new("Partner Tooling", harness::today());
    for p in ["Ana", "Ben"] {
        c.add_participant(p).unwrap();
    }
    let found = QuestionEvidence {
        suggested: Some(5),
        text: vec!["Median 12 hours from commit to deployment.".into()],
    };
    c.evidence = Some(Evidence {
        gathered: "2026-04-01T10:00:00Z".parse().unwrap(),
        repo: "/r".into(),
        since: jiff::civil::date(2026, 1, 1),
        until: jiff::civil::date(2026, 3, 31),
        deployments: "release tags".into(),
        counted: Vec::new(),
        caveats: Vec::new(),
        questions: [("dora.lead-time".to_string(), found)].into(),
    });
    h.app.start_with(c);
    h.open_part(0);
    let screen = h.screen_at(120, 30);
    assert!(
        screen.contains("Evidence from git: points to 5 · Less than one day. Median 12 hours"),
        "{screen}"
    );
    // No vote was cast for anyone.
    assert!(h.app.checkpoint().unwrap().answers.is_empty());
}
