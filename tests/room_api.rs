//! The room's JSON API over real HTTP: `checkpoint room` (the binary) on loopback, a voter per
//! client. What goes on the wire is checked as bytes: before the reveal, another voter's value
//! is not in them at all. Every acknowledged vote is in the file the moment it is answered,
//! and after a SIGKILL.

use std::time::{Duration, Instant};

#[path = "harness/room.rs"]
mod room;
use room::{RoomProcess, holds};

const SQUAD: [&str; 3] = ["Ana", "Ben", "Cy"];
const LEAD_TIME: &str = "dora.lead-time";

/// A room with Ana and Ben joined and the lead-time question open.
fn two_voters() -> (RoomProcess, room::Client, room::Client) {
    let room = RoomProcess::start(&SQUAD);
    let (mut ana, mut ben) = (room.client(), room.client());
    assert_eq!(ana.join(&room, "ana")["admitted"], true);
    ben.join(&room, "Ben");
    room.order("open", &format!("{{\"question\": \"{LEAD_TIME}\"}}"));
    (room, ana, ben)
}

#[test]
fn votes_are_saved_before_they_are_acknowledged_and_hidden_until_revealed() {
    let (room, ana, ben) = two_voters();

    // Each answer comes after the save: the file holds the vote as soon as it is read.
    for (value, on_disk) in [("5", "5"), ("2", "2"), ("\"n/a\"", "n/a")] {
        let answer = ana.vote(&room, LEAD_TIME, value);
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert!(holds(&room.file, LEAD_TIME, "Ana", on_disk), "{value}");
        let state = answer.json();
        assert_eq!(
            state["phase"]["your_vote"].to_string(),
            value.replace(' ', "")
        );
        assert!(state["revision"].as_u64().unwrap() > 0);
    }
    let cleared = ana.vote(&room, LEAD_TIME, "null");
    assert_eq!(cleared.status, 200);
    assert!(
        room.on_disk().answer(LEAD_TIME).is_none(),
        "cleared on disk"
    );
    assert_eq!(ana.vote(&room, LEAD_TIME, "\"n/a\"").status, 200);

    // Before the reveal, Ben's bytes hold no one's value: only who voted.
    let hidden = ben.state(&room);
    assert_eq!(hidden.status, 200);
    assert_eq!(hidden.header("content-type"), Some("application/json"));
    assert!(!hidden.body.contains("n/a"), "{}", hidden.body);
    assert!(!hidden.body.contains("\"vote\":"), "{}", hidden.body);
    assert!(!hidden.body.contains("\"results\""), "{}", hidden.body);
    let rows = hidden.json()["phase"]["voted"].clone();
    assert_eq!(rows[0]["name"], "Ana");
    assert_eq!(rows[0]["voted"], true);

    // Off the scale, and another question than the open one: refused, nothing saved.
    let off = ana.vote(&room, LEAD_TIME, "7");
    assert_eq!(off.status, 422, "{}", off.body);
    assert!(off.json()["error"].as_str().unwrap().contains("scale"));
    assert_eq!(ana.vote(&room, LEAD_TIME, "42").status, 422);
    assert_eq!(ana.vote(&room, LEAD_TIME, "\"five\"").status, 422);
    let body = Some("{}");
    let path = room.path(&format!("api/votes/{LEAD_TIME}"));
    assert_eq!(
        ana.send("PUT", &path, body).status,
        422,
        "no value is no clear"
    );
    let other = ana.vote(&room, "dora.deploy-frequency", "4");
    assert_eq!(other.status, 409, "{}", other.body);
    assert!(room.on_disk().answer("dora.deploy-frequency").is_none());
    assert!(holds(&room.file, LEAD_TIME, "Ana", "n/a"));

    // Revealed: the values are on the wire, as the presenter shows them.
    let reveal = format!("{{\"question\": \"{LEAD_TIME}\", \"shown\": true}}");
    room.order("reveal", &reveal);
    let shown = ben.state(&room);
    assert!(shown.body.contains("\"vote\":\"n/a\""), "{}", shown.body);
    assert!(shown.json()["phase"]["results"].is_object());
}

#[test]
fn a_name_is_taken_once_and_a_stranger_waits_for_the_facilitator() {
    let room = RoomProcess::start(&SQUAD);
    room.client().join(&room, "Cy");
    let again = room
        .client()
        .send("POST", &room.path("api/join"), Some(r#"{"name": "CY"}"#));
    assert_eq!(again.status, 409, "{}", again.body);
    let bad = room.client().send(
        "POST",
        &room.path("api/join"),
        Some(r#"{"name": "A\u0007B"}"#),
    );
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.json()["error"].is_string());

    let mut dee = room.client();
    assert_eq!(dee.join(&room, "Dee")["admitted"], false);
    room.order("open", &format!("{{\"question\": \"{LEAD_TIME}\"}}"));
    assert_eq!(dee.vote(&room, LEAD_TIME, "3").status, 403);
    assert_eq!(dee.state(&room).json()["phase"]["kind"], "admission");
    let state = room
        .facilitator()
        .send("GET", &room.path("api/facilitator/state"), None);
    assert_eq!(state.json()["waiting"][0], "Dee");

    room.order("admit", r#"{"name": "Dee"}"#);
    assert!(room.on_disk().participants.contains(&"Dee".to_string()));
    assert_eq!(dee.vote(&room, LEAD_TIME, "3").status, 200);
    assert!(holds(&room.file, LEAD_TIME, "Dee", "3"));
    // A voter whose phone slept comes back with the same token and finds their vote.
    let back = dee.state(&room).json();
    assert_eq!(back["you"], "Dee");
    assert_eq!(back["phase"]["your_vote"], 3);
}

#[test]
fn a_hostile_name_is_json_text_and_never_on_the_page() {
    let room = RoomProcess::start(&SQUAD);
    let hostile = "<img src=x onerror=alert(1)>";
    let mut client = room.client();
    let joined = client.join(&room, hostile);
    assert_eq!(joined["admitted"], false, "not a participant: it waits");
    assert_eq!(joined["name"], hostile, "JSON text, as typed");
    let state = client.state(&room);
    assert_eq!(state.header("content-type"), Some("application/json"));
    assert_eq!(state.json()["you"], hostile);
    let facilitator = room
        .facilitator()
        .send("GET", &room.path("api/facilitator/state"), None);
    assert_eq!(facilitator.json()["waiting"][0], hostile);

    let page = room.client().send("GET", &room.path(""), None);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("<title>DevOps Checkpoint</title>"));
    assert!(!page.body.contains("onerror=alert"), "the page is static");
    for (name, value) in [
        (
            "content-security-policy",
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' \
             'unsafe-inline'",
        ),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ] {
        assert_eq!(page.header(name), Some(value), "{name}");
    }
    assert_eq!(page.header("access-control-allow-origin"), None);
}

#[test]
fn a_wrong_room_a_wrong_token_and_a_large_body_are_refused() {
    let room = RoomProcess::start(&SQUAD);
    let client = room.client();
    let root = client.send("GET", "/", None);
    assert_eq!(root.status, 404);
    let mut wrong = room.code.clone().into_bytes();
    wrong[0] = if wrong[0] == b'0' { b'1' } else { b'0' };
    let wrong = String::from_utf8(wrong).unwrap();
    for (method, path) in [
        ("GET", format!("/{wrong}/")),
        ("GET", format!("/{wrong}/api/state")),
        ("POST", format!("/{wrong}/api/join")),
        ("DELETE", format!("/{wrong}/api/join")),
        ("GET", format!("/{}/nothing-here", room.code)),
    ] {
        let answer = client.send(method, &path, Some(r#"{"name": "Ana"}"#));
        assert_eq!(answer.status, 404, "{method} {path}");
        assert_eq!(answer.body, root.body, "no hint in {method} {path}");
    }

    assert_eq!(client.state(&room).status, 401, "no token");
    let mut stranger = room.client();
    stranger.token = Some("0".repeat(32));
    let answer = stranger.state(&room);
    assert_eq!(answer.status, 401);
    assert!(answer.json()["error"].is_string());
    let order = stranger.send(
        "POST",
        &room.path("api/facilitator/open"),
        Some(r#"{"question": "dora.lead-time"}"#),
    );
    assert_eq!(
        order.status, 401,
        "a voter's token is not the facilitator's"
    );

    let name = "x".repeat(20 * 1024);
    let big = format!("{{\"name\": \"{name}\"}}");
    let answer = client.send("POST", &room.path("api/join"), Some(&big));
    assert_eq!(answer.status, 413, "{}", answer.body);

    let foreign = client.raw(
        "POST",
        &room.path("api/join"),
        &[
            ("Origin", "http://evil.example"),
            ("Content-Type", "application/json"),
        ],
        br#"{"name": "Ana"}"#,
    );
    assert_eq!(foreign.status, 403, "another site's page cannot join");
    assert!(room.on_disk().participants.len() == SQUAD.len());
}

#[test]
fn a_burst_from_one_device_is_rate_limited() {
    let room = RoomProcess::start(&SQUAD);
    let client = room.client();
    let path = room.path("api/names");
    let statuses: Vec<u16> = (0..120)
        .map(|_| client.send("GET", &path, None).status)
        .collect();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert!(statuses[..40].iter().all(|s| *s == 200), "{statuses:?}");
    assert!(limited > 0, "{statuses:?}");
    // Another device is not held back.
    let other = room.client_from([127, 0, 0, 2].into());
    assert_eq!(other.send("GET", &path, None).status, 200);
}

#[test]
fn another_voters_vote_reaches_the_live_events_within_a_second() {
    let (room, ana, ben) = two_voters();
    let mut events = ben.events(&room);
    assert_eq!(events.status, 200);
    let first = events
        .next(Duration::from_secs(2))
        .expect("an event as it opens");
    let sent = Instant::now();
    let answer = ana.vote(&room, LEAD_TIME, "4");
    assert_eq!(answer.status, 200);
    let revision = answer.json()["revision"].as_u64().unwrap();
    let seen = events
        .next(Duration::from_secs(1))
        .expect("an event within a second");
    assert!(
        seen >= revision && seen > first,
        "{first} {seen} {revision}"
    );
    assert!(sent.elapsed() < Duration::from_secs(1));

    let mut bad = room.client();
    bad.token = Some("f".repeat(32));
    assert_eq!(bad.events(&room).status, 401);
}

#[test]
fn dots_and_ideas_while_the_squad_is_on_the_improvements() {
    let (room, ana, _ben) = two_voters();
    let path = room.path("api/improvements");
    let early = ana.send("POST", &path, Some(r#"{"text": "Deploy on merge"}"#));
    assert_eq!(early.status, 409, "not dot-voting yet");
    room.order("part", r#"{"part": "improvements"}"#);
    let added = ana.send("POST", &path, Some(r#"{"text": "Deploy on merge"}"#));
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(room.on_disk().improvements[0].text, "Deploy on merge");
    let key = added.json()["phase"]["improvements"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    let dot = room.path(&format!("api/dots/{key}"));
    let placed = ana.send("PUT", &dot, Some(r#"{"change": "add"}"#));
    assert_eq!(placed.status, 200, "{}", placed.body);
    assert_eq!(placed.json()["phase"]["left"], 2);
    assert_eq!(room.on_disk().improvements[0].dots.get("Ana"), Some(&1));
    let back = ana.send("PUT", &dot, Some(r#"{"change": "remove"}"#));
    assert_eq!(back.json()["phase"]["left"], 3);
    let gone = room.path("api/dots/0-0000000000000000");
    assert_eq!(
        ana.send("PUT", &gone, Some(r#"{"change": "add"}"#)).status,
        409
    );
}

#[test]
fn a_sigkill_right_after_an_acknowledged_vote_loses_nothing() {
    let (mut room, ana, ben) = two_voters();
    assert_eq!(ben.vote(&room, LEAD_TIME, "1").status, 200);
    assert_eq!(ana.vote(&room, LEAD_TIME, "6").status, 200);
    room.kill();
    assert!(holds(&room.file, LEAD_TIME, "Ana", "6"));
    assert!(holds(&room.file, LEAD_TIME, "Ben", "1"));
}

#[test]
fn the_room_closes_when_its_input_does() {
    let (mut room, ana, ben) = two_voters();
    assert_eq!(ana.vote(&room, LEAD_TIME, "3").status, 200);
    // A live stream open does not hold the room open: it ends with the server.
    let mut events = ben.events(&room);
    assert!(events.next(Duration::from_secs(2)).is_some());
    let closed = Instant::now();
    assert!(room.close().success());
    assert!(
        closed.elapsed() < Duration::from_secs(5),
        "{:?}",
        closed.elapsed()
    );
    assert_eq!(
        events.next(Duration::from_secs(2)),
        None,
        "the stream ended"
    );
    assert!(holds(&room.file, LEAD_TIME, "Ana", "3"));
}

#[test]
fn a_checkpoint_open_in_a_room_cannot_be_opened_twice() {
    let room = RoomProcess::start(&SQUAD);
    let file = room.file.to_str().unwrap();
    let second = room.run(&["room", file, "--listen", "127.0.0.1:0"]);
    assert!(!second.status.success());
    let error = String::from_utf8_lossy(&second.stderr);
    assert!(error.contains("open"), "{error}");
    assert!(
        second.stdout.is_empty(),
        "no room line for a room that did not open"
    );
}
