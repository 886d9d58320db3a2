//! What every request passes before its handler: the per-client rate limit, the room's code
//! (compared in constant time), the same-origin rule for changes, and the security headers
//! every answer carries.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, HOST, ORIGIN, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::Ctx;
use super::reply;

/// Requests a client may make per second, on average.
const RATE: f64 = 20.0;
/// Requests a client may make at once, after a pause.
const BURST: f64 = 40.0;
/// Clients tracked at most: past that, idle ones are forgotten, and while a flood from more
/// addresses keeps it full, new clients wait.
const MAX_CLIENTS: usize = 4096;

/// The page's policy: its own script and styles inline, nothing from elsewhere.
const POLICY: &str =
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";

/// The middleware: see the module's documentation.
pub async fn guard(
    State(shared): State<Ctx>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = if !shared.limiter.allow(peer.ip(), Instant::now()) {
        reply::too_many()
    } else if !in_room(request.uri().path(), &shared.code) {
        reply::not_found_now()
    } else if changes(request.method()) && !same_origin(request.headers()) {
        reply::error(
            StatusCode::FORBIDDEN,
            "A change from another site's page is refused.",
        )
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (CONTENT_SECURITY_POLICY, POLICY),
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (REFERRER_POLICY, "no-referrer"),
        (CACHE_CONTROL, "no-store"),
        (X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Whether the path's first segment is the room's code, compared in constant time.
fn in_room(path: &str, code: &str) -> bool {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    crate::room::same(first, code)
}

fn changes(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// No `Origin` (a script, or a browser's same-origin GET), or one whose host is the host the
/// request was sent to: a page on another site cannot vote with a voter's browser.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(ORIGIN) else {
        return true;
    };
    let origin = origin.to_str().unwrap_or_default();
    let origin_host = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// A token bucket per client.
#[derive(Debug, Default)]
pub struct Limiter {
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Limiter {
    /// Takes one request from `ip`'s bucket; false when it is empty.
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let client = client(ip);
        if !buckets.contains_key(&client) && buckets.len() >= MAX_CLIENTS {
            // A bucket idle long enough to be full again is the same as none.
            let refill = Duration::from_secs_f64(BURST / RATE);
            buckets.retain(|_, b| now.saturating_duration_since(b.at) < refill);
            if buckets.len() >= MAX_CLIENTS {
                return false;
            }
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: BURST,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * RATE).min(BURST);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// The client an address stands for: an IPv4 address (also when mapped into IPv6), or an
/// IPv6 /64, which one device may change addresses within.
fn client(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6([s[0], s[1], s[2], s[3], 0, 0, 0, 0].into())
            }
        },
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_burst_then_the_rate() {
        let limiter = Limiter::default();
        let ip: IpAddr = [192, 0, 2, 1].into();
        let start = Instant::now();
        let allowed = (0..100).filter(|_| limiter.allow(ip, start)).count();
        assert_eq!(allowed, BURST as usize);
        assert!(
            limiter.allow([192, 0, 2, 2].into(), start),
            "another client"
        );
        let later = start + Duration::from_millis(500);
        let allowed = (0..100).filter(|_| limiter.allow(ip, later)).count();
        assert_eq!(allowed, (RATE / 2.0) as usize);
    }

    #[test]
    fn an_ipv6_device_is_its_slash_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(client(a), client(b));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client(mapped), IpAddr::from([192, 0, 2, 7]));
    }

    #[test]
    fn only_the_rooms_own_origin_may_change_anything() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            h
        };
        assert!(same_origin(&headers(&[("host", "10.0.0.5:8080")])));
        assert!(same_origin(&headers(&[
            ("host", "10.0.0.5:8080"),
            ("origin", "http://10.0.0.5:8080")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "10.0.0.5:8080"),
            ("origin", "http://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            ("host", "10.0.0.5:8080"),
            ("origin", "null")
        ])));
        assert!(in_room("/abc/api/state", "abc"));
        assert!(!in_room("/abd/api/state", "abc"));
        assert!(!in_room("/", "abc"));
    }
}
