//! The HTTP side of publishing: one blocking client (ureq, rustls, the operating system's
//! certificates) with a timeout, no redirects (a redirect would carry the credentials elsewhere
//! and means a wrong CONFLUENCE_URL), retries with backoff on 429 and 5xx, and errors that say
//! what to check. Credentials go in the Authorization header only, and every request this
//! module prints shows that header as redacted.
//!
//! Tested against a local stand-in server (tests/publish.rs), never a real Confluence.

use std::io::Write;
use std::time::Duration;

use serde_json::Value;

use super::PublishError;

/// How long one request may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(30);

/// How many times a request is sent at most when Confluence answers 429 or 5xx.
pub const ATTEMPTS: u32 = 4;

/// The longest wait between attempts, whatever a Retry-After header asks.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// A request to Confluence.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub body: Option<Value>,
    /// What it does, for errors: `find the space DEV`.
    pub what: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// An answer: the status and the JSON body (`Null` when empty or not JSON).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub json: Value,
}

/// Sends requests with the credentials, or in a dry run prints the writes instead.
pub struct Client {
    agent: ureq::Agent,
    authorization: String,
    /// The scheme shown for the redacted header: `Basic` or `Bearer`.
    scheme: &'static str,
    /// Where the site's base address is, for network errors.
    base: String,
    hint: &'static str,
    /// How long to wait before the second attempt; doubled after each.
    backoff: Duration,
}

impl Client {
    /// A client for the site at `base` that sends `authorization` (`Basic …` or `Bearer …`).
    /// `hint` names the credentials to check after a 401.
    pub fn new(base: &str, authorization: String, hint: &'static str) -> Client {
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .tls_config(tls)
            .user_agent(concat!("devops-checkpoint/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let scheme = if authorization.starts_with("Basic ") {
            "Basic"
        } else {
            "Bearer"
        };
        Client {
            agent,
            authorization,
            scheme,
            base: base.to_string(),
            hint,
            backoff: Duration::from_millis(500),
        }
    }

    /// `request` as text: the request line, the headers (the Authorization header redacted)
    /// and the JSON body.
    pub fn show(&self, request: &Request) -> String {
        let mut text = format!(
            "{} {}\nAuthorization: {} <redacted>\nAccept: application/json\n",
            request.method.name(),
            request.url,
            self.scheme
        );
        if let Some(body) = &request.body {
            text.push_str("Content-Type: application/json\n\n");
            text.push_str(&serde_json::to_string_pretty(body).unwrap_or_default());
            text.push('\n');
        }
        text
    }

    /// Sends `request`, again after a 429 or a 5xx (waiting as Retry-After says, or with a
    /// doubling backoff), up to [`ATTEMPTS`] times. A 2xx answer is returned, and a 404 too
    /// (the caller decides whether a missing page is an error); any other is an error.
    pub fn send(&self, request: &Request, log: &mut dyn Write) -> Result<Reply, PublishError> {
        let mut wait = self.backoff;
        for attempt in 1..=ATTEMPTS {
            let (status, retry_after, text) = self.once(request)?;
            let retry = status == 429 || (500..600).contains(&status);
            if retry && attempt < ATTEMPTS {
                let pause = retry_after.unwrap_or(wait).min(MAX_WAIT);
                let _ = writeln!(
                    log,
                    "Confluence answered {status} to {} {}: trying again in {} s \
                     (attempt {} of {ATTEMPTS})",
                    request.method.name(),
                    request.url,
                    crate::number::fixed(pause.as_secs_f64(), 1),
                    attempt + 1
                );
                std::thread::sleep(pause);
                wait = wait.saturating_mul(2).min(MAX_WAIT);
                continue;
            }
            let json = serde_json::from_str(&text).unwrap_or(Value::Null);
            if (200..300).contains(&status) || status == 404 {
                return Ok(Reply { status, json });
            }
            return Err(self.refused(request, status, &json, attempt));
        }
        unreachable!("the last attempt returns")
    }

    /// One attempt: the status, a Retry-After in seconds when given, and the body.
    fn once(&self, request: &Request) -> Result<(u16, Option<Duration>, String), PublishError> {
        let result = match request.method {
            Method::Get => self
                .agent
                .get(&request.url)
                .header("Authorization", &self.authorization)
                .header("Accept", "application/json")
                .call(),
            Method::Post | Method::Put => {
                let body = request
                    .body
                    .as_ref()
                    .map(Value::to_string)
                    .unwrap_or_default();
                let builder = match request.method {
                    Method::Post => self.agent.post(&request.url),
                    _ => self.agent.put(&request.url),
                };
                builder
                    .header("Authorization", &self.authorization)
                    .header("Accept", "application/json")
                    // Data Center refuses a write without it as a CSRF guard.
                    .header("X-Atlassian-Token", "no-check")
                    .content_type("application/json")
                    .send(body.as_bytes())
            }
        };
        let mut response = result.map_err(|e| self.network(request, &e))?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            let to = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("elsewhere");
            return Err(PublishError::Redirected {
                url: request.url.clone(),
                to: crate::text::printable(to).into_owned(),
            });
        }
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = response
            .body_mut()
            .with_config()
            .limit(16 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.network(request, &e))?;
        Ok((status, retry_after, text))
    }

    fn network(&self, request: &Request, error: &ureq::Error) -> PublishError {
        let reason = match error {
            ureq::Error::Timeout(_) => format!("no answer within {} s", TIMEOUT.as_secs()),
            ureq::Error::HostNotFound => "the host name is not known".to_string(),
            ureq::Error::ConnectionFailed => "the connection failed".to_string(),
            other => other.to_string(),
        };
        PublishError::Network {
            base: self.base.clone(),
            what: request.what.clone(),
            reason: crate::text::printable(&reason).into_owned(),
        }
    }

    fn refused(&self, request: &Request, status: u16, json: &Value, attempts: u32) -> PublishError {
        // Confluence says why in `message` (v1, Data Center) or `errors[].title` (v2).
        let said = json["message"]
            .as_str()
            .or_else(|| json["errors"][0]["title"].as_str())
            .or_else(|| json["errors"][0]["detail"].as_str())
            .unwrap_or_default();
        let said: String = crate::text::printable(said).chars().take(300).collect();
        let said = if said.is_empty() {
            String::new()
        } else {
            format!(" (Confluence says: {said})")
        };
        let check = match status {
            401 => format!(
                "Confluence did not accept the credentials: check {}",
                self.hint
            ),
            403 => "the account may not do this: check its permissions in the space (add and \
                    edit pages, labels) and the token's scopes"
                .to_string(),
            409 => "the page changed while publishing (a new version was saved, or a page with \
                    this title appeared): publish again"
                .to_string(),
            429 => format!(
                "Confluence kept asking to slow down after {attempts} attempts: wait a minute \
                 and publish again"
            ),
            400 => "Confluence refused the request: check the space key, the parent and the \
                    page title"
                .to_string(),
            s if s >= 500 => format!(
                "Confluence failed after {attempts} attempts: try again later, or ask its \
                 administrators"
            ),
            _ => "an answer this tool does not expect".to_string(),
        };
        PublishError::Refused {
            status,
            what: request.what.clone(),
            url: request.url.clone(),
            check: check + &said,
        }
    }
}

/// `text` percent-encoded for a query value: everything but unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Standard base64 with padding, for the Basic scheme.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_query_encoding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"ana@x.io:t0k3n"), "YW5hQHguaW86dDBrM24=");
        assert_eq!(
            encode("Partner Tooling | 2023-01 | DevOps Checkpoint"),
            "Partner%20Tooling%20%7C%202023-01%20%7C%20DevOps%20Checkpoint"
        );
        assert_eq!(encode("É&="), "%C3%89%26%3D");
    }

    #[test]
    fn a_shown_request_never_holds_the_credentials() {
        let client = Client::new("https://x", "Basic c2VjcmV0".into(), "");
        let request = Request {
            method: Method::Post,
            url: "https://x/wiki/api/v2/pages".into(),
            body: Some(serde_json::json!({"title": "T"})),
            what: "create".into(),
        };
        let shown = client.show(&request);
        assert!(shown.contains("Authorization: Basic <redacted>"), "{shown}");
        assert!(!shown.contains("c2VjcmV0"));
        assert!(shown.contains("\"title\": \"T\""));
    }
}
