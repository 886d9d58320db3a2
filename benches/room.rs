//! The room under load, on loopback: `checkpoint room` (the real binary) and 50 voters, each
//! its own device (its own loopback address, so the per-client rate limit counts each apart)
//! with its live event stream open. They join as strangers and the facilitator's API admits
//! them; then it opens every DORA and baseline question in turn and all 50 vote on it at once.
//! Against their budgets:
//!
//! - votes lost: 0 (every vote acknowledged, and the file at the end holds each one);
//! - the time from a vote's PUT to the live event at another voter's stream, p99: 200 ms;
//! - the server's peak resident memory (`VmHWM` in /proc/PID/status): 50 MB.
//!
//! `cargo bench --bench room` prints the figures and exits non-zero when one is over budget.
//! Bounded: 50 voters × the questions once, every wait with a timeout.

use std::net::IpAddr;
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use checkpoint::checklist::Catalog;

#[path = "../tests/harness/room.rs"]
mod room;
use room::RoomProcess;

const VOTERS: usize = 50;
const P99_BUDGET: Duration = Duration::from_millis(200);
const MEMORY_BUDGET_KB: u64 = 50 * 1024;

/// When each revision reached one voter's event stream.
type Arrivals = Arc<Mutex<Vec<(u64, Instant)>>>;

/// A vote: sent at, acknowledged at revision, by voter, on question.
struct Sent {
    at: Instant,
    revision: u64,
    voter: usize,
}

fn name(voter: usize) -> String {
    format!("Voter {voter:02}")
}

/// Voter `voter`'s vote on the question at `q` with scale `min..=max`: spread over the scale,
/// now and then n/a.
fn value(voter: usize, q: usize, min: u8, max: u8) -> String {
    if (voter + q).is_multiple_of(13) {
        return "\"n/a\"".to_string();
    }
    let span = usize::from(max - min) + 1;
    (usize::from(min) + (voter * 7 + q) % span).to_string()
}

fn device(voter: usize) -> IpAddr {
    let n = u8::try_from(10 + voter).expect("a loopback address");
    IpAddr::from([127, 0, 1, n])
}

/// The server's peak resident memory in KB.
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let catalog = Catalog::builtin().expect("the built-in checklists load");
    let questions: Vec<(String, u8, u8)> = catalog
        .questions()
        .iter()
        .filter(|q| q.id.starts_with("dora.") || q.id.starts_with("baseline."))
        .map(|q| (q.id.clone(), q.scale().min, q.scale().max))
        .collect();
    let start = Instant::now();
    let room = Arc::new(RoomProcess::start(&[]));

    // Join as strangers, admitted one by one; then each opens its event stream.
    let mut voters = Vec::with_capacity(VOTERS);
    let mut arrivals: Vec<Arrivals> = Vec::with_capacity(VOTERS);
    for v in 0..VOTERS {
        let mut client = room.client_from(device(v));
        let joined = client.join(&room, &name(v));
        assert_eq!(joined["admitted"], false, "a stranger waits");
        let body = serde_json::json!({ "name": name(v) }).to_string();
        let admitted =
            room.facilitator()
                .patient("POST", &room.path("api/facilitator/admit"), Some(&body));
        assert_eq!(admitted.status, 200, "admit: {}", admitted.body);
        let mut events = client.events(&room);
        assert_eq!(events.status, 200, "events");
        let seen: Arrivals = Arc::default();
        let record = Arc::clone(&seen);
        std::thread::spawn(move || {
            while let Some(revision) = events.next(Duration::from_secs(60)) {
                record.lock().unwrap().push((revision, Instant::now()));
            }
        });
        arrivals.push(seen);
        voters.push(client);
    }
    let joined = start.elapsed();

    // Each question: the facilitator opens it, then all vote at once.
    let barrier = Arc::new(Barrier::new(VOTERS + 1));
    let sent: Arc<Mutex<Vec<Sent>>> = Arc::default();
    let refused = Arc::new(Mutex::new(Vec::<String>::new()));
    let threads: Vec<_> = voters
        .into_iter()
        .enumerate()
        .map(|(v, client)| {
            let (room, barrier, questions) =
                (Arc::clone(&room), Arc::clone(&barrier), questions.clone());
            let (sent, refused) = (Arc::clone(&sent), Arc::clone(&refused));
            std::thread::spawn(move || {
                for (q, (id, min, max)) in questions.iter().enumerate() {
                    barrier.wait();
                    let at = Instant::now();
                    let answer = client.vote(&room, id, &value(v, q, *min, *max));
                    match answer.json()["revision"].as_u64() {
                        Some(revision) if answer.status == 200 => {
                            let vote = Sent {
                                at,
                                revision,
                                voter: v,
                            };
                            sent.lock().unwrap().push(vote);
                        }
                        _ => refused.lock().unwrap().push(answer.body),
                    }
                    barrier.wait();
                }
            })
        })
        .collect();
    let voting = Instant::now();
    for (id, _, _) in &questions {
        let body = serde_json::json!({ "question": id }).to_string();
        let opened =
            room.facilitator()
                .patient("POST", &room.path("api/facilitator/open"), Some(&body));
        assert_eq!(opened.status, 200, "open {id}: {}", opened.body);
        barrier.wait();
        barrier.wait();
    }
    for thread in threads {
        thread.join().expect("a voter's thread");
    }
    let voting = voting.elapsed();
    // The last events are on their way.
    std::thread::sleep(Duration::from_millis(300));

    // The time from each vote to its event at the next voter's stream.
    let sent = std::mem::take(&mut *sent.lock().unwrap());
    let mut latencies: Vec<Duration> = sent
        .iter()
        .map(|s| {
            let seen = arrivals[(s.voter + 1) % VOTERS].lock().unwrap();
            seen.iter()
                .find(|(revision, _)| *revision >= s.revision)
                .map_or(Duration::MAX, |(_, at)| at.saturating_duration_since(s.at))
        })
        .collect();
    latencies.sort();
    let at = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
    let (p50, p99, worst) = (at(50), at(99), latencies[latencies.len() - 1]);

    // Every vote in the file, as cast.
    let peak = peak_kb(room.pid());
    let on_disk = room.on_disk();
    let mut lost = 0;
    for (q, (id, min, max)) in questions.iter().enumerate() {
        for v in 0..VOTERS {
            let expected = value(v, q, *min, *max).replace('"', "");
            let vote = on_disk
                .answer(id)
                .and_then(|a| a.votes.get(&name(v)))
                .map(ToString::to_string);
            lost += usize::from(vote.as_deref() != Some(expected.as_str()));
        }
    }
    let refused = refused.lock().unwrap();
    let cast = VOTERS * questions.len();
    println!(
        "{VOTERS} voters joined and admitted in {joined:.2?}; {cast} votes on {} questions in \
         {voting:.2?}",
        questions.len()
    );
    let over_lost = lost > 0 || !refused.is_empty();
    let verdict = |over: bool| if over { "OVER BUDGET" } else { "ok" };
    println!(
        "votes lost       {lost} (refused {}), budget 0  {}",
        refused.len(),
        verdict(over_lost)
    );
    if let Some(body) = refused.first() {
        println!("  first refusal: {body}");
    }
    let over_time = p99 > P99_BUDGET;
    println!(
        "vote -> event    p50 {p50:.2?}  p99 {p99:.2?}  worst {worst:.2?}, budget p99 \
         {P99_BUDGET:?}  {}",
        verdict(over_time)
    );
    let over_memory = peak.is_none_or(|kb| kb > MEMORY_BUDGET_KB);
    println!(
        "server peak RSS  {} KB, budget {MEMORY_BUDGET_KB} KB  {}",
        peak.map_or("unknown".to_string(), |kb| kb.to_string()),
        verdict(over_memory)
    );
    drop(room);
    if over_lost || over_time || over_memory {
        std::process::exit(1);
    }
}
