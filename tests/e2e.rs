//! End to end in a real terminal: tmux runs the real binary, `send-keys` types, `capture-pane`
//! reads the screen, and the test reads the files the binary wrote. CI installs tmux.

#[path = "harness/tmux.rs"]
mod tmux;
use tmux::{Tmux, checkpoint_file};

#[test]
fn a_workshop_survives_sigkill_resumes_and_exports() {
    let t = Tmux::new("workshop");
    t.start(
        "one",
        &[
            "new",
            "--squad",
            "E2E Squad",
            "--participant",
            "Ana",
            "--participant",
            "Ben",
        ],
    );
    t.wait_for("one", "Agenda");
    // The DORA questions: two participants vote, the votes show, the squad agrees on one.
    t.keys("one", &["Enter"]);
    t.wait_for("one", "Lead time for changes");
    t.keys("one", &["5"]);
    let hidden = t.wait_for("one", "Votes 1 of 2");
    assert!(
        hidden.contains("● voted") && !hidden.contains("mean"),
        "{hidden}"
    );
    t.keys("one", &["6"]);
    t.wait_for("one", "mean 5.5 · median 5.5 · spread 1");
    t.keys("one", &["a", "5"]);
    t.wait_for("one", "agreed 5 Less than one day");
    t.keys("one", &["Right", "6", "6", "Right", "5"]);
    // The third question with one vote (the second showed "Votes 1 of 2" on the way).
    t.wait_until("one", "Ana's vote on the third question", |s| {
        s.contains("question 3 of 4") && s.contains("Votes 1 of 2")
    });

    // Killed mid-question: every vote cast so far is on disk.
    t.sigkill("one");
    let path = checkpoint_file(&t.home());
    let text = std::fs::read_to_string(&path).unwrap();
    let saved: toml::Table = toml::from_str(&text).unwrap();
    let answers = saved["answers"].as_table().unwrap();
    assert_eq!(
        answers["dora.lead-time"]["agreed"].as_integer(),
        Some(5),
        "{text}"
    );
    assert_eq!(
        answers["dora.time-to-restore"]["votes"]["Ana"].as_integer(),
        Some(5),
        "{text}"
    );
    assert_eq!(
        saved["session"]["question"].as_str(),
        Some("dora.time-to-restore")
    );

    // Resumed: the same question, Ana's vote hidden, Ben still to vote.
    t.start("two", &["resume"]);
    let resumed = t.wait_for("two", "Time to restore service");
    assert!(resumed.contains("question 3 of 4"), "{resumed}");
    assert!(resumed.contains("Votes 1 of 2"), "{resumed}");
    t.keys("two", &["4", "Right", "6", "6"]);
    t.wait_for("two", "4/4 done");
    t.keys("two", &["r"]);
    t.wait_for("two", "Elite");
    t.keys("two", &["s"]);
    t.wait_for("two", "e exports it to");
    t.keys("two", &["e", "Enter"]);
    t.wait_for("two", "Exported to");
    t.keys("two", &["q"]);
    t.wait_dead("two", "q did not quit");

    let summary = std::fs::read_to_string(path.with_extension("md")).unwrap();
    assert!(summary.starts_with("# E2E Squad | "), "{summary}");
    assert!(
        summary.contains("DevOps maturity is... **Elite**!"),
        "{summary}"
    );
    assert!(summary.contains("| Participants | Ana, Ben |"), "{summary}");
    let saved: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let answers = saved["answers"].as_table().unwrap();
    assert_eq!(
        answers["dora.time-to-restore"]["votes"]["Ben"].as_integer(),
        Some(4)
    );
    assert_eq!(
        answers["dora.change-failure-rate"]["votes"]
            .as_table()
            .unwrap()
            .len(),
        2
    );
    // Nothing but the checkpoint, its summary and the lock file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(t.home())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let stem = path.file_stem().unwrap().to_string_lossy();
    assert_eq!(
        names,
        [
            format!(".{stem}.toml.lock"),
            format!("{stem}.md"),
            format!("{stem}.toml"),
        ]
    );
}

#[test]
fn a_second_window_on_the_same_checkpoint_is_refused() {
    let t = Tmux::new("lock");
    let new = [
        "new",
        "--squad",
        "Locked",
        "--participant",
        "Ana",
        "--date",
        "2026-01-15",
        "--tribe",
        "Payments",
    ];
    t.start("one", &new);
    t.wait_for("one", "Agenda");
    let path = checkpoint_file(&t.home());
    assert!(
        path.ends_with("locked-2026-01-15.toml"),
        "{}",
        path.display()
    );
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("tribe = \"Payments\""), "{saved}");
    t.start("two", &["resume", path.to_str().unwrap()]);
    t.wait_dead("two", "the second window stayed open");
    let screen = t.screen("two");
    assert!(
        screen.contains("is open in another checkpoint window"),
        "{screen}"
    );
    // The first window goes on working.
    t.keys("one", &["Enter", "4"]);
    t.wait_for("one", "Votes 1 of 1");
}

#[test]
fn resizing_to_a_tiny_pane_and_back_never_breaks_the_screen() {
    let t = Tmux::new("resize");
    t.start("one", &["new", "--squad", "Resize", "--participant", "Ana"]);
    t.wait_for("one", "Agenda");
    t.keys("one", &["Enter"]);
    t.wait_for("one", "Lead time for changes");
    for (w, h) in [("20", "5"), ("79", "24"), ("100", "30")] {
        t.tmux(&["resize-window", "-t", "main:one", "-x", w, "-y", h]);
        if w == "100" {
            t.wait_for("one", "Lead time for changes");
        } else {
            t.wait_for("one", "terminal too small");
        }
    }
    assert!(!t.pane_dead("one"));
    t.keys("one", &["5"]);
    t.wait_for("one", "Votes 1 of 1");
}

#[test]
fn a_squad_plans_flow_improvements_and_actions_and_exports_them() {
    let t = Tmux::new("plan");
    t.start(
        "plan",
        &[
            "new",
            "--squad",
            "Plan Squad",
            "--participant",
            "Ana",
            "--participant",
            "Ben",
        ],
    );
    t.wait_for("plan", "Agenda");
    // The flow: three stages, CI automated, deployments failing at the last.
    t.keys("plan", &["f"]);
    t.wait_for("plan", "no stages yet");
    t.keys(
        "plan",
        &["a", "Write code", "Enter", "a", "CI", "Enter", "m"],
    );
    t.keys("plan", &["a", "Deploy", "Enter", "x"]);
    let flow = t.wait_for("plan", "manual ⚠ fails");
    assert!(flow.contains("3 stages · 2 manual"), "{flow}");
    assert!(flow.contains("──▶"), "{flow}");
    // Three improvements: one on the failing stage, two in the squad's words.
    t.keys("plan", &["n", "Automate the deploy", "Enter", "i"]);
    t.wait_for("plan", "Automate the deploy");
    for text in ["Fix flaky tests", "Shorter reviews"] {
        t.keys("plan", &["a", "Enter", text, "Enter"]);
        t.wait_for("plan", text);
    }
    // Ana puts her three dots on the deploy; Ben two on the tests and one on the reviews.
    t.keys("plan", &["k", "k", "+", "+", "+"]);
    let hidden = t.wait_for("plan", "Ben's dots");
    assert!(hidden.contains("dots hidden: 3 of 6 placed"), "{hidden}");
    t.keys("plan", &["j", "+", "+", "j", "+"]);
    let ranked = t.wait_for("plan", "ranked by dots");
    let order: Vec<&str> = ranked
        .lines()
        .filter(|l| l.contains('★'))
        .filter_map(|l| {
            ["Automate the deploy", "Fix flaky tests", "Shorter reviews"]
                .into_iter()
                .find(|t| l.contains(&format!(" {t} ")))
        })
        .collect();
    assert_eq!(
        order,
        ["Automate the deploy", "Fix flaky tests", "Shorter reviews"],
        "{ranked}"
    );
    // Actions: one typed for the top improvement, one from the deployment kit.
    t.keys("plan", &["c"]);
    t.wait_for("plan", "p: starter backlog");
    t.keys(
        "plan",
        &[
            "Enter",
            "Script the deploy",
            "Enter",
            "Ana",
            "Enter",
            "2027-02-01",
            "Enter",
        ],
    );
    t.wait_for("plan", "Ana · due 2027-02-01");
    t.keys("plan", &["p"]);
    t.wait_for("plan", "Definition of done");
    t.keys("plan", &["Space", "Enter"]);
    t.wait_for("plan", "Added 1 action");
    t.keys("plan", &["s"]);
    t.wait_for("plan", "e exports it to");
    t.keys("plan", &["e", "Enter"]);
    t.wait_for("plan", "Exported to");
    t.keys("plan", &["q"]);
    t.wait_dead("plan", "q did not quit");

    let path = checkpoint_file(&t.home());
    let md = std::fs::read_to_string(path.with_extension("md")).unwrap();
    assert!(
        md.contains("Write code (manual) → CI (automated) → Deploy (manual, deployments fail)"),
        "{md}"
    );
    assert!(md.contains("| 3 | Deploy | manual | ⚠ yes |"), "{md}");
    assert!(
        md.contains("| 1 | **Automate the deploy** | Stage: Deploy | 3 (Ana 3) |"),
        "{md}"
    );
    assert!(
        md.contains("| 2 | **Fix flaky tests** | – | 2 (Ben 2) |"),
        "{md}"
    );
    assert!(
        md.contains("| 3 | **Shorter reviews** | – | 1 (Ben 1) |"),
        "{md}"
    );
    assert!(
        md.contains(
            "### Automate the deploy\n\n| Action | Owner | Due |\n|---|---|---|\n\
             | Script the deploy | Ana | 2027-02-01 |\n\
             | Continuous deployment to dev | – | – |\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("Definition of done (Deployment automation foundations):"),
        "{md}"
    );
}
