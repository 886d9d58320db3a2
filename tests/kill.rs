//! The kill test: SIGKILL the workshop screen at random points, in tmux, and check that every
//! file loads, that nothing the screen acknowledged is lost, and that the next `resume` opens
//! where the killed one was (its lock and any half-written save no hindrance).
//!
//! The test types a seeded pseudo-random sequence of votes, clears, reveals and moves on the
//! four DORA questions, three participants, and keeps a model of what the file must hold. A
//! key is acknowledged once the screen shows what it changed: the screen is drawn after the
//! key's save, so what it shows is on disk. A kill lands either right after an acknowledged
//! key or in the middle of a burst sent without waiting; the file must then be the model after
//! the last acknowledged key or after some later key of the burst, never less, never a mix.
//! Each resume must find the lock free and clean up the temporary files of a killed save (one
//! is planted every round, as a kill seldom lands inside a save's millisecond).
//! `CHECKPOINT_KILL_SEED=N` replays a run; a failure prints its seed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::{Duration, Instant};

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::Checkpoint;

#[path = "harness/tmux.rs"]
mod tmux;
use tmux::{Tmux, checkpoint_file};

const ROUNDS: usize = 24;
const PEOPLE: [&str; 3] = ["Ana", "Ben", "Cy"];
const QUESTIONS: [&str; 4] = [
    "dora.lead-time",
    "dora.deploy-frequency",
    "dora.time-to-restore",
    "dora.change-failure-rate",
];

/// xorshift64: enough randomness for key sequences, replayable from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What the test changes in a checkpoint: the question on screen, the votes (as the screen
/// writes them: `5`, `n/a`) and the questions whose votes the facilitator revealed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Model {
    question: usize,
    votes: BTreeMap<(usize, usize), String>,
    revealed: BTreeSet<usize>,
}

/// One thing the facilitator does: each ends in the one key that changes the checkpoint.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// Select the participant, press the key (`1`-`6`, `n`, or a digit off the 1-6 scale).
    Vote(usize, char),
    Clear(usize),
    Reveal,
    Next,
    Previous,
}

impl Step {
    fn random(rng: &mut Rng, model: &Model) -> Step {
        match rng.below(20) {
            0..=10 => {
                let key = b"1234561234560n79"[rng.below(16)];
                Step::Vote(rng.below(PEOPLE.len()), char::from(key))
            }
            11..=12 => Step::Clear(rng.below(PEOPLE.len())),
            13..=14 => Step::Reveal,
            // Right on the last question would leave for the next part: not modelled.
            15..=17 if model.question + 1 < QUESTIONS.len() => Step::Next,
            _ => Step::Previous,
        }
    }

    /// The keys: the participant is selected from the top (k and j, clamped), so the model
    /// needs no notion of where the selection was.
    fn keys(self) -> Vec<String> {
        let select = |who: usize| {
            let mut keys = vec!["k".to_string(); PEOPLE.len() - 1];
            keys.extend(std::iter::repeat_n("j".to_string(), who));
            keys
        };
        match self {
            Step::Vote(who, key) => [select(who), vec![key.to_string()]].concat(),
            Step::Clear(who) => [select(who), vec!["BSpace".to_string()]].concat(),
            Step::Reveal => vec!["v".into()],
            Step::Next => vec!["l".into()],
            Step::Previous => vec!["h".into()],
        }
    }

    fn apply(self, m: &mut Model) {
        let q = m.question;
        match self {
            Step::Vote(who, key @ '1'..='6') => {
                m.votes.insert((q, who), key.to_string());
            }
            Step::Vote(who, 'n') => {
                m.votes.insert((q, who), "n/a".into());
            }
            Step::Vote(..) => {} // off the scale: refused
            Step::Clear(who) => {
                m.votes.remove(&(q, who));
            }
            Step::Reveal if !m.revealed.remove(&q) => {
                m.revealed.insert(q);
            }
            Step::Reveal => {}
            Step::Next => m.question = (q + 1).min(QUESTIONS.len() - 1),
            Step::Previous => m.question = q.saturating_sub(1),
        }
    }
}

/// What the voting screen shows of a question: its number, each participant's status and
/// whether the votes are hidden.
#[derive(Debug, PartialEq)]
struct View {
    question: usize,
    rows: Vec<String>,
    hidden: bool,
}

impl Model {
    fn view(&self) -> View {
        let q = self.question;
        let everyone = (0..PEOPLE.len()).all(|p| self.votes.contains_key(&(q, p)));
        let hidden = !everyone && !self.revealed.contains(&q);
        let rows = (0..PEOPLE.len())
            .map(|p| match (self.votes.get(&(q, p)), hidden) {
                (None, _) => "○ not yet".to_string(),
                (Some(_), true) => "● voted".to_string(),
                (Some(v), false) => v.clone(),
            })
            .collect();
        View {
            question: q,
            rows,
            hidden,
        }
    }

    /// The model of a saved checkpoint; it holds nothing the test did not type.
    fn of(c: &Checkpoint) -> Model {
        assert_eq!(c.session.part, "dora");
        let mut m = Model {
            question: QUESTIONS
                .iter()
                .position(|q| *q == c.session.question)
                .expect("the session is on a DORA question"),
            ..Model::default()
        };
        for (id, answer) in &c.answers {
            let q = QUESTIONS
                .iter()
                .position(|x| x == id)
                .expect("a DORA answer");
            assert!(
                answer.agreed.is_none() && answer.note.is_empty(),
                "{answer:?}"
            );
            if answer.revealed {
                m.revealed.insert(q);
            }
            for (name, vote) in &answer.votes {
                let p = PEOPLE
                    .iter()
                    .position(|x| x == name)
                    .expect("a participant");
                m.votes.insert((q, p), vote.to_string());
            }
        }
        m
    }
}

/// Reads the voting screen, `None` on any other.
fn read_view(screen: &str) -> Option<View> {
    let n = QUESTIONS.len();
    let question = (1..=n).find(|i| screen.contains(&format!("question {i} of {n}")))? - 1;
    let mut rows = vec![None; PEOPLE.len()];
    for line in screen.lines() {
        // `│› Ana            5            ││ ...`: the left box, the name in 14 columns.
        let Some(cell) = line.strip_prefix('│').and_then(|l| l.split('│').next()) else {
            continue;
        };
        let cell = cell.get(cell.char_indices().nth(2)?.0..)?;
        for (p, name) in PEOPLE.iter().enumerate() {
            if let Some(status) = cell.strip_prefix(&format!("{name:<14} ")) {
                rows[p] = Some(status.trim().to_string());
            }
        }
    }
    Some(View {
        question,
        rows: rows.into_iter().collect::<Option<_>>()?,
        hidden: screen.contains("Scale · votes hidden"),
    })
}

/// Types a step's keys in one go.
fn send(t: &Tmux, window: &str, step: Step) {
    let keys = step.keys();
    t.send(window, &keys.iter().map(String::as_str).collect::<Vec<_>>());
}

/// Waits until the screen shows `model`.
fn wait_shown(t: &Tmux, window: &str, model: &Model) {
    let want = model.view();
    t.wait_until(window, &format!("{want:?}"), |s| {
        read_view(s).is_some_and(|v| v == want)
    });
}

/// The names in `home`: the checkpoint, its lock, and what else a kill left.
fn names(home: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(home)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn sigkill_at_random_points_loses_nothing_acknowledged() {
    let seed = std::env::var("CHECKPOINT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos();
            (u64::from(nanos) ^ (u64::from(std::process::id()) << 32)) | 1
        });
    // Printed with the failure: CHECKPOINT_KILL_SEED=<seed> replays the run.
    eprintln!("kill test seed {seed} (replay: CHECKPOINT_KILL_SEED={seed})");
    let mut rng = Rng(seed);
    let catalog = Catalog::builtin().unwrap();
    let started = Instant::now();
    let t = Tmux::new("kill");
    let mut args = vec!["new", "--squad", "Kill Squad"];
    for p in PEOPLE {
        args.extend(["--participant", p]);
    }
    t.start("r0", &args);
    t.wait_for("r0", "Agenda");
    t.send("r0", &["Enter"]);
    let home = t.home();
    let path = checkpoint_file(&home);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let lock = format!(".{name}.lock");
    let mut model = Model::default();
    wait_shown(&t, "r0", &model);
    let (mut mid_burst, mut leftovers) = (0, 0);

    for round in 0..ROUNDS {
        let window = format!("r{round}");
        let at = format!("seed {seed}, round {round}");
        // What the file may hold: the model as last acknowledged, or after any later step,
        // as the keys are read and saved in order. The screen shows what was opened.
        let mut may_hold = vec![model.clone()];
        // Steps waited for until the screen shows them. One the screen cannot show (a hidden
        // vote changed, a refused key) is not acknowledged by its wait; the next one that
        // shows acknowledges it too.
        for _ in 0..rng.below(7) {
            let step = Step::random(&mut rng, &model);
            let before = model.view();
            step.apply(&mut model);
            send(&t, &window, step);
            wait_shown(&t, &window, &model);
            if model.view() == before {
                may_hold.push(model.clone());
            } else {
                may_hold = vec![model.clone()];
            }
        }
        // Either killed now, or in the middle of a burst of steps sent without waiting.
        if rng.below(3) > 0 {
            for _ in 0..1 + rng.below(10) {
                let step = Step::random(&mut rng, &model);
                step.apply(&mut model);
                send(&t, &window, step);
                may_hold.push(model.clone());
            }
            std::thread::sleep(Duration::from_millis(rng.below(25) as u64));
        }
        t.sigkill(&window);

        // Every file loads, as the workshop screen opens it, and holds one of the states.
        let left: Vec<String> = names(&home)
            .into_iter()
            .filter(|n| *n != name && *n != lock)
            .collect();
        assert!(
            left.iter()
                .all(|n| n.starts_with(".checkpoint-") && n.ends_with(".tmp")),
            "{at}: {left:?}"
        );
        leftovers += left.len();
        let (saved, warning) = checkpoint::checkpoint::open(&catalog, &path)
            .unwrap_or_else(|e| panic!("{at}: the checkpoint does not load: {e:#}"));
        assert_eq!(warning, None, "{at}");
        let on_disk = Model::of(&saved);
        let Some(keys_read) = may_hold.iter().position(|m| *m == on_disk) else {
            panic!(
                "{at}: the file holds neither what was acknowledged nor a later state:\n\
                 file {on_disk:?}\nacknowledged {:?}",
                may_hold[0]
            );
        };
        // Killed with some keys sent after the last acknowledged one saved, and some not.
        if keys_read > 0 && keys_read + 1 < may_hold.len() {
            mid_burst += 1;
        }
        model = on_disk;

        // What a save killed between writing and renaming leaves (planted, as a kill rarely
        // lands in that millisecond): the next open removes it.
        let planted = home.join(format!(".checkpoint-{name}.k{round}.tmp"));
        std::fs::write(&planted, "format = 1\nsquad = \"Kil").unwrap();
        t.close(&window);
        // The killed process's lock does not stand in the way: resume opens where it was.
        let next = format!("r{}", round + 1);
        t.start(&next, &["resume", path.to_str().unwrap()]);
        wait_shown(&t, &next, &model);
        assert_eq!(names(&home), [lock.clone(), name.clone()], "{at}");
    }
    t.sigkill(&format!("r{ROUNDS}"));
    eprintln!(
        "{ROUNDS} kills in {:.1} s: {mid_burst} between two keys of a burst, {leftovers} \
         temporary files left by a killed save",
        started.elapsed().as_secs_f64()
    );
}
