//! `checkpoint room` as a voter's device meets it: the real binary on loopback, and a small
//! HTTP/1.1 client over a `TcpStream` (one connection a request, and a reader of server-sent
//! events). Shared by tests/room_api.rs and benches/room.rs.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use checkpoint::checkpoint::{Checkpoint, Store};

/// A `checkpoint room` process over a checkpoint of its own, in a temporary home. Killed when
/// dropped.
pub struct RoomProcess {
    child: Child,
    pub addr: SocketAddr,
    pub code: String,
    pub facilitator: String,
    /// The checkpoint's file.
    pub file: PathBuf,
    _dir: tempfile::TempDir,
}

impl RoomProcess {
    /// Saves a checkpoint of squad `squad` with `participants` (and no votes) in a temporary
    /// home and opens a room on it at 127.0.0.1, on a free port.
    pub fn start(participants: &[&str]) -> RoomProcess {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("checkpoints");
        let mut c = Checkpoint::new("Partner Tooling", jiff::civil::date(2026, 11, 24));
        c.facilitator = "Fay".into();
        for p in participants {
            c.add_participant(p).unwrap();
        }
        let file = Store::new(&home).save_new(&c).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint"))
            .args(["room", file.to_str().unwrap(), "--listen", "127.0.0.1:0"])
            .env("CHECKPOINT_HOME", &home)
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("HOME", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut line = |prefix: &str| {
            let line = lines.next().expect("a line").unwrap();
            line.strip_prefix(prefix)
                .unwrap_or_else(|| panic!("`{prefix}` expected, got {line}"))
                .to_string()
        };
        let url = line("room: http://");
        let facilitator = line("facilitator: ");
        let (addr, code) = url.trim_end_matches('/').split_once('/').unwrap();
        RoomProcess {
            child,
            addr: addr.parse().unwrap(),
            code: code.to_string(),
            facilitator,
            file,
            _dir: dir,
        }
    }

    /// Runs the binary with `args` in the room's home (and no input), to its end.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        let dir = self._dir.path();
        Command::new(env!("CARGO_BIN_EXE_checkpoint"))
            .args(args)
            .env("CHECKPOINT_HOME", dir.join("checkpoints"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("HOME", dir)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, at once.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Closes its standard input and waits for it to end by itself.
    pub fn close(&mut self) -> std::process::ExitStatus {
        drop(self.child.stdin.take());
        self.child.wait().unwrap()
    }

    /// The checkpoint as its file holds it now.
    pub fn on_disk(&self) -> Checkpoint {
        checkpoint::checkpoint::load(&self.file).unwrap()
    }

    /// `/<code>/<path>`.
    pub fn path(&self, path: &str) -> String {
        format!("/{}/{path}", self.code)
    }

    /// A client from 127.0.0.1.
    pub fn client(&self) -> Client {
        Client {
            addr: self.addr,
            from: None,
            token: None,
        }
    }

    /// A client from another loopback address: another device for the rate limit.
    pub fn client_from(&self, from: IpAddr) -> Client {
        Client {
            addr: self.addr,
            from: Some(from),
            token: None,
        }
    }

    /// The facilitator's client.
    pub fn facilitator(&self) -> Client {
        let mut client = self.client();
        client.token = Some(self.facilitator.clone());
        client
    }

    /// Gives a facilitator's order (`open`, `reveal`, `admit`, `part`); panics unless 200.
    pub fn order(&self, order: &str, body: &str) -> Answer {
        let answer = self.facilitator().send(
            "POST",
            &self.path(&format!("api/facilitator/{order}")),
            Some(body),
        );
        assert_eq!(answer.status, 200, "{order} {body}: {}", answer.body);
        answer
    }
}

impl Drop for RoomProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// An HTTP answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: not JSON: {}", self.body))
    }
}

/// One device: where it connects from, and its token once joined.
#[derive(Debug, Clone)]
pub struct Client {
    pub addr: SocketAddr,
    pub from: Option<IpAddr>,
    pub token: Option<String>,
}

impl Client {
    fn connect(&self) -> TcpStream {
        let domain = socket2::Domain::for_address(self.addr);
        let socket = socket2::Socket::new(domain, socket2::Type::STREAM, None).unwrap();
        if let Some(from) = self.from {
            socket.bind(&SocketAddr::new(from, 0).into()).unwrap();
        }
        socket.connect(&self.addr.into()).unwrap();
        let stream: TcpStream = socket.into();
        stream.set_nodelay(true).unwrap();
        stream
    }

    /// Sends a request with the token (if any) and `extra` headers; reads the whole answer.
    pub fn raw(&self, method: &str, path: &str, extra: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut stream = self.connect();
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        if let Some(token) = &self.token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        for (name, value) in extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // The server may answer (413) before reading all of a large body.
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        Answer {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    pub fn send(&self, method: &str, path: &str, json: Option<&str>) -> Answer {
        let body = json.unwrap_or_default().as_bytes();
        let kind = [("Content-Type", "application/json")];
        let extra: &[(&str, &str)] = if json.is_some() { &kind } else { &[] };
        self.raw(method, path, extra, body)
    }

    /// [`Client::send`], again after a pause while the rate limit says 429.
    pub fn patient(&self, method: &str, path: &str, json: Option<&str>) -> Answer {
        let until = Instant::now() + Duration::from_secs(20);
        loop {
            let answer = self.send(method, path, json);
            if answer.status != 429 || Instant::now() > until {
                return answer;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Joins as `name`; keeps the token. The answer's JSON.
    pub fn join(&mut self, room: &RoomProcess, name: &str) -> serde_json::Value {
        let body = serde_json::json!({ "name": name }).to_string();
        let answer = self.patient("POST", &room.path("api/join"), Some(&body));
        assert_eq!(answer.status, 200, "join {name}: {}", answer.body);
        let json = answer.json();
        self.token = Some(json["token"].as_str().unwrap().to_string());
        json
    }

    /// `PUT api/votes/<question>` with `value` as JSON (`5`, `"n/a"`, `null`).
    pub fn vote(&self, room: &RoomProcess, question: &str, value: &str) -> Answer {
        let path = room.path(&format!("api/votes/{question}"));
        self.send("PUT", &path, Some(&format!("{{\"value\": {value}}}")))
    }

    pub fn state(&self, room: &RoomProcess) -> Answer {
        self.send("GET", &room.path("api/state"), None)
    }

    /// Opens the live events with this client's token.
    pub fn events(&self, room: &RoomProcess) -> Events {
        let mut stream = self.connect();
        let token = self.token.as_deref().unwrap_or_default();
        let path = room.path(&format!("api/events?token={token}"));
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            head.push_str(&line);
        }
        let status = head.split(' ').nth(1).unwrap_or_default().to_string();
        Events {
            reader,
            status: status.parse().unwrap_or(0),
            chunked: head.to_lowercase().contains("transfer-encoding: chunked"),
            text: String::new(),
        }
    }
}

/// A stream of server-sent events.
pub struct Events {
    reader: BufReader<TcpStream>,
    pub status: u16,
    chunked: bool,
    /// Read, not yet split into events.
    text: String,
}

impl Events {
    /// The revision of the next `state` event, or `None` when none comes within `timeout`.
    pub fn next(&mut self, timeout: Duration) -> Option<u64> {
        let until = Instant::now() + timeout;
        loop {
            while let Some(end) = self.text.find("\n\n") {
                let event: String = self.text.drain(..end + 2).collect();
                if event.lines().any(|l| l == "event: state") {
                    let data = event.lines().find_map(|l| l.strip_prefix("data: "))?;
                    let json: serde_json::Value = serde_json::from_str(data).ok()?;
                    return json["revision"].as_u64();
                }
            }
            let left = until.checked_duration_since(Instant::now())?;
            let stream = self.reader.get_ref();
            stream
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .ok()?;
            self.read().ok()?;
        }
    }

    /// Reads what has come: one chunk, or what the socket has.
    fn read(&mut self) -> std::io::Result<()> {
        if self.chunked {
            let mut size = String::new();
            self.reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim(), 16)
                .map_err(|_| std::io::Error::other("bad chunk"))?;
            let mut chunk = vec![0; size + 2];
            self.reader.read_exact(&mut chunk)?;
            chunk.truncate(size);
            self.text.push_str(&String::from_utf8_lossy(&chunk));
        } else {
            let mut buf = [0; 4096];
            let n = self.reader.read(&mut buf)?;
            if n == 0 {
                return Err(std::io::Error::other("closed"));
            }
            self.text.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        Ok(())
    }
}

/// Whether a checkpoint file at `path` holds `participant`'s `vote` (as the file writes it)
/// on `question`.
pub fn holds(path: &Path, question: &str, participant: &str, vote: &str) -> bool {
    checkpoint::checkpoint::load(path)
        .unwrap()
        .answer(question)
        .and_then(|a| a.votes.get(participant))
        .is_some_and(|v| v.to_string() == vote)
}
