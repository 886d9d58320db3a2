//! `checkpoint publish`: puts a checkpoint's summary (Confluence storage format, from
//! [`crate::export::confluence`]) on its page in Confluence, Cloud or Data Center, creating it or
//! updating it. The HTTP and Confluence code lives here, apart from the core.
//!
//! Publishing is idempotent: the page keeps, in a content property ([`api::PROPERTY`]), the hash
//! of the title and body published last and the page version that publish made. The same
//! summary published again sends no write at all. A page whose version is not the one recorded
//! was edited in Confluence since, and is not overwritten without `--force`; nor is a page of
//! the same title that `checkpoint publish` did not write.
//!
//! Tested against a local stand-in server that implements the endpoints used
//! (tests/publish.rs), never against a real Confluence.

pub mod api;
pub mod http;
pub mod settings;

use std::io::Write;

use api::{Mark, Page, Site, Space};
use http::{Client, Reply, Request};
pub use settings::Settings;

/// Why publishing failed. No variant holds a credential.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{0}")]
    Setting(String),
    #[error(
        "cannot {what}: cannot reach {base}: {reason}. Check CONFLUENCE_URL, the network and any proxy (HTTPS_PROXY)"
    )]
    Network {
        base: String,
        what: String,
        reason: String,
    },
    #[error(
        "{url} redirects to {to}. Check CONFLUENCE_URL: give the address the site answers on (https, with Data Center's context path)"
    )]
    Redirected { url: String, to: String },
    #[error("cannot {what}: Confluence answered {status} to {url}: {check}")]
    Refused {
        status: u16,
        what: String,
        url: String,
        check: String,
    },
    #[error("cannot {what}: {url} was not found (404). Check CONFLUENCE_URL{}, the space key and the parent", .flavour_hint)]
    NotFound {
        what: String,
        url: String,
        flavour_hint: &'static str,
    },
    #[error(
        "cannot {what}: Confluence's answer from {url} is not what this tool expects ({missing})"
    )]
    Unexpected {
        what: String,
        url: String,
        missing: &'static str,
    },
    #[error(
        "no page titled \"{title}\" in the space {space} to put the summary under: check --parent (a page id, or the exact title of a page in that space)"
    )]
    NoParent { title: String, space: String },
    #[error(
        "{url} was edited in Confluence since it was last published (it is at version {now}; publishing made version {ours}). Nothing was changed: merge the edits into the checkpoint, or publish with --force to replace them"
    )]
    EditedSince { url: String, now: u64, ours: u64 },
    #[error(
        "a page titled \"{title}\" already exists ({url}) and `checkpoint publish` did not write it. Nothing was changed: publish with --force to replace its content"
    )]
    NotOurs { title: String, url: String },
}

/// Stands for the id of a page a dry run would create.
const NEW_PAGE: &str = "NEW-PAGE-ID";

/// What to publish where.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// The space key.
    pub space: &'a str,
    /// A page id, or the title of a page in the space, to create the page under.
    pub parent: Option<&'a str>,
    pub title: &'a str,
    /// The page body, Confluence storage format.
    pub body: &'a str,
    pub labels: Vec<String>,
    /// The page recorded in the checkpoint by an earlier publish: its id, on its site.
    pub known: Option<(&'a str, &'a str)>,
    pub dry_run: bool,
    pub force: bool,
}

/// What publishing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created(Page),
    Updated(Page),
    /// The page already shows this summary; nothing was sent.
    Unchanged(Page),
    /// `--dry-run`: the writes were printed, not sent.
    DryRun,
}

impl Outcome {
    /// The page, unless a dry run.
    pub fn page(&self) -> Option<&Page> {
        match self {
            Outcome::Created(p) | Outcome::Updated(p) | Outcome::Unchanged(p) => Some(p),
            Outcome::DryRun => None,
        }
    }
}

/// The hash kept in the page's property: FNV-1a, 64 bits, of the title and body (stable across
/// builds; it only tells this tool's own publishes apart).
pub fn hash(title: &str, body: &str) -> String {
    let bytes = title.bytes().chain([0]).chain(body.bytes());
    let h = bytes.fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("fnv1a64:{h:016x}")
}

/// A label Confluence accepts: lower case, letters, digits and `-`.
pub fn label(text: &str) -> String {
    crate::checkpoint::slug(text)
}

/// Publishes `job` to the site in `settings`. Reads are sent even in a dry run (they change
/// nothing); writes are then printed to `out` instead. Notes (retries, a page found again by
/// title) go to `log`.
pub fn publish(
    settings: &Settings,
    job: &Job,
    out: &mut dyn Write,
    log: &mut dyn Write,
) -> Result<Outcome, PublishError> {
    let site = &settings.site;
    let client = Client::new(&site.base, settings.authorization.clone(), settings.hint);
    let send = |request: &Request, log: &mut dyn Write| -> Result<Reply, PublishError> {
        client.send(request, log)
    };
    let hint = match site.flavour {
        api::Flavour::Cloud => " (https://SITE.atlassian.net)",
        api::Flavour::DataCenter => " (with the context path, e.g. /confluence)",
    };
    let missing = |request: &Request| PublishError::NotFound {
        what: request.what.clone(),
        url: request.url.clone(),
        flavour_hint: hint,
    };
    let found = |request: &Request, reply: Reply| -> Result<Reply, PublishError> {
        if reply.status == 404 {
            Err(missing(request))
        } else {
            Ok(reply)
        }
    };

    let space = match site.flavour {
        api::Flavour::Cloud => {
            let request = site.space(job.space);
            let reply = found(&request, send(&request, log)?)?;
            let id = Site::space_id(&reply).ok_or_else(|| missing(&request))?;
            Space {
                key: job.space.to_string(),
                id: Some(id),
            }
        }
        api::Flavour::DataCenter => Space {
            key: job.space.to_string(),
            id: None,
        },
    };

    let existing = existing_page(site, &space, job, &send, log)?;
    let hash = hash(job.title, job.body);
    let Some(page) = existing else {
        let parent = parent_id(site, &space, job, &send, log)?;
        let create = site.create(&space, parent.as_deref(), job.title, job.body);
        if job.dry_run {
            show_writes(&client, out, &[create], |id| {
                follow_ups(site, id, None, &hash, 1, &job.labels)
            });
            return Ok(Outcome::DryRun);
        }
        let reply = found(&create, send(&create, log)?)?;
        let page = site
            .page(&reply)
            .ok_or_else(|| unexpected(&create, "a page id and version"))?;
        for request in follow_ups(site, Some(&page.id), None, &hash, page.version, &job.labels) {
            found(&request, send(&request, log)?)?;
        }
        return Ok(Outcome::Created(page));
    };

    let request = site.property(&page.id);
    let property = site.property_in(&send(&request, log)?);
    let mark = property.as_ref().and_then(|p| p.mark.clone());
    match &mark {
        Some(m) if m.version == page.version && m.hash == hash => {
            if job.dry_run {
                let _ = writeln!(
                    out,
                    "# {} already shows this summary (version {}): nothing would be sent",
                    page.url, page.version
                );
                return Ok(Outcome::DryRun);
            }
            return Ok(Outcome::Unchanged(page));
        }
        Some(m) if m.version != page.version && !job.force => {
            return Err(PublishError::EditedSince {
                url: page.url,
                now: page.version,
                ours: m.version,
            });
        }
        None if !job.force => {
            return Err(PublishError::NotOurs {
                title: page.title,
                url: page.url,
            });
        }
        _ => {}
    }
    let update = site.update(&page, job.title, job.body);
    if job.dry_run {
        show_writes(&client, out, &[update], |_| {
            follow_ups(
                site,
                Some(&page.id),
                property.as_ref(),
                &hash,
                page.version + 1,
                &job.labels,
            )
        });
        return Ok(Outcome::DryRun);
    }
    let reply = found(&update, send(&update, log)?)?;
    let updated = site.page(&reply).unwrap_or(Page {
        version: page.version + 1,
        ..page.clone()
    });
    for request in follow_ups(
        site,
        Some(&updated.id),
        property.as_ref(),
        &hash,
        updated.version,
        &job.labels,
    ) {
        found(&request, send(&request, log)?)?;
    }
    Ok(Outcome::Updated(updated))
}

/// The page to update: the one the checkpoint recorded, when it is on this site and still
/// there, else the one titled as ours in the space.
fn existing_page(
    site: &Site,
    space: &Space,
    job: &Job,
    send: &dyn Fn(&Request, &mut dyn Write) -> Result<Reply, PublishError>,
    log: &mut dyn Write,
) -> Result<Option<Page>, PublishError> {
    if let Some((id, base)) = job.known
        && base == site.base
    {
        let request = site.get(id);
        let reply = send(&request, log)?;
        if reply.status != 404 {
            return site
                .page(&reply)
                .map(Some)
                .ok_or_else(|| unexpected(&request, "a page id and version"));
        }
        let _ = writeln!(
            log,
            "note: the page {id} this checkpoint was published to is gone; looking for \"{}\" in \
             the space {}",
            job.title, space.key
        );
    }
    let request = site.find(space, job.title);
    let reply = send(&request, log)?;
    Ok(if reply.status == 404 {
        None
    } else {
        site.found(&reply)
    })
}

/// The parent's id: `--parent` as given when it is an id, else the page of that title.
fn parent_id(
    site: &Site,
    space: &Space,
    job: &Job,
    send: &dyn Fn(&Request, &mut dyn Write) -> Result<Reply, PublishError>,
    log: &mut dyn Write,
) -> Result<Option<String>, PublishError> {
    let Some(parent) = job.parent.map(str::trim).filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    if parent.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Some(parent.to_string()));
    }
    let reply = send(&site.find(space, parent), log)?;
    match site.found(&reply).filter(|_| reply.status != 404) {
        Some(page) => Ok(Some(page.id)),
        None => Err(PublishError::NoParent {
            title: parent.to_string(),
            space: space.key.clone(),
        }),
    }
}

/// The writes after the page's: the property that records this publish, then the labels.
/// `page` is `None` before a dry run's page exists.
fn follow_ups(
    site: &Site,
    page: Option<&str>,
    property: Option<&api::Property>,
    hash: &str,
    version: u64,
    labels: &[String],
) -> Vec<Request> {
    let id = page.unwrap_or(NEW_PAGE);
    let mark = Mark {
        hash: hash.to_string(),
        version,
    };
    vec![
        site.set_property(id, property, &mark),
        site.labels(id, labels),
    ]
}

fn show_writes(
    client: &Client,
    out: &mut dyn Write,
    first: &[Request],
    then: impl FnOnce(Option<&str>) -> Vec<Request>,
) {
    let _ = writeln!(
        out,
        "# --dry-run: these requests would be sent; nothing is written to Confluence"
    );
    let requests: Vec<Request> = first.iter().cloned().chain(then(None)).collect();
    if requests.iter().any(|r| r.url.contains(NEW_PAGE)) {
        let _ = writeln!(out, "# {NEW_PAGE}: the id Confluence gives the new page");
    }
    for request in requests {
        let _ = writeln!(out, "\n{}", client.show(&request));
    }
}

fn unexpected(request: &Request, missing: &'static str) -> PublishError {
    PublishError::Unexpected {
        what: request.what.clone(),
        url: request.url.clone(),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_changes_with_the_title_or_the_body() {
        let a = hash("T", "<p>x</p>");
        assert_eq!(a, hash("T", "<p>x</p>"));
        assert_ne!(a, hash("T2", "<p>x</p>"));
        assert_ne!(a, hash("T", "<p>y</p>"));
        assert_ne!(hash("ab", "c"), hash("a", "bc"));
        assert!(a.starts_with("fnv1a64:"));
    }

    #[test]
    fn labels_are_slugs() {
        assert_eq!(label("Partner Tooling"), "partner-tooling");
        assert_eq!(label("Elite"), "elite");
    }
}
