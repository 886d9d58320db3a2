//! A local stand-in for Confluence, for the `checkpoint publish` tests: a small HTTP/1.1 server
//! on 127.0.0.1 (port 0, so a free one) that implements the few endpoints the tool uses, Cloud
//! (REST v2, labels through v1) and Data Center (REST v1) alike, with answers shaped as
//! Atlassian documents them. It records every request, checks the Authorization header, keeps
//! pages with versions, content properties and labels, and can be told to answer 401, 409 or
//! 429 (with Retry-After). It is not Confluence: the tool was tested against this, never a real
//! Confluence.
#![allow(dead_code)]

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

/// One request as the server got it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The path and query, percent-decoded.
    pub target: String,
    pub authorization: String,
    pub body: Value,
}

#[derive(Debug, Clone)]
pub struct StoredPage {
    pub id: String,
    pub title: String,
    pub space: String,
    pub parent: Option<String>,
    pub version: u64,
    pub body: String,
    /// Our content property: its id, version and value.
    pub property: Option<(String, u64, Value)>,
    pub labels: BTreeSet<String>,
}

#[derive(Debug, Default)]
pub struct State {
    pub seen: Vec<Seen>,
    pub pages: Vec<StoredPage>,
    /// Answers to give instead of the real one, to the next request whose method and path
    /// start as given: (method, path prefix, status, Retry-After).
    pub faults: VecDeque<(String, String, u16, Option<u64>)>,
    next_id: u64,
}

/// The server, on its own thread for the life of the test.
pub struct Stand {
    pub url: String,
    pub state: Arc<Mutex<State>>,
    /// The Authorization header it accepts.
    pub expected: String,
}

pub const SPACE_ID: &str = "65537";

impl Stand {
    /// Starts the server accepting `authorization`.
    pub fn start(authorization: &str) -> Stand {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            next_id: 1000,
            ..State::default()
        }));
        let shared = Arc::clone(&state);
        let expected = authorization.to_string();
        let accept = expected.clone();
        let base = url.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                let accept = accept.clone();
                let base = base.clone();
                std::thread::spawn(move || serve(stream, &state, &accept, &base));
            }
        });
        Stand {
            url,
            state,
            expected,
        }
    }

    /// A page that exists before the test publishes (a parent, or a page made by hand).
    pub fn add_page(&self, title: &str, space: &str) -> String {
        let mut state = self.state.lock().unwrap();
        state.next_id += 1;
        let id = state.next_id.to_string();
        state.pages.push(StoredPage {
            id: id.clone(),
            title: title.to_string(),
            space: space.to_string(),
            parent: None,
            version: 1,
            body: "<p>made by hand</p>".into(),
            property: None,
            labels: BTreeSet::new(),
        });
        id
    }

    /// Someone edits the page titled `title` in Confluence: a new version.
    pub fn edit_by_hand(&self, title: &str) {
        let mut state = self.state.lock().unwrap();
        let page = state.pages.iter_mut().find(|p| p.title == title).unwrap();
        page.version += 1;
        page.body.push_str("<p>edited in Confluence</p>");
    }

    pub fn page(&self, title: &str) -> Option<StoredPage> {
        let state = self.state.lock().unwrap();
        state.pages.iter().find(|p| p.title == title).cloned()
    }

    /// The requests so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// The writes (POST, PUT) among the requests from `from` on.
    pub fn writes_since(&self, from: usize) -> Vec<Seen> {
        self.seen()[from..]
            .iter()
            .filter(|s| s.method != "GET")
            .cloned()
            .collect()
    }

    /// The next `method` request to a path starting with `prefix` gets `status`.
    pub fn fail_next(&self, method: &str, prefix: &str, status: u16, retry_after: Option<u64>) {
        self.state.lock().unwrap().faults.push_back((
            method.to_string(),
            prefix.to_string(),
            status,
            retry_after,
        ));
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>, accept: &str, base: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let raw = parts.next().unwrap_or_default().to_string();
    let target = decode(&raw);
    let mut length = 0;
    let mut authorization = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse().unwrap_or(0),
                "authorization" => authorization = value.to_string(),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (status, retry_after, answer) = {
        let mut state = state.lock().unwrap();
        state.seen.push(Seen {
            method: method.clone(),
            target: target.clone(),
            authorization: authorization.clone(),
            body: body.clone(),
        });
        let path = target.split('?').next().unwrap_or_default().to_string();
        let target = raw;
        let fault = state
            .faults
            .iter()
            .position(|(m, p, ..)| *m == method && path.starts_with(p.as_str()));
        if let Some(i) = fault {
            let (_, _, status, retry) = state.faults.remove(i).unwrap();
            let message =
                json!({ "statusCode": status, "message": format!("stand-in answers {status}") });
            (status, retry, message)
        } else if authorization != accept {
            (
                401,
                None,
                json!({ "statusCode": 401, "message": "Unauthorized; scope does not match" }),
            )
        } else {
            let (status, answer) = route(&mut state, &method, &target, &body, base);
            (status, None, answer)
        }
    };
    let text = answer.to_string();
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        404 => "Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        _ => "Status",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        text.len()
    );
    if let Some(seconds) = retry_after {
        head.push_str(&format!("Retry-After: {seconds}\r\n"));
    }
    let mut stream = stream;
    let _ = stream.write_all(format!("{head}\r\n{text}").as_bytes());
}

/// The query value of `name` in the raw `target`, decoded.
fn query(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| decode(v))
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn not_found() -> (u16, Value) {
    (
        404,
        json!({ "statusCode": 404, "message": "No content found" }),
    )
}

fn cloud_page(p: &StoredPage, base: &str) -> Value {
    json!({
        "id": p.id,
        "status": "current",
        "title": p.title,
        "spaceId": SPACE_ID,
        "parentId": p.parent,
        "version": { "number": p.version, "message": "", "createdAt": "2023-01-10T12:00:00.000Z" },
        "body": { "storage": { "representation": "storage", "value": p.body } },
        "_links": {
            "webui": format!("/spaces/{}/pages/{}/{}", p.space, p.id, p.title.replace(' ', "+")),
            "tinyui": format!("/x/{}", p.id),
            "base": format!("{base}/wiki"),
        },
    })
}

fn dc_page(p: &StoredPage, base: &str) -> Value {
    json!({
        "id": p.id,
        "type": "page",
        "status": "current",
        "title": p.title,
        "version": { "number": p.version, "minorEdit": false },
        "_links": {
            "webui": format!("/pages/viewpage.action?pageId={}", p.id),
            "self": format!("{base}/rest/api/content/{}", p.id),
            "base": base,
        },
    })
}

fn route(state: &mut State, method: &str, target: &str, body: &Value, base: &str) -> (u16, Value) {
    let path = decode(target.split('?').next().unwrap_or_default());
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        // Cloud, REST v2.
        ("GET", ["wiki", "api", "v2", "spaces"]) => {
            let key = query(target, "keys").unwrap_or_default();
            let results: Vec<Value> = ["DEV", "OPS"]
                .iter()
                .filter(|k| **k == key.as_str())
                .map(|k| json!({ "id": SPACE_ID, "key": k, "name": "Engineering", "type": "global" }))
                .collect();
            (200, json!({ "results": results, "_links": {} }))
        }
        ("GET", ["wiki", "api", "v2", "pages"]) => {
            let title = query(target, "title").unwrap_or_default();
            let results: Vec<Value> = state
                .pages
                .iter()
                .filter(|p| p.title == title.as_str())
                .map(|p| cloud_page(p, base))
                .collect();
            (
                200,
                json!({ "results": results, "_links": { "base": format!("{base}/wiki") } }),
            )
        }
        ("GET", ["wiki", "api", "v2", "pages", id]) => {
            match state.pages.iter().find(|p| p.id == *id) {
                Some(p) => (200, cloud_page(p, base)),
                None => not_found(),
            }
        }
        ("POST", ["wiki", "api", "v2", "pages"]) => {
            let page = create(
                state,
                body["title"].as_str().unwrap_or_default(),
                "DEV",
                body["parentId"].as_str(),
                body["body"]["value"].as_str().unwrap_or_default(),
            );
            (200, cloud_page(&page, base))
        }
        ("PUT", ["wiki", "api", "v2", "pages", id]) => update(
            state,
            id,
            body,
            base,
            cloud_page,
            |v| json!({ "errors": [{ "status": 409, "code": "CONFLICT", "title": format!("Version must be incremented on update. Current Version is: {v}") }] }),
        ),
        ("GET", ["wiki", "api", "v2", "pages", id, "properties"]) => {
            match state.pages.iter().find(|p| p.id == *id) {
                Some(p) => {
                    let results: Vec<Value> = p
                        .property
                        .iter()
                        .map(|(pid, v, value)| json!({ "id": pid, "key": "devops-checkpoint", "value": value, "version": { "number": v } }))
                        .collect();
                    (200, json!({ "results": results, "_links": {} }))
                }
                None => not_found(),
            }
        }
        ("POST", ["wiki", "api", "v2", "pages", id, "properties"]) => {
            set_property(state, id, None, body)
        }
        ("PUT", ["wiki", "api", "v2", "pages", id, "properties", pid]) => {
            set_property(state, id, Some(pid), body)
        }
        ("POST", ["wiki", "rest", "api", "content", id, "label"])
        | ("POST", ["rest", "api", "content", id, "label"]) => add_labels(state, id, body),
        // Data Center, REST v1.
        ("GET", ["rest", "api", "content"]) => {
            let title = query(target, "title").unwrap_or_default();
            let key = query(target, "spaceKey").unwrap_or_default();
            let results: Vec<Value> = state
                .pages
                .iter()
                .filter(|p| p.title == title && p.space == key)
                .map(|p| dc_page(p, base))
                .collect();
            let size = results.len();
            (
                200,
                json!({ "results": results, "start": 0, "limit": 25, "size": size, "_links": { "base": base, "context": "" } }),
            )
        }
        ("GET", ["rest", "api", "content", id]) => match state.pages.iter().find(|p| p.id == *id) {
            Some(p) => (200, dc_page(p, base)),
            None => not_found(),
        },
        ("POST", ["rest", "api", "content"]) => {
            let page = create(
                state,
                body["title"].as_str().unwrap_or_default(),
                body["space"]["key"].as_str().unwrap_or_default(),
                body["ancestors"][0]["id"].as_str(),
                body["body"]["storage"]["value"]
                    .as_str()
                    .unwrap_or_default(),
            );
            (200, dc_page(&page, base))
        }
        ("PUT", ["rest", "api", "content", id]) => update(
            state,
            id,
            body,
            base,
            dc_page,
            |v| json!({ "statusCode": 409, "message": format!("Version must be incremented on update. Current version is: {v}") }),
        ),
        ("GET", ["rest", "api", "content", id, "property", key]) => {
            match state
                .pages
                .iter()
                .find(|p| p.id == *id)
                .and_then(|p| p.property.clone())
            {
                Some((pid, v, value)) => (
                    200,
                    json!({ "id": pid, "key": key, "value": value, "version": { "number": v } }),
                ),
                None => not_found(),
            }
        }
        ("POST", ["rest", "api", "content", id, "property"]) => set_property(state, id, None, body),
        ("PUT", ["rest", "api", "content", id, "property", _key]) => {
            let pid = state
                .pages
                .iter()
                .find(|p| p.id == *id)
                .and_then(|p| p.property.as_ref().map(|(pid, ..)| pid.clone()))
                .unwrap_or_default();
            set_property(state, id, Some(&pid), body)
        }
        _ => not_found(),
    }
}

fn create(
    state: &mut State,
    title: &str,
    space: &str,
    parent: Option<&str>,
    body: &str,
) -> StoredPage {
    state.next_id += 1;
    let page = StoredPage {
        id: state.next_id.to_string(),
        title: title.to_string(),
        space: space.to_string(),
        parent: parent.map(str::to_string),
        version: 1,
        body: body.to_string(),
        property: None,
        labels: BTreeSet::new(),
    };
    state.pages.push(page.clone());
    page
}

fn update(
    state: &mut State,
    id: &str,
    body: &Value,
    base: &str,
    shape: fn(&StoredPage, &str) -> Value,
    conflict: fn(u64) -> Value,
) -> (u16, Value) {
    let Some(page) = state.pages.iter_mut().find(|p| p.id == id) else {
        return not_found();
    };
    let asked = body["version"]["number"].as_u64().unwrap_or(0);
    if asked != page.version + 1 {
        return (409, conflict(page.version));
    }
    page.version = asked;
    page.title = body["title"].as_str().unwrap_or_default().to_string();
    page.body = body["body"]["value"]
        .as_str()
        .or_else(|| body["body"]["storage"]["value"].as_str())
        .unwrap_or_default()
        .to_string();
    (200, shape(page, base))
}

fn set_property(state: &mut State, id: &str, pid: Option<&str>, body: &Value) -> (u16, Value) {
    state.next_id += 1;
    let fresh = state.next_id.to_string();
    let Some(page) = state.pages.iter_mut().find(|p| p.id == id) else {
        return not_found();
    };
    let value = body["value"].clone();
    match (&mut page.property, pid) {
        (Some((existing, v, stored)), Some(pid)) if existing == pid => {
            let asked = body["version"]["number"].as_u64().unwrap_or(0);
            if asked != *v + 1 {
                return (
                    409,
                    json!({ "statusCode": 409, "message": "property version" }),
                );
            }
            *v = asked;
            *stored = value.clone();
        }
        (None, None) => page.property = Some((fresh, 1, value.clone())),
        _ => {
            return (
                409,
                json!({ "statusCode": 409, "message": "property exists or is missing" }),
            );
        }
    }
    let (pid, v, value) = page.property.clone().unwrap();
    (
        200,
        json!({ "id": pid, "key": "devops-checkpoint", "value": value, "version": { "number": v } }),
    )
}

fn add_labels(state: &mut State, id: &str, body: &Value) -> (u16, Value) {
    let Some(page) = state.pages.iter_mut().find(|p| p.id == id) else {
        return not_found();
    };
    for label in body.as_array().into_iter().flatten() {
        page.labels
            .insert(label["name"].as_str().unwrap_or_default().to_string());
    }
    let results: Vec<Value> = page
        .labels
        .iter()
        .map(|l| json!({ "prefix": "global", "name": l, "id": l, "label": l }))
        .collect();
    let size = results.len();
    (
        200,
        json!({ "results": results, "start": 0, "limit": 200, "size": size }),
    )
}
