//! The room as the workshop screen hosts it: the app (as `checkpoint new --room` runs it, with a
//! `TestBackend` for the terminal) owns the checkpoint and serves the room between frames, as
//! its event loop does (every 50 ms when no key comes); 50 voters on loopback vote on every
//! DORA and baseline question as the screen opens each in turn. Against its budget:
//!
//! - the time from a vote's PUT to the first frame of the facilitator's screen that shows it,
//!   p99: 200 ms (the loop's 50 ms wait included);
//! - votes lost: 0.
//!
//! `cargo bench --bench room_screen` prints the figures and exits non-zero over budget.
//! Bounded: 50 voters × the questions once, every wait with a timeout.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use checkpoint::checklist::Catalog;
use checkpoint::checkpoint::{Checkpoint, Store};
use checkpoint::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "../tests/harness/room.rs"]
mod room;
use room::Client;

const VOTERS: usize = 50;
const P99_BUDGET: Duration = Duration::from_millis(200);
/// The event loop's wait while a room is open (src/tui/mod.rs).
const POLL: Duration = Duration::from_millis(50);

fn name(voter: usize) -> String {
    format!("Voter {voter:02}")
}

fn main() {
    let catalog = Catalog::builtin().expect("the built-in checklists load");
    let questions: Vec<(String, u8)> = catalog
        .questions()
        .iter()
        .filter(|q| q.id.starts_with("dora.") || q.id.starts_with("baseline."))
        .map(|q| (q.id.clone(), q.scale().min))
        .collect();
    let home = tempfile::tempdir().expect("a temporary directory");
    let mut c = Checkpoint::new("Bench", jiff::civil::date(2026, 11, 23));
    for v in 0..VOTERS {
        c.add_participant(&name(v)).expect("a name");
    }
    let mut app = App::new(
        catalog.clone(),
        Store::new(home.path()),
        jiff::civil::date(2026, 11, 23),
        Instant::now(),
    );
    app.start_with(c);
    app.open_room(SocketAddr::from(([127, 0, 0, 1], 0)));
    let link = app
        .room
        .as_ref()
        .expect("the room opened")
        .host
        .link()
        .to_string();
    let url = link.trim_start_matches("http://").trim_end_matches('/');
    let (addr, code) = url.split_once('/').expect("address/code");
    let addr: SocketAddr = addr.parse().expect("an address");
    let path = |p: &str| format!("/{code}/{p}");

    // Every voter joins under their name (they are participants: in at once).
    let voters: Vec<Client> = (0..VOTERS)
        .map(|v| {
            let from = std::net::IpAddr::from([127, 0, 1, u8::try_from(10 + v).unwrap()]);
            let mut client = Client {
                addr,
                from: Some(from),
                token: None,
            };
            let body = serde_json::json!({ "name": name(v) }).to_string();
            // The app serves the join between these polls.
            let joined = std::thread::scope(|s| {
                let answer = s.spawn(|| client.patient("POST", &path("api/join"), Some(&body)));
                while !answer.is_finished() {
                    app.serve_room(Instant::now());
                    std::thread::sleep(Duration::from_millis(2));
                }
                answer.join().expect("joins")
            });
            assert_eq!(joined.status, 200, "join: {}", joined.body);
            client.token = Some(joined.json()["token"].as_str().unwrap().to_string());
            client
        })
        .collect();

    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    let sent: Arc<Mutex<HashMap<(usize, usize), Instant>>> = Arc::default();
    let barrier = Arc::new(Barrier::new(VOTERS + 1));
    let threads: Vec<_> = voters
        .into_iter()
        .enumerate()
        .map(|(v, client)| {
            let (sent, barrier, questions) =
                (Arc::clone(&sent), Arc::clone(&barrier), questions.clone());
            let code = code.to_string();
            std::thread::spawn(move || {
                for (q, (id, min)) in questions.iter().enumerate() {
                    barrier.wait();
                    let body = format!("{{\"value\": {min}}}");
                    sent.lock().unwrap().insert((q, v), Instant::now());
                    let answer =
                        client.patient("PUT", &format!("/{code}/api/votes/{id}"), Some(&body));
                    assert_eq!(answer.status, 200, "vote: {}", answer.body);
                }
            })
        })
        .collect();

    let mut shown: HashMap<(usize, usize), Instant> = HashMap::new();
    let start = Instant::now();
    for (q, (id, _)) in questions.iter().enumerate() {
        // The facilitator opens the question; the devices follow.
        let screen = app.vote_on(id).expect("the question is on the agenda");
        app.go(screen);
        let live = app.room.as_mut().expect("open");
        live.host
            .publish(app.model.work.as_ref().expect("a checkpoint"));
        barrier.wait();
        let mut seen: HashSet<usize> = HashSet::new();
        let until = Instant::now() + Duration::from_secs(30);
        while seen.len() < VOTERS {
            assert!(Instant::now() < until, "votes on {id} did not all arrive");
            std::thread::sleep(POLL);
            if !app.serve_room(Instant::now()) {
                continue;
            }
            terminal
                .draw(|f| checkpoint::tui::render(f, &app))
                .expect("draws");
            let drawn = Instant::now();
            let votes = app
                .checkpoint()
                .and_then(|c| c.answer(id))
                .map(|a| a.votes.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            for voter in votes {
                let v: usize = voter[6..].parse().expect("Voter NN");
                if seen.insert(v) {
                    shown.insert((q, v), drawn);
                }
            }
        }
    }
    let elapsed = start.elapsed();
    for t in threads {
        t.join().expect("a voter's thread");
    }
    let sent = sent.lock().unwrap();
    let mut latencies: Vec<Duration> = shown
        .iter()
        .map(|(k, at)| at.saturating_duration_since(sent[k]))
        .collect();
    latencies.sort();
    let at = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
    let (p50, p99) = (at(50), at(99));
    app.close_room();
    let file = app.model.work.as_ref().and_then(|w| w.path.clone());
    let on_disk = checkpoint::checkpoint::load(&file.expect("saved")).expect("loads");
    let lost = questions
        .iter()
        .map(|(id, _)| VOTERS - on_disk.answer(id).map_or(0, |a| a.votes.len()))
        .sum::<usize>();
    println!(
        "{} votes from {VOTERS} devices on {} questions in {elapsed:.2?}, the screen's app \
         serving the room every {POLL:?}",
        latencies.len(),
        questions.len()
    );
    let over_time = p99 > P99_BUDGET;
    let verdict = |over: bool| if over { "OVER BUDGET" } else { "ok" };
    println!(
        "vote -> facilitator's frame  p50 {p50:.2?}  p99 {p99:.2?}, budget p99 {P99_BUDGET:?}  {}",
        verdict(over_time)
    );
    println!("votes lost {lost}, budget 0  {}", verdict(lost > 0));
    if over_time || lost > 0 {
        std::process::exit(1);
    }
}
