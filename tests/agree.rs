//! The summary the workshop screen exports and the one `checkpoint export` prints are the same
//! text, byte for byte, whatever state the checkpoint is in: votes hidden or revealed, a
//! participant added late, one absent for a part, dots not all placed, a solo assessment.

use std::path::Path;
use std::process::Command;

use checkpoint::checkpoint::{Checkpoint, Improvement, Mode, Store, Vote};
use checkpoint::tui::app::Workshop;
use crossterm::event::KeyCode;

mod harness;
use harness::{Harness, today};

const DORA: [&str; 4] = [
    "dora.lead-time",
    "dora.deploy-frequency",
    "dora.time-to-restore",
    "dora.change-failure-rate",
];

fn squad(name: &str, people: &[&str]) -> Checkpoint {
    let mut c = Checkpoint::new(name, today());
    c.facilitator = "Fran".into();
    for p in people {
        c.add_participant(p).unwrap();
    }
    c
}

/// Everyone in `people` votes `value` on every DORA question.
fn dora(c: &mut Checkpoint, people: &[&str], value: u8) {
    for q in DORA {
        for p in people {
            c.vote(q, p, Vote::Value(value));
        }
    }
}

/// The checkpoints, each in one state, by name.
fn states() -> Vec<(&'static str, Checkpoint)> {
    let mut hidden = squad("Hidden", &["Ana", "Ben", "Cy"]);
    dora(&mut hidden, &["Ana", "Ben", "Cy"], 5);
    hidden.clear_vote("dora.lead-time", "Cy");
    hidden.vote("baseline.culture.safety", "Ana", Vote::Value(2));
    hidden
        .improvements
        .push(Improvement::new("Faster CI", None));
    hidden.add_dot(0, "Ana").unwrap();

    let mut revealed = hidden.clone();
    revealed.squad = "Revealed".into();
    revealed.set_revealed("dora.lead-time", true);
    revealed.set_revealed("baseline.culture.safety", true);
    revealed.dot_voting.revealed = true;

    let mut late = squad("Late", &["Ana", "Ben", "Cy"]);
    dora(&mut late, &["Ana", "Ben", "Cy"], 4);
    late.add_participant("Dee").unwrap();
    late.vote("dora.lead-time", "Dee", Vote::Value(6));

    let mut absent = squad("Absent", &["Ana", "Ben", "Cy"]);
    absent.set_absent("dora", "Cy", true).unwrap();
    dora(&mut absent, &["Ana", "Ben"], 6);
    absent.vote("baseline.culture.safety", "Cy", Vote::Value(3));

    let mut solo = squad("Solo", &["Dana"]);
    solo.mode = Mode::Solo;
    dora(&mut solo, &["Dana"], 3);
    solo.vote("baseline.culture.safety", "Dana", Vote::NotApplicable);

    vec![
        ("hidden", hidden),
        ("revealed", revealed),
        ("late", late),
        ("absent", absent),
        ("solo", solo),
    ]
}

/// What the summary screen's export key writes for the checkpoint at `path`.
fn screen_export(h: &mut Harness, path: &Path) -> String {
    let (work, warning) = Workshop::open(path, &h.app.catalog, h.now).unwrap();
    assert_eq!(warning, None);
    h.app.resume(work, None);
    h.keys("s");
    h.keys("e");
    h.enter();
    assert_eq!(
        h.app.status.as_ref().map(|s| s.error),
        Some(false),
        "exported"
    );
    h.press(KeyCode::Esc);
    std::fs::read_to_string(path.with_extension("md")).unwrap()
}

/// What `checkpoint export` prints for it.
fn cli_export(h: &Harness, path: &Path) -> (String, String) {
    let dir = h.dir.path();
    let out = Command::new(env!("CARGO_BIN_EXE_checkpoint"))
        .args(["export", path.to_str().unwrap()])
        .env("CHECKPOINT_HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("HOME", dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn the_screen_and_the_command_line_export_the_same_summary() {
    let mut h = Harness::new();
    let store = Store::new(h.dir.path().join("home"));
    for (state, checkpoint) in states() {
        let path = store.save_new(&checkpoint).unwrap();
        let shown = screen_export(&mut h, &path);
        let (printed, note) = cli_export(&h, &path);
        assert_eq!(shown, printed, "{state}: the two exports differ");
        let hidden = match state {
            "hidden" => "Votes on 2 questions are not revealed yet",
            "absent" => "Votes on 1 question are not revealed yet",
            _ => "",
        };
        if hidden.is_empty() {
            assert!(!shown.contains("not revealed yet"), "{state}: {shown}");
            assert!(note.is_empty(), "{state}: {note}");
        } else {
            assert!(shown.contains(hidden), "{state}: {shown}");
            assert!(note.contains("are not revealed yet"), "{state}: {note}");
        }
        match state {
            "hidden" => {
                assert!(shown.contains("The level is not determined yet"), "{shown}");
                assert!(!shown.contains("(Ana 1)"), "hidden dots: {shown}");
            }
            "revealed" => {
                assert!(shown.contains("DevOps maturity is... **High**!"), "{shown}");
                assert!(shown.contains("(Ana 1)"), "revealed dots: {shown}");
            }
            "late" => assert!(
                shown.contains("(4.5) | 4 ×3 · 6 ×1 |"),
                "Dee's late vote joins what the squad saw: {shown}"
            ),
            "absent" => {
                assert!(
                    shown.contains("DevOps maturity is... **Elite**!"),
                    "Cy is not waited for on DORA: {shown}"
                );
                assert!(
                    shown.contains("| Absent | Cy (DevOps maturity) |"),
                    "{shown}"
                );
            }
            _ => {}
        }
    }
}
