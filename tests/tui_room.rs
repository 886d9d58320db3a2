//! The voting room opened from the workshop screen, end to end: the real binary in tmux as the
//! facilitator's shared screen, and voters' devices as HTTP clients on loopback. Votes sent
//! from devices show on the facilitator's screen, a name that is not a participant waits
//! until the facilitator lets it in, and a SIGKILL of the screen loses no acknowledged vote.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[path = "harness/room.rs"]
mod room;
#[path = "harness/tmux.rs"]
mod tmux;

use room::{Answer, Client, holds};
use tmux::{Tmux, checkpoint_file};

const DORA: [&str; 4] = [
    "dora.lead-time",
    "dora.deploy-frequency",
    "dora.time-to-restore",
    "dora.change-failure-rate",
];

/// The room the screen shows: its address and code, read off the panel's link.
struct Link {
    addr: SocketAddr,
    code: String,
}

impl Link {
    fn read(screen: &str) -> Link {
        let start = screen
            .find("http://127.0.0.1:")
            .expect("the join link on screen");
        let url: String = screen[start + "http://".len()..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '│')
            .collect();
        let (addr, code) = url.trim_end_matches('/').split_once('/').unwrap();
        Link {
            addr: addr.parse().unwrap(),
            code: code.to_string(),
        }
    }

    fn path(&self, path: &str) -> String {
        format!("/{}/{path}", self.code)
    }

    /// A device that joined as `name`.
    fn join(&self, name: &str) -> (Client, serde_json::Value) {
        let mut client = Client {
            addr: self.addr,
            from: None,
            token: None,
        };
        let body = serde_json::json!({ "name": name }).to_string();
        let answer = client.patient("POST", &self.path("api/join"), Some(&body));
        assert_eq!(answer.status, 200, "join {name}: {}", answer.body);
        let json = answer.json();
        client.token = Some(json["token"].as_str().unwrap().to_string());
        (client, json)
    }

    fn vote(&self, client: &Client, question: &str, value: &str) -> Answer {
        let path = self.path(&format!("api/votes/{question}"));
        client.patient("PUT", &path, Some(&format!("{{\"value\": {value}}}")))
    }

    fn state(&self, client: &Client) -> serde_json::Value {
        client.patient("GET", &self.path("api/state"), None).json()
    }
}

fn start(t: &Tmux, window: &str) -> Link {
    t.start(
        window,
        &[
            "new",
            "--squad",
            "Alpha",
            "--participant",
            "Ana",
            "--participant",
            "Ben",
            "--participant",
            "Cleo",
            "--room",
            "--listen",
            "127.0.0.1:0",
        ],
    );
    // The whole panel: a capture can catch a frame half drawn.
    let screen = t.wait_until(window, "the room's panel", |s| {
        s.contains("Voting room") && s.contains("http://127.0.0.1:") && s.contains("In the room")
    });
    Link::read(&screen)
}

/// Esc hides the room's panel; the next key waits until it is gone, as a slow terminal might
/// otherwise read Esc and that key together as Alt and the key.
fn hide_panel(t: &Tmux, window: &str) {
    t.keys(window, &["Escape"]);
    t.wait_until(window, "the panel hidden", |s| !s.contains("Voting room"));
}

#[test]
fn votes_from_devices_show_on_the_facilitators_screen() {
    let t = Tmux::new("room");
    let link = start(&t, "w");
    // The QR code beside the link: its three finder patterns, whose top rows draw as
    // `█▀▀▀▀▀█` in half blocks (two on one line, one lower down); and the room's code.
    let finder = "█▀▀▀▀▀█";
    let code = format!("room {}", &link.code[..4]);
    t.wait_until("w", "the QR code and the room code", |s| {
        let top = s.lines().any(|l| l.matches(finder).count() == 2);
        let lower = s.lines().any(|l| l.matches(finder).count() == 1);
        top && lower && s.contains(&code)
    });

    // A name the squad did not list waits until the facilitator lets it in.
    let (dana, joined) = link.join("Dana");
    assert_eq!(joined["admitted"], false);
    t.wait_for("w", "Dana asks to join");
    t.keys("w", &["Enter"]);
    t.wait_for("w", "Dana takes part now");
    let (ana, _) = link.join("Ana");
    let (ben, _) = link.join("Ben");
    t.wait_until("w", "four in the room", |s| s.contains("In the room (3)"));

    // The facilitator opens the first DORA question; the devices follow it.
    hide_panel(&t, "w");
    t.keys("w", &["Enter"]);
    t.wait_for("w", "Votes 0 of 4 · 3 on devices");
    let state = link.state(&ana);
    assert_eq!(state["phase"]["question"]["id"], DORA[0], "{state}");

    assert_eq!(link.vote(&ana, DORA[0], "4").status, 200);
    t.wait_for("w", "Votes 1 of 4");
    assert_eq!(link.vote(&dana, DORA[0], "\"n/a\"").status, 200);
    assert_eq!(link.vote(&ben, DORA[0], "2").status, 200);
    let screen = t.wait_for("w", "Votes 3 of 4");
    assert!(screen.contains("votes hidden"), "{screen}");
    assert!(screen.contains("Ana            ● voted"), "{screen}");
    assert!(screen.contains("Cleo           ○ not yet"), "{screen}");
    // Hidden: a device hears who voted, never what.
    let hidden = link.state(&ana);
    assert_eq!(hidden["phase"]["revealed"], false, "{hidden}");
    assert!(hidden["phase"].get("results").is_none(), "{hidden}");
    let rows = hidden["phase"]["voted"].as_array().unwrap();
    assert!(rows.iter().all(|r| r.get("vote").is_none()), "{hidden}");

    // Cleo votes on the shared keyboard (she has no phone); the facilitator reveals.
    t.keys("w", &["Down", "Down", "5"]);
    t.wait_for("w", "Votes 4 of 4");
    let revealed = link.state(&ben);
    assert_eq!(revealed["phase"]["revealed"], true, "{revealed}");
    let cleo = &revealed["phase"]["voted"][2];
    assert_eq!(
        (&cleo["name"], &cleo["vote"]),
        (&"Cleo".into(), &5.into()),
        "{revealed}"
    );

    // The squad agrees on 4, then moves on to the improvements: an idea typed on a phone shows
    // on the shared screen, and dots placed from devices count.
    t.keys("w", &["a", "4"]);
    t.wait_for("w", "agreed 4");
    t.keys("w", &["i"]);
    t.wait_until("w", "the improvements", |s| s.contains("Improvements"));
    let idea = link.path("api/improvements");
    let added = ana.patient("POST", &idea, Some(r#"{"text": "Deploy on every merge"}"#));
    assert_eq!(added.status, 200, "{}", added.body);
    t.wait_for("w", "Deploy on every merge");
    let key = added.json()["phase"]["improvements"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    let dot = link.path(&format!("api/dots/{key}"));
    for voter in [&ana, &ben, &dana] {
        let placed = voter.patient("PUT", &dot, Some(r#"{"change": "add"}"#));
        assert_eq!(placed.status, 200, "{}", placed.body);
    }

    // Quitting saves and closes the room: every vote is in the file, and the server is gone.
    t.keys("w", &["q"]);
    t.wait_dead("w", "the screen did not quit");
    let file = checkpoint_file(&t.home());
    for (who, vote) in [("Ana", "4"), ("Ben", "2"), ("Dana", "n/a"), ("Cleo", "5")] {
        assert!(holds(&file, DORA[0], who, vote), "{who} {vote}");
    }
    let saved = checkpoint::checkpoint::load(&file).unwrap();
    assert_eq!(saved.improvements[0].text, "Deploy on every merge");
    assert_eq!(saved.improvements[0].dots.values().sum::<u32>(), 3);
    // The summary holds it all.
    let summary = std::process::Command::new(env!("CARGO_BIN_EXE_checkpoint"))
        .args(["export", file.to_str().unwrap()])
        .env("CHECKPOINT_HOME", t.home())
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&summary.stdout);
    assert!(summary.contains("Deploy on every merge"), "{summary}");
    assert!(
        summary.contains("Dana"),
        "the admitted participant: {summary}"
    );
    assert!(
        std::net::TcpStream::connect_timeout(&link.addr, Duration::from_secs(1)).is_err(),
        "the room still listens after quit"
    );
}

#[test]
fn a_sigkill_of_the_screen_loses_no_acknowledged_vote() {
    let t = Tmux::new("roomkill");
    let link = Arc::new(start(&t, "k"));
    hide_panel(&t, "k");
    t.keys("k", &["Enter"]);
    t.wait_for("k", "Votes 0 of 3");
    // Three devices change their votes on the open question as fast as they are answered.
    // For each: the last value acknowledged, and the one in flight when the screen died (it
    // may have been saved, unacknowledged).
    let votes = Arc::new(Mutex::new(std::collections::BTreeMap::new()));
    let stop = Instant::now() + Duration::from_secs(20);
    let voters: Vec<_> = ["Ana", "Ben", "Cleo"]
        .into_iter()
        .map(|name| {
            let link = Arc::clone(&link);
            let votes = Arc::clone(&votes);
            std::thread::spawn(move || {
                let (client, _) = link.join(name);
                let path = link.path(&format!("api/votes/{}", DORA[0]));
                for round in 0.. {
                    let value = (round % 6 + 1).to_string();
                    let body = format!("{{\"value\": {value}}}");
                    votes
                        .lock()
                        .unwrap()
                        .entry(name)
                        .or_insert((None, String::new()))
                        .1 = value.clone();
                    // A refused connection or a cut answer: the screen is dead.
                    let Ok(answer) =
                        std::panic::catch_unwind(|| client.send("PUT", &path, Some(&body)))
                    else {
                        return;
                    };
                    if answer.status == 200 {
                        votes
                            .lock()
                            .unwrap()
                            .insert(name, (Some(value), String::new()));
                    }
                    if Instant::now() > stop {
                        return;
                    }
                }
            })
        })
        .collect();
    // Kill once votes are flowing.
    let until = Instant::now() + Duration::from_secs(10);
    while !t.screen("k").contains("Votes 3 of 3") {
        assert!(Instant::now() < until, "votes did not flow");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
    t.sigkill("k");
    for voter in voters {
        let _ = voter.join();
    }
    let file = checkpoint_file(&t.home());
    for (name, (acknowledged, in_flight)) in votes.lock().unwrap().iter() {
        let acknowledged = acknowledged
            .as_deref()
            .expect("every device had a vote acknowledged");
        assert!(
            holds(&file, DORA[0], name, acknowledged) || holds(&file, DORA[0], name, in_flight),
            "{name}'s acknowledged {acknowledged} (or {in_flight}, in flight) is not in the file"
        );
    }
}
