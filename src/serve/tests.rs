//! The server in process, as the workshop screen will run it: an owner on this thread, the
//! server on its own, and a quick stop with a live stream open.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::checklist::Catalog;
use crate::checkpoint::{Checkpoint, Store};
use crate::room::{Owner, Room};
use crate::workshop::Workshop;

/// One request on a new connection; the whole answer as text.
fn request(addr: SocketAddr, head: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    let request = format!(
        "{head} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn the_owner_serves_while_the_server_runs_and_stop_is_quick() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("home"));
    let mut checkpoint = Checkpoint::new("Squad", jiff::civil::date(2026, 11, 24));
    checkpoint.add_participant("Ana").unwrap();
    let mut work = Workshop::draft(checkpoint, Instant::now());
    work.save(&store).unwrap();
    let catalog = Arc::new(Catalog::builtin().unwrap());

    let (mut owner, inbox) = Owner::new(Room::open().unwrap(), catalog);
    let server = super::start("127.0.0.1:0".parse().unwrap(), owner.code(), inbox).unwrap();
    owner.set_publisher(server.publisher());
    owner.publish(&work);
    let (addr, code) = (server.addr(), owner.code().to_string());

    // A join waits for the owner: answered from another thread while this one serves.
    let join = std::thread::spawn(move || {
        request(addr, &format!("POST /{code}/api/join"), r#"{"name":"ana"}"#)
    });
    let until = Instant::now() + Duration::from_secs(5);
    while !join.is_finished() && Instant::now() < until {
        owner.serve(&mut work, &store);
        std::thread::sleep(Duration::from_millis(5));
    }
    let answer = join.join().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert_eq!(owner.room().voters(), ["Ana"]);
    let token = owner.room().seats().next().unwrap().0.to_string();

    let mut events = TcpStream::connect(addr).unwrap();
    let path = format!("/{}/api/events?token={token}", owner.code());
    write!(events, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut events = BufReader::new(events);
    let mut status = String::new();
    events.read_line(&mut status).unwrap();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");

    let stopping = Instant::now();
    server.stop();
    assert!(
        stopping.elapsed() < Duration::from_millis(500),
        "{:?}",
        stopping.elapsed()
    );
    let mut rest = String::new();
    events
        .get_mut()
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    assert!(events.read_to_string(&mut rest).is_ok(), "the stream ended");
}
