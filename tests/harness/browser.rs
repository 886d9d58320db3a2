//! A real headless Chromium for the voter page's and the HTML summary's tests, driven over the
//! DevTools protocol: one browser process with a profile of its own, a separate browser context
//! (own storage) per voter or page, JavaScript evaluated in the page. `.ci/run` installs Debian's `chromium`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

/// The browser, killed (by its own pid) when dropped.
pub struct Browser {
    child: Child,
    port: u16,
    socket: Socket,
    next_id: u64,
    _profile: tempfile::TempDir,
}

/// One page in a browser context of its own.
pub struct Page {
    socket: Socket,
    next_id: u64,
}

/// Where Debian's Chromium is, if it is installed.
pub fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

impl Browser {
    /// Starts headless Chromium on a free loopback port with a fresh profile.
    pub fn start() -> Browser {
        let binary = chromium()
            .expect("these tests need Chromium (.ci/run installs it: apt-get install chromium)");
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(binary)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "about:blank",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Chromium writes the port it took to DevToolsActivePort in the profile.
        let file = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            if let Some(port) = std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| t.lines().next()?.trim().parse::<u16>().ok())
            {
                break port;
            }
            assert!(Instant::now() < deadline, "Chromium did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        let version = http_get(port, "/json/version");
        let url = version["webSocketDebuggerUrl"]
            .as_str()
            .unwrap()
            .to_string();
        let socket = connect(&url);
        Browser {
            child,
            port,
            socket,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Opens `url` in a new browser context (its own cookies and local storage).
    pub fn open(&mut self, url: &str) -> Page {
        let context = call(
            &mut self.socket,
            &mut self.next_id,
            "Target.createBrowserContext",
            json!({}),
        );
        let context = context["browserContextId"].as_str().unwrap().to_string();
        let target = call(
            &mut self.socket,
            &mut self.next_id,
            "Target.createTarget",
            json!({ "url": url, "browserContextId": context }),
        );
        let id = target["targetId"].as_str().unwrap();
        let page_url = format!("ws://127.0.0.1:{}/devtools/page/{id}", self.port);
        Page {
            socket: connect(&page_url),
            next_id: 0,
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Page {
    /// The value of the JavaScript `expression` (awaited when it is a promise).
    pub fn eval(&mut self, expression: &str) -> Value {
        let reply = call(
            &mut self.socket,
            &mut self.next_id,
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
        );
        assert!(
            reply.get("exceptionDetails").is_none(),
            "{expression}: {reply}"
        );
        reply["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page; panics with `what` after 10 s.
    pub fn wait_for(&mut self, what: &str, expression: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.eval(&format!("Boolean({expression})")) == Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                let body = self.eval("document.body ? document.body.innerText : ''");
                panic!("waited 10 s for {what}; the page shows:\n{body}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The page's visible text.
    pub fn text(&mut self) -> String {
        self.eval("document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// A DevTools WebSocket that gives up on a read after 20 s rather than hang a test.
fn connect(url: &str) -> Socket {
    let (socket, _) = tungstenite::connect(url).unwrap();
    if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
    }
    socket
}

/// Sends one DevTools command and returns its result, skipping the events between.
fn call(socket: &mut Socket, next_id: &mut u64, method: &str, params: Value) -> Value {
    *next_id += 1;
    let id = *next_id;
    let message = json!({ "id": id, "method": method, "params": params });
    socket.send(Message::text(message.to_string())).unwrap();
    loop {
        let reply = socket
            .read()
            .unwrap_or_else(|e| panic!("{method}: no answer from Chromium: {e}"));
        let Message::Text(text) = reply else { continue };
        let value: Value = serde_json::from_str(text.as_str()).unwrap();
        if value["id"].as_u64() == Some(id) {
            assert!(value.get("error").is_none(), "{method}: {value}");
            return value["result"].clone();
        }
    }
}

/// `GET path` on the DevTools HTTP endpoint, as JSON (it keeps the connection open, so the body
/// is read by its length).
fn http_get(port: u16, path: &str) -> Value {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    let mut line = String::new();
    loop {
        line.clear();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}
