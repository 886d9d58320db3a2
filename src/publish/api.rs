//! The few Confluence endpoints `checkpoint publish` uses, for both flavours, as requests to
//! send and answers to read:
//!
//! | step | Cloud (REST v2) | Data Center (REST v1) |
//! |---|---|---|
//! | the space | `GET /wiki/api/v2/spaces?keys=KEY` | (the key is enough) |
//! | a page by title | `GET /wiki/api/v2/pages?space-id=&title=` | `GET /rest/api/content?spaceKey=&title=&expand=version` |
//! | a page by id | `GET /wiki/api/v2/pages/{id}` | `GET /rest/api/content/{id}?expand=version` |
//! | create | `POST /wiki/api/v2/pages` | `POST /rest/api/content` |
//! | update | `PUT /wiki/api/v2/pages/{id}`, version + 1 | `PUT /rest/api/content/{id}`, version + 1 |
//! | our property | `/wiki/api/v2/pages/{id}/properties` | `/rest/api/content/{id}/property` |
//! | labels | `POST /wiki/rest/api/content/{id}/label` (v2 cannot add labels) | `POST /rest/api/content/{id}/label` |
//!
//! Shapes follow Atlassian's documentation; they were tested against a local stand-in server
//! (tests/publish.rs), never a real Confluence.

use serde_json::{Value, json};

use super::http::{Method, Reply, Request, encode};

/// The content property that holds what was published last.
pub const PROPERTY: &str = "devops-checkpoint";

/// Which Confluence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Cloud,
    DataCenter,
}

impl Flavour {
    pub fn name(self) -> &'static str {
        match self {
            Flavour::Cloud => "Cloud",
            Flavour::DataCenter => "Data Center",
        }
    }
}

/// A Confluence site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub flavour: Flavour,
    /// The base address without a trailing `/` (and, for Cloud, without `/wiki`).
    pub base: String,
}

/// A space: its key, and for Cloud its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Space {
    pub key: String,
    pub id: Option<String>,
}

/// A page as Confluence reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub id: String,
    pub title: String,
    pub version: u64,
    /// Its address in a browser.
    pub url: String,
}

/// What the last publish wrote, kept in the page's [`PROPERTY`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// The hash of the title and body published.
    pub hash: String,
    /// The page version that publish made.
    pub version: u64,
}

/// The page's [`PROPERTY`] as stored: its own id (Cloud) and version, and our mark in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub id: Option<String>,
    pub version: u64,
    pub mark: Option<Mark>,
}

fn get(url: String, what: String) -> Request {
    Request {
        method: Method::Get,
        url,
        body: None,
        what,
    }
}

fn write(method: Method, url: String, body: Value, what: String) -> Request {
    Request {
        method,
        url,
        body: Some(body),
        what,
    }
}

impl Site {
    fn api(&self, path: &str) -> String {
        match self.flavour {
            Flavour::Cloud => format!("{}/wiki/api/v2{path}", self.base),
            Flavour::DataCenter => format!("{}/rest/api{path}", self.base),
        }
    }

    /// Cloud: the request for the space's id.
    pub fn space(&self, key: &str) -> Request {
        get(
            self.api(&format!("/spaces?keys={}", encode(key))),
            format!("find the space {key}"),
        )
    }

    /// The space's id in the answer to [`Site::space`].
    pub fn space_id(reply: &Reply) -> Option<String> {
        id_of(&reply.json["results"][0])
    }

    /// The page titled `title` in `space`.
    pub fn find(&self, space: &Space, title: &str) -> Request {
        let what = format!("find the page \"{title}\" in the space {}", space.key);
        match self.flavour {
            Flavour::Cloud => get(
                self.api(&format!(
                    "/pages?space-id={}&title={}&status=current",
                    encode(space.id.as_deref().unwrap_or_default()),
                    encode(title)
                )),
                what,
            ),
            Flavour::DataCenter => get(
                self.api(&format!(
                    "/content?spaceKey={}&title={}&type=page&expand=version,metadata.labels",
                    encode(&space.key),
                    encode(title)
                )),
                what,
            ),
        }
    }

    /// The first page in the answer to [`Site::find`].
    pub fn found(&self, reply: &Reply) -> Option<Page> {
        let first = &reply.json["results"][0];
        first
            .is_object()
            .then(|| self.page_in(first, &reply.json))?
    }

    /// The page with id `id`.
    pub fn get(&self, id: &str) -> Request {
        let path = match self.flavour {
            Flavour::Cloud => format!("/pages/{}", encode(id)),
            Flavour::DataCenter => format!("/content/{}?expand=version", encode(id)),
        };
        get(self.api(&path), format!("read the page {id}"))
    }

    /// The page in the answer to [`Site::get`], [`Site::create`] or [`Site::update`].
    pub fn page(&self, reply: &Reply) -> Option<Page> {
        self.page_in(&reply.json, &reply.json)
    }

    fn page_in(&self, page: &Value, answer: &Value) -> Option<Page> {
        let id = id_of(page)?;
        let version = page["version"]["number"].as_u64()?;
        let base = page["_links"]["base"]
            .as_str()
            .or_else(|| answer["_links"]["base"].as_str())
            .map_or_else(|| self.web_base(), |b| b.trim_end_matches('/').to_string());
        let url = match page["_links"]["webui"].as_str() {
            Some(webui) if webui.starts_with('/') => format!("{base}{webui}"),
            _ => match self.flavour {
                Flavour::Cloud => format!("{base}/pages/viewpage.action?pageId={id}"),
                Flavour::DataCenter => format!("{base}/pages/viewpage.action?pageId={id}"),
            },
        };
        Some(Page {
            id,
            title: page["title"].as_str().unwrap_or_default().to_string(),
            version,
            url,
        })
    }

    /// Where pages are shown: `…/wiki` on Cloud, the base on Data Center.
    fn web_base(&self) -> String {
        match self.flavour {
            Flavour::Cloud => format!("{}/wiki", self.base),
            Flavour::DataCenter => self.base.clone(),
        }
    }

    /// A new page titled `title` with the storage-format `body`, under `parent` when given.
    pub fn create(&self, space: &Space, parent: Option<&str>, title: &str, body: &str) -> Request {
        let what = format!("create the page \"{title}\" in the space {}", space.key);
        match self.flavour {
            Flavour::Cloud => {
                let mut page = json!({
                    "spaceId": space.id.as_deref().unwrap_or_default(),
                    "status": "current",
                    "title": title,
                    "body": { "representation": "storage", "value": body },
                });
                if let Some(parent) = parent {
                    page["parentId"] = json!(parent);
                }
                write(Method::Post, self.api("/pages"), page, what)
            }
            Flavour::DataCenter => {
                let mut page = json!({
                    "type": "page",
                    "title": title,
                    "space": { "key": space.key },
                    "body": { "storage": { "value": body, "representation": "storage" } },
                });
                if let Some(parent) = parent {
                    page["ancestors"] = json!([{ "id": parent }]);
                }
                write(Method::Post, self.api("/content"), page, what)
            }
        }
    }

    /// `page` with a new `title` and `body`, as the version after the one it has.
    pub fn update(&self, page: &Page, title: &str, body: &str) -> Request {
        let version = json!({ "number": page.version + 1, "message": "checkpoint publish" });
        let what = format!("update the page \"{title}\" ({})", page.id);
        match self.flavour {
            Flavour::Cloud => write(
                Method::Put,
                self.api(&format!("/pages/{}", encode(&page.id))),
                json!({
                    "id": page.id,
                    "status": "current",
                    "title": title,
                    "body": { "representation": "storage", "value": body },
                    "version": version,
                }),
                what,
            ),
            Flavour::DataCenter => write(
                Method::Put,
                self.api(&format!("/content/{}", encode(&page.id))),
                json!({
                    "id": page.id,
                    "type": "page",
                    "title": title,
                    "body": { "storage": { "value": body, "representation": "storage" } },
                    "version": version,
                }),
                what,
            ),
        }
    }

    /// The page's [`PROPERTY`].
    pub fn property(&self, page: &str) -> Request {
        let path = match self.flavour {
            Flavour::Cloud => format!("/pages/{}/properties?key={PROPERTY}", encode(page)),
            Flavour::DataCenter => format!("/content/{}/property/{PROPERTY}", encode(page)),
        };
        get(
            self.api(&path),
            format!("read the page {page}'s {PROPERTY} property"),
        )
    }

    /// The property in the answer to [`Site::property`]; `None` when the page has none.
    pub fn property_in(&self, reply: &Reply) -> Option<Property> {
        if reply.status == 404 {
            return None;
        }
        let p = match self.flavour {
            Flavour::Cloud => &reply.json["results"][0],
            Flavour::DataCenter => &reply.json,
        };
        p.is_object().then(|| Property {
            id: id_of(p),
            version: p["version"]["number"].as_u64().unwrap_or(1),
            mark: match (p["value"]["hash"].as_str(), p["value"]["version"].as_u64()) {
                (Some(hash), Some(version)) => Some(Mark {
                    hash: hash.to_string(),
                    version,
                }),
                _ => None,
            },
        })
    }

    /// Writes `mark` to the page's [`PROPERTY`], over `existing` when there is one.
    pub fn set_property(&self, page: &str, existing: Option<&Property>, mark: &Mark) -> Request {
        let value = json!({ "hash": mark.hash, "version": mark.version });
        let what = format!("record the publish in the page {page}'s {PROPERTY} property");
        let mut body = json!({ "key": PROPERTY, "value": value });
        match (self.flavour, existing) {
            (Flavour::Cloud, Some(p)) => {
                body["version"] = json!({ "number": p.version + 1 });
                let id = p.id.as_deref().unwrap_or_default();
                let path = format!("/pages/{}/properties/{}", encode(page), encode(id));
                write(Method::Put, self.api(&path), body, what)
            }
            (Flavour::Cloud, None) => {
                let path = format!("/pages/{}/properties", encode(page));
                write(Method::Post, self.api(&path), body, what)
            }
            (Flavour::DataCenter, Some(p)) => {
                body["version"] = json!({ "number": p.version + 1 });
                let path = format!("/content/{}/property/{PROPERTY}", encode(page));
                write(Method::Put, self.api(&path), body, what)
            }
            (Flavour::DataCenter, None) => {
                let path = format!("/content/{}/property", encode(page));
                write(Method::Post, self.api(&path), body, what)
            }
        }
    }

    /// Adds `labels` to the page (labels it has already stay as they are).
    pub fn labels(&self, page: &str, labels: &[String]) -> Request {
        let body: Vec<Value> = labels
            .iter()
            .map(|name| json!({ "prefix": "global", "name": name }))
            .collect();
        let url = match self.flavour {
            Flavour::Cloud => format!("{}/wiki/rest/api/content/{}/label", self.base, encode(page)),
            Flavour::DataCenter => format!("{}/rest/api/content/{}/label", self.base, encode(page)),
        };
        write(
            Method::Post,
            url,
            Value::Array(body),
            format!("label the page {page}"),
        )
    }
}

/// An `id` given as a string (v1, v2) or a number.
fn id_of(value: &Value) -> Option<String> {
    match &value["id"] {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
