//! Screen tests: the app driven by key presses, drawn on an 80×24 `TestBackend` and compared
//! with insta snapshots; plus what the screens must do to the checkpoint file.

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Checkpoint, Mode, Store, Vote};
use checkpoint::tui::app::{App, Screen, Workshop};
use checkpoint::tui::theme::Theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;

mod harness;
use harness::{Harness, today};
use ratatui::style::Modifier;

#[test]
fn a_solo_run_from_home_to_summary() {
    let mut h = Harness::new();
    assert_snapshot!("home_empty", h.screen());

    h.keys("s");
    assert_snapshot!("solo_squad_prompt", h.screen());
    h.keys("Platform");
    h.enter();
    assert!(
        h.path().exists(),
        "the checkpoint is saved once it has a name"
    );
    // Your name is the third row.
    h.keys("jj");
    h.enter();
    h.keys("Dana");
    h.enter();
    assert_snapshot!("solo_setup", h.screen());
    assert_eq!(h.saved().participants, ["Dana"]);
    assert_eq!(h.saved().facilitator, "Dana");

    for _ in 0..4 {
        h.press(KeyCode::Down);
    }
    h.enter();
    assert_snapshot!("solo_agenda", h.screen());
    h.enter();
    // Alone, a vote shows at once and moves nothing else.
    h.keys("5");
    assert_snapshot!("solo_voting", h.screen());
    h.enter();
    h.keys("6");
    h.enter();
    h.keys("5");
    h.enter();
    h.keys("6");
    h.enter();
    assert!(
        matches!(h.app.screen, Screen::Reveal(_)),
        "the level is revealed"
    );
    h.enter();
    assert!(
        matches!(h.app.screen, Screen::Voting(_)),
        "on to the capabilities"
    );
    h.keys("r");
    assert_snapshot!("solo_results", h.screen());
    h.keys("b");
    assert_snapshot!("solo_board", h.screen());
    h.enter();
    h.keys("2");
    h.keys("s");
    assert_snapshot!("solo_summary", h.screen());
    h.keys("e");
    h.enter();
    let exported = h.path().with_extension("md");
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(
        text.starts_with("# Platform | 2023-01 | DevOps Checkpoint"),
        "{text}"
    );
    assert!(text.contains("**Elite**"), "{text}");
    assert_snapshot!("solo_exported", h.screen());

    let saved = h.saved();
    assert_eq!(saved.mode, Mode::Solo);
    assert_eq!(
        saved.answers["dora.lead-time"].votes["Dana"],
        Vote::Value(5)
    );
}

#[test]
fn a_three_person_workshop_votes_hidden_until_everyone_voted() {
    let mut h = Harness::workshop();
    assert_snapshot!("workshop_agenda", h.screen());
    h.enter();
    h.keys("5");
    h.keys("3");
    // Two of three voted: the values stay hidden.
    let hidden = h.screen();
    assert!(hidden.contains("● voted"), "{hidden}");
    assert!(!hidden.contains("mean"), "{hidden}");
    assert_snapshot!("workshop_voting_hidden", hidden);
    h.keys("6");
    assert_snapshot!("workshop_voting_revealed", h.screen());

    h.keys("a");
    assert_snapshot!("workshop_agree", h.screen());
    h.keys("5");
    h.keys("e");
    h.keys("Ops counts from merge");
    h.enter();
    let saved = h.saved();
    let answer = &saved.answers["dora.lead-time"];
    assert_eq!(answer.agreed, Some(Vote::Value(5)));
    assert_eq!(answer.note, "Ops counts from merge");
    assert_eq!(answer.votes.len(), 3);

    // The next question: reveal early, then hide again.
    h.enter();
    h.keys("4v");
    assert!(h.screen().contains("mean 4"));
    h.keys("v");
    assert!(!h.screen().contains("mean 4"));

    h.keys("?");
    assert_snapshot!("workshop_help", h.screen());
    h.press(KeyCode::Esc);

    // Pass the keyboard: each digit goes to the next person in turn.
    h.keys("p");
    assert_snapshot!("workshop_pass_keyboard", h.screen());
    h.keys("66");
    let votes = &h.saved().answers["dora.deploy-frequency"].votes;
    assert_eq!(votes["Ben"], Vote::Value(6));
    assert_eq!(votes["Cy"], Vote::Value(6));
    assert_eq!(votes["Ana"], Vote::Value(4));
}

#[test]
fn the_results_show_level_baseline_and_disagreement() {
    let mut h = Harness::workshop();
    h.enter();
    for votes in ["565", "666", "555", "466"] {
        h.keys(votes);
        h.enter();
    }
    // The baseline's first section.
    h.open_part(2);
    for votes in ["303", "222", "111"] {
        h.keys(votes);
        h.enter();
    }
    h.keys("r");
    let screen = h.screen();
    assert!(screen.contains("Elite"), "{screen}");
    assert_snapshot!("workshop_results", screen);
    h.enter();
    assert_snapshot!("workshop_drill", h.screen());
    // Enter on an item votes on it, and Esc comes back to the results.
    h.enter();
    assert!(matches!(h.app.screen, Screen::Voting(_)));
    assert!(h.screen().contains("Source control"));
    h.press(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Results(_)));
}

#[test]
fn votes_not_yet_shown_stay_off_every_shared_screen() {
    let mut h = Harness::workshop();
    h.open_part(2);
    // Two of three voted on Source control: far apart, but hidden.
    h.keys("03");
    h.keys("r");
    let results = h.screen();
    assert!(results.contains("1 question still hidden"), "{results}");
    assert!(!results.contains("Source control"), "{results}");
    h.keys("s");
    let summary = h.screen();
    assert!(
        summary.contains("1 question has votes still hidden"),
        "{summary}"
    );
    // Revealed, they count.
    h.open_part(2);
    h.keys("v");
    h.keys("r");
    assert!(h.screen().contains("Source control"));
}

#[test]
fn passing_the_keyboard_the_voter_cannot_reveal_the_others() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("p5v");
    let screen = h.screen();
    assert!(screen.contains("It is Ben's turn"), "{screen}");
    assert!(!screen.contains("mean"), "{screen}");
}

#[test]
fn a_new_checkpoint_nobody_joined_can_be_discarded() {
    let mut h = Harness::new();
    h.keys("n");
    h.keys("Oops");
    h.enter();
    let path = h.path();
    assert!(path.exists());
    h.press(KeyCode::Esc);
    let screen = h.screen();
    assert!(screen.contains("Discard this new"), "{screen}");
    h.keys("y");
    assert!(!path.exists());
    assert!(matches!(h.app.screen, Screen::Home(_)));
    assert!(h.screen().contains("Discarded the new checkpoint."));
    assert_eq!(
        std::fs::read_dir(h.dir.path().join("home"))
            .unwrap()
            .count(),
        0
    );
}

#[test]
fn quitting_while_typing_keeps_the_text() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("e");
    h.keys("half typed");
    h.app.key(
        &KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
        h.now,
    );
    assert!(h.app.should_quit());
    assert_eq!(h.saved().answers["dora.lead-time"].note, "half typed");
}

#[test]
fn a_new_date_in_setup_renames_the_file_the_store_named() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("5");
    let before = h.path();
    assert!(before.ends_with("partner-tooling-2023-01-17.toml"));
    h.keys("u");
    // The date is row 4.
    h.keys("jjj");
    h.enter();
    for _ in 0..10 {
        h.press(KeyCode::Backspace);
    }
    h.keys("2023-01-20");
    h.enter();
    let after = h.path();
    assert!(
        after.ends_with("partner-tooling-2023-01-20.toml"),
        "{}",
        after.display()
    );
    assert!(!before.exists(), "the old name is gone");
    let saved = h.saved();
    assert_eq!(saved.date.to_string(), "2023-01-20");
    assert_eq!(saved.answers["dora.lead-time"].votes["Ana"], Vote::Value(5));
    let home = h.dir.path().join("home");
    let mut files: Vec<String> = std::fs::read_dir(&home)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            ".partner-tooling-2023-01-20.toml.lock",
            "partner-tooling-2023-01-20.toml"
        ]
    );
    // The next key saves where it is now.
    h.press(KeyCode::Esc);
    assert_eq!(h.path(), after);
}

#[test]
fn setup_adds_renames_and_removes_participants_with_their_votes() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("5");
    h.keys("u");
    assert_snapshot!("workshop_setup", h.screen());
    // Rename Ana (row 7, under the dots): her vote follows her.
    h.keys("jjjjjj");
    h.enter();
    for _ in 0..3 {
        h.press(KeyCode::Backspace);
    }
    h.keys("Anna");
    h.enter();
    assert_eq!(
        h.saved().answers["dora.lead-time"].votes["Anna"],
        Vote::Value(5)
    );
    // A name taken by someone else is refused, in the popup.
    h.press(KeyCode::Down);
    h.enter();
    h.press(KeyCode::Esc);
    h.keys("a");
    h.keys("ben");
    h.enter();
    assert!(h.screen().contains("`ben` is already a participant"));
    h.press(KeyCode::Esc);
    // Removing someone who voted asks first.
    h.press(KeyCode::Up);
    h.keys("d");
    assert_snapshot!("workshop_remove_confirm", h.screen());
    h.keys("y");
    let saved = h.saved();
    assert_eq!(saved.participants, ["Ben", "Cy"]);
    assert!(!saved.answers.contains_key("dora.lead-time"));
}

#[test]
fn every_change_is_on_disk_and_resume_returns_to_the_same_question() {
    let mut h = Harness::workshop();
    h.enter();
    h.enter();
    h.keys("4");
    h.wait(90);
    h.keys("5");
    // Saved before the next key: another reader sees both votes and where the screen is.
    let saved = h.saved();
    let votes = &saved.answers["dora.deploy-frequency"].votes;
    assert_eq!(votes.len(), 2);
    assert_eq!(saved.session.question, "dora.deploy-frequency");
    assert_eq!(saved.session.seconds["dora"], 90);

    // While it is open, a second window cannot open it for writing.
    let path = h.path();
    let catalog = Catalog::builtin().unwrap();
    let err = Workshop::open(&path, &catalog, h.now).unwrap_err();
    assert!(
        format!("{err:#}").contains("open in another checkpoint window"),
        "{err:#}"
    );

    // Closed (the process ends), it resumes on the same question with its votes hidden.
    drop(h.app);
    let mut app = App::new(
        catalog,
        Store::new(h.dir.path().join("home")),
        today(),
        h.now,
    );
    assert!(app.open(&path));
    let Screen::Voting(state) = &app.screen else {
        panic!("resumed on {:?}", app.screen);
    };
    assert_eq!((state.part, state.index), (0, 1));
    assert_eq!(state.selected, 2, "Cy is next to vote");
    app.update(checkpoint::tui::keymap::Action::Vote(6), h.now);
    let saved = checkpoint::checkpoint::load(&path).unwrap();
    assert_eq!(
        saved.answers["dora.deploy-frequency"].votes["Cy"],
        Vote::Value(6)
    );
}

#[test]
fn small_terminals_get_one_line_and_every_size_draws() {
    let mut h = Harness::workshop();
    h.enter();
    h.keys("5");
    let terminal = h.draw(79, 24);
    let first: String = (0..79)
        .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_string())
        .collect();
    assert_eq!(
        first.trim_end(),
        "terminal too small (79×24), need at least 80×24"
    );
    // No size makes a screen panic, with every popup too.
    for keys in ["", "?", "a", "e", "t", "r", "rj\n", "b", "s", "g", "u"] {
        let mut h = Harness::workshop();
        h.enter();
        for c in keys.chars() {
            if c == '\n' {
                h.enter();
            } else {
                h.keys(&c.to_string());
            }
        }
        for (w, hgt) in [
            (0, 0),
            (1, 1),
            (20, 5),
            (80, 24),
            (81, 25),
            (200, 50),
            (300, 100),
        ] {
            h.draw(w, hgt);
        }
    }
}

#[test]
fn without_colour_the_selection_and_votes_still_show() {
    let mut h = Harness::workshop();
    h.app.theme = Theme::monochrome();
    h.enter();
    h.keys("565");
    let terminal = h.draw(80, 24);
    let buffer = terminal.backend().buffer();
    let mut reversed_rows = 0;
    for y in 0..buffer.area.height {
        let row: Vec<_> = (0..buffer.area.width).map(|x| &buffer[(x, y)]).collect();
        assert!(
            row.iter()
                .all(|c| c.fg == ratatui::style::Color::Reset
                    && c.bg == ratatui::style::Color::Reset),
            "row {y} has a colour"
        );
        if row.iter().any(|c| c.modifier.contains(Modifier::REVERSED)) {
            reversed_rows += 1;
        }
    }
    // The header bar and the selected participant are in reverse video.
    assert!(reversed_rows >= 2, "{reversed_rows}");
    assert!(h.screen().contains("› Cy"));
}

#[test]
fn the_squad_draws_its_flow_dot_votes_improvements_and_owns_actions() {
    let mut h = Harness::workshop();
    // The delivery flow: start from the typical path, automate CI, mark where deploys fail,
    // move staging after production, remove production, and add a stage at the end.
    h.keys("f");
    assert!(h.screen().contains("no stages yet"));
    h.keys("t");
    h.keys("lll");
    h.keys("m");
    h.keys("lx");
    h.keys("l>");
    h.keys("hd");
    h.keys("a");
    h.keys("Smoke tests");
    h.enter();
    assert_snapshot!("workshop_flow", h.screen());
    let flow: Vec<(String, bool, bool)> = h
        .saved()
        .flow
        .iter()
        .map(|s| (s.name.clone(), s.automated, s.fails))
        .collect();
    let stage = |name: &str, automated, fails| (name.to_string(), automated, fails);
    assert_eq!(
        flow,
        [
            stage("Write code", false, false),
            stage("Pull request", false, false),
            stage("Code review", false, false),
            stage("CI build and tests", true, false),
            stage("Deploy to dev", false, true),
            stage("Deploy to staging", false, false),
            stage("Smoke tests", false, false),
        ]
    );
    // An improvement noted on the selected stage.
    h.keys("n");
    h.keys("Automate smoke tests");
    h.enter();

    // Improvements: one from a suggestion, one in our own words.
    h.keys("i");
    h.keys("a");
    assert_snapshot!("workshop_suggestions", h.screen());
    h.keys("j");
    h.enter();
    h.enter();
    h.keys("a");
    h.enter();
    h.keys("Deploy on every merge");
    h.enter();
    let saved = h.saved();
    assert_eq!(saved.improvements.len(), 3);
    assert_eq!(
        saved.improvements[0].concerns,
        Some(checkpoint::checkpoint::Concern::Stage("Smoke tests".into()))
    );
    assert!(matches!(
        saved.improvements[1].concerns,
        Some(checkpoint::checkpoint::Concern::Milestone(_))
    ));
    // Ana puts all three dots on the last, Ben two on the first: still hidden.
    h.keys("+++");
    assert!(h.screen().contains("has placed all their dots"));
    h.keys("kk++");
    let screen = h.screen();
    assert!(screen.contains("dots hidden: 5 of 9 placed"), "{screen}");
    assert_snapshot!("workshop_dots_hidden", screen);
    assert_eq!(h.saved().dots_left("Ben"), 1);
    // Ben's last dot moves the keys on to Cy; back on Ben, a fourth is refused.
    h.keys("j+");
    assert!(h.screen().contains("Cy's dots"), "{}", h.screen());
    h.keys("h+");
    assert!(h.screen().contains("Ben has placed all 3 of their dots"));
    h.keys("lj+++");
    assert_snapshot!("workshop_improvements_ranked", h.screen());
    let ranking: Vec<(usize, u32, usize)> = h
        .saved()
        .ranking()
        .iter()
        .map(|r| (r.index, r.dots, r.rank))
        .collect();
    assert_eq!(ranking, [(2, 6, 1), (0, 2, 2), (1, 1, 3)]);

    // Actions: one typed with an owner and a due date, two from the kit's starter backlog. The
    // owner typed as `ben` is the participant Ben.
    h.keys("c");
    h.enter();
    h.keys("Turn on deploy-on-merge for the API");
    h.enter();
    h.keys("ben");
    h.enter();
    h.keys("2023-03-31");
    h.enter();
    h.keys("p");
    h.keys(" j ");
    h.enter();
    assert_snapshot!("workshop_actions", h.screen());
    let saved = h.saved();
    let actions: Vec<(&str, &str, Option<String>, Option<usize>)> = saved
        .actions
        .iter()
        .map(|a| {
            let due = a.due.map(|d| d.to_string());
            (a.text.as_str(), a.owner.as_str(), due, a.improvement)
        })
        .collect();
    assert_eq!(
        actions,
        [
            (
                "Turn on deploy-on-merge for the API",
                "Ben",
                Some("2023-03-31".into()),
                Some(2)
            ),
            ("Continuous deployment to dev", "", None, Some(2)),
            ("Post-deployment smoke tests", "", None, Some(2)),
        ]
    );
    assert_eq!(
        saved.improvements[2].kit.as_deref(),
        Some("kits.deployment-automation")
    );
    // A bad due date is refused in the popup, and nothing changes.
    h.keys("j");
    h.enter();
    h.enter();
    h.keys("Cy");
    h.enter();
    h.keys("soon");
    h.enter();
    assert!(h.screen().contains("`soon` is not a date"));
    h.press(KeyCode::Esc);
    assert_eq!(h.saved().actions[1].owner, "Cy");
    assert_eq!(h.saved().actions[1].due, None);
}

#[test]
fn the_next_checkpoint_brings_over_participants_and_actions_and_shows_the_change() {
    let mut h = Harness::workshop();
    h.enter();
    // Everyone answers the DORA questions the same way.
    for _ in 0..4 {
        h.keys("444");
        h.enter();
    }
    h.keys("c");
    h.keys("a");
    h.keys("Write the runbook");
    h.enter();
    h.keys("Ana");
    h.enter();
    h.enter();
    h.keys("q");
    let first = h.path();

    // Three months later, a new checkpoint of the same squad.
    let store = Store::new(h.dir.path().join("home"));
    let later = jiff::civil::date(2023, 4, 17);
    h.app = App::new(Catalog::builtin().unwrap(), store, later, h.now);
    let mut c = Checkpoint::new("partner tooling", later);
    c.add_participant("Dee").unwrap();
    h.app.start_with(c);
    assert!(h.screen().contains("met on 2023-01-17"), "{}", h.screen());
    h.keys("y");
    let saved = h.saved();
    assert_ne!(h.path(), first);
    assert_eq!(saved.participants, ["Dee", "Ana", "Ben", "Cy"]);
    assert_eq!(saved.previous_actions.len(), 1);
    h.keys("c");
    h.keys("j ");
    assert!(h.saved().previous_actions[0].done);
    // Better DORA answers this time; the results say what changed.
    h.open_part(0);
    for _ in 0..4 {
        h.keys("5555");
        h.enter();
    }
    h.keys("r");
    assert_snapshot!("next_results_since", h.screen());
    h.keys("h");
    assert_snapshot!("next_since_popup", h.screen());
    // The summary page (and its export) says the same and lists the earlier checkpoint.
    h.press(KeyCode::Esc);
    h.keys("s");
    let Screen::Summary(summary) = &h.app.screen else {
        panic!("not on the summary");
    };
    assert!(
        summary
            .text
            .contains("| DevOps maturity | Medium | High | ↑ up |"),
        "{}",
        summary.text
    );
    assert!(summary.text.contains("## Past DevOps checkpoints"));
    assert!(
        summary
            .text
            .contains("| Write the runbook | Ana | – | ✓ done |")
    );
}
