//! The room's HTTP server: the voter page and the JSON API under `/<room code>/`, on axum and a
//! tokio runtime of its own thread. The only module with network types.
//!
//! It never touches the open checkpoint. A change (a join, a vote, a dot, a facilitator's
//! order) goes to the checkpoint's owner as an [`Envelope`] down the inbox, and the server
//! answers once the owner has saved and replied. Reads (a voter's state, the live events) are
//! answered from the latest [`Published`] snapshot, which the owner hands over through
//! [`RoomServer::publisher`].
//!
//! Routes (`<code>` is the room's code; see README for the JSON):
//!
//! ```text
//! GET  /<code>/                          the voter page
//! GET  /<code>/api/names                 the participants' names, to pick from
//! POST /<code>/api/join                  {"name"} -> {"token", "name", "admitted"}
//! GET  /<code>/api/state                 Bearer token -> the voter's state
//! PUT  /<code>/api/votes/<question>      {"value": 5 | "n/a" | null} -> the state, saved
//! PUT  /<code>/api/dots/<key>            {"change": "add" | "remove"} -> the state, saved
//! POST /<code>/api/improvements          {"text"} -> the state, saved
//! GET  /<code>/api/events?token=...      server-sent events: `state` with the revision
//! GET  /<code>/api/facilitator/state     facilitator's token -> who joined, who waits
//! POST /<code>/api/facilitator/<order>   open, reveal, admit, part
//! ```
//!
//! Anything else, and any path under a wrong code, is the same 404.

// A handler refuses with a `Response` in `Err`, as axum's own extractors do; the size of the
// error does not matter on a request's path.
#![allow(clippy::result_large_err)]

mod api;
mod events;
mod guard;
mod host;
mod reply;

pub use host::{Host, join_link, lan_ip};

#[cfg(test)]
mod tests;

use std::net::SocketAddr;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use tokio::sync::watch;

use crate::room::{Envelope, Published, Publisher};

/// The largest request body: a name or an idea is far smaller.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// How long requests under way get to finish once the server is told to stop.
const GRACE: Duration = Duration::from_secs(1);

/// What every request's handler shares.
struct Shared {
    code: String,
    inbox: mpsc::Sender<Envelope>,
    published: watch::Receiver<Option<Arc<Published>>>,
    /// Turns true when the server stops: live event streams end.
    closing: watch::Receiver<bool>,
    limiter: guard::Limiter,
    /// Live event streams open now.
    streams: AtomicUsize,
}

type Ctx = Arc<Shared>;

/// A running room server. It stops on [`RoomServer::stop`] or when dropped.
pub struct RoomServer {
    addr: SocketAddr,
    published: watch::Sender<Option<Arc<Published>>>,
    closing: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

/// Binds `listen` (port 0: a free port) and serves room `code`, sending changes to `inbox`.
/// Fails at once when the address cannot be bound.
pub fn start(
    listen: SocketAddr,
    code: &str,
    inbox: mpsc::Sender<Envelope>,
) -> std::io::Result<RoomServer> {
    let listener = std::net::TcpListener::bind(listen)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let (published, published_rx) = watch::channel(None);
    let (closing, closing_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        code: code.to_string(),
        inbox,
        published: published_rx,
        closing: closing_rx.clone(),
        limiter: guard::Limiter::default(),
        streams: AtomicUsize::new(0),
    });
    let app = router(shared);
    let thread = std::thread::Builder::new()
        .name("room-server".to_string())
        .spawn(move || {
            runtime.block_on(serve(listener, app, closing_rx));
            runtime.shutdown_timeout(GRACE);
        })?;
    Ok(RoomServer {
        addr,
        published,
        closing,
        thread: Some(thread),
    })
}

/// Serves until told to close, then gives requests under way [`GRACE`] to finish.
async fn serve(listener: std::net::TcpListener, app: Router, mut closing: watch::Receiver<bool>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let mut signal = closing.clone();
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown(async move {
        let _ = signal.wait_for(|closing| *closing).await;
    });
    tokio::select! {
        _ = server => {}
        _ = async {
            let _ = closing.wait_for(|closing| *closing).await;
            tokio::time::sleep(GRACE).await;
        } => {}
    }
}

fn router(shared: Ctx) -> Router {
    Router::new()
        .route("/{code}", get(api::to_page))
        .route("/{code}/", get(api::page))
        .route("/{code}/api/names", get(api::names))
        .route("/{code}/api/join", post(api::join))
        .route("/{code}/api/state", get(api::state))
        .route("/{code}/api/votes/{question}", put(api::vote))
        .route("/{code}/api/dots/{key}", put(api::dot))
        .route("/{code}/api/improvements", post(api::improvement))
        .route("/{code}/api/events", get(events::follow))
        .route("/{code}/api/facilitator/state", get(api::facilitator_state))
        .route("/{code}/api/facilitator/{order}", post(api::facilitator))
        .fallback(reply::not_found)
        .method_not_allowed_fallback(reply::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            guard::guard,
        ))
        .with_state(shared)
}

impl RoomServer {
    /// The address the server listens on, with the port it was given.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Where the owner publishes its snapshots ([`crate::room::Owner::set_publisher`]).
    pub fn publisher(&self) -> Publisher {
        let published = self.published.clone();
        Box::new(move |snapshot| {
            published.send_replace(Some(snapshot));
        })
    }

    /// Tells the server to stop without waiting: no new connections, live event streams end,
    /// requests under way get a moment to finish. Keep serving the owner's inbox meanwhile, so
    /// that a change under way is saved and answered; then [`RoomServer::stop`].
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Stops the server (see [`RoomServer::close`]) and returns once its thread has ended.
    pub fn stop(mut self) {
        self.shut();
    }

    fn shut(&mut self) {
        self.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for RoomServer {
    fn drop(&mut self) {
        self.shut();
    }
}
