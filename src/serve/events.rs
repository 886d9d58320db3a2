//! Live updates: `GET /<code>/api/events?token=...` is a stream of server-sent events, one
//! `state` event (its data `{"revision": N}`) as it opens and whenever the owner publishes a
//! new snapshot, and a keep-alive comment every 15 seconds. The page then reads its state
//! again. Snapshots published faster than a client reads become one event, with the latest
//! revision. The token is in the query, as `EventSource` cannot set headers.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::State;
use axum::http::header::HeaderName;
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::watch;

use super::api::current;
use super::reply;
use super::{Ctx, Shared};
use crate::room::Published;

/// The most event streams open at once, across all voters.
const MAX_STREAMS: usize = 512;

/// How often an idle stream says it is alive (proxies and phones drop silent connections).
const KEEP_ALIVE: Duration = Duration::from_secs(15);

pub async fn follow(State(shared): State<Ctx>, uri: Uri) -> Result<Response, Response> {
    let token = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .ok_or_else(reply::unauthorized)?
        .to_string();
    if !holds(&*current(&shared)?, &token) {
        return Err(reply::unauthorized());
    }
    let open = Open::new(&shared)?;
    let follow = Follow {
        published: shared.published.clone(),
        closing: shared.closing.clone(),
        token,
        first: true,
        _open: open,
    };
    let stream = futures_util::stream::unfold(follow, next);
    let sse = Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
    let mut response = sse.into_response();
    // A reverse proxy (nginx) passes each event on at once rather than buffering the stream.
    response.headers_mut().insert(
        HeaderName::from_static("x-accel-buffering"),
        HeaderValue::from_static("no"),
    );
    Ok(response)
}

/// Whether `token` is a voter's, a waiting name's or the facilitator's in `published`.
fn holds(published: &Published, token: &str) -> bool {
    published.seat(token).is_some() || published.is_facilitator(token)
}

/// One stream's state between events.
struct Follow {
    published: watch::Receiver<Option<Arc<Published>>>,
    closing: watch::Receiver<bool>,
    token: String,
    /// The first event goes at once, with the revision the stream opened at.
    first: bool,
    _open: Open,
}

/// The next event: when a new snapshot is published. The stream ends when the server closes
/// or the token's seat is taken back.
async fn next(mut follow: Follow) -> Option<(Result<Event, Infallible>, Follow)> {
    if !follow.first {
        tokio::select! {
            changed = follow.published.changed() => changed.ok()?,
            _ = follow.closing.wait_for(|closing| *closing) => return None,
        }
    }
    follow.first = false;
    let published = follow.published.borrow_and_update().clone()?;
    if !holds(&published, &follow.token) {
        return None;
    }
    let revision = published.revision;
    let event = Event::default()
        .event("state")
        .id(revision.to_string())
        .data(format!("{{\"revision\":{revision}}}"));
    Some((Ok(event), follow))
}

/// Counts a stream open while it lives.
struct Open(Arc<Shared>);

impl Open {
    fn new(shared: &Arc<Shared>) -> Result<Open, Response> {
        if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
            shared.streams.fetch_sub(1, Ordering::SeqCst);
            return Err(reply::error(
                StatusCode::SERVICE_UNAVAILABLE,
                "Too many live connections to this room.",
            ));
        }
        Ok(Open(Arc::clone(shared)))
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        self.0.streams.fetch_sub(1, Ordering::SeqCst);
    }
}
