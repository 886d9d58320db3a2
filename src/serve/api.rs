//! The handlers of the room's routes: reads from the latest snapshot, changes through the
//! checkpoint's owner (see the module above).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::reply::{self, bearer, json, parse};
use super::{Ctx, Shared};
use crate::checkpoint::Vote;
use crate::room::{
    Ask, Done, DotChange, Envelope, Joined, Order, Published, Reply, Revised, RoomRequest,
};

/// The voter page, embedded in the binary.
const PAGE: &str = include_str!("../../assets/voter.html");

/// How long a change may wait for the checkpoint's owner before the voter is told to retry.
const PATIENCE: Duration = Duration::from_secs(10);

/// The latest snapshot; 503 before the owner has published one.
pub(super) fn current(shared: &Shared) -> Result<Arc<Published>, Response> {
    shared
        .published
        .borrow()
        .clone()
        .ok_or_else(reply::unavailable)
}

/// Hands `ask` to the checkpoint's owner and waits for its answer.
async fn ask(shared: &Shared, ask: Ask) -> Result<Done, Response> {
    let (send, answer) = tokio::sync::oneshot::channel();
    let reply: Reply = Box::new(move |outcome| {
        // The voter may have gone: nobody to tell.
        let _ = send.send(outcome);
    });
    shared
        .inbox
        .send(Envelope { ask, reply })
        .map_err(|_| reply::unavailable())?;
    match tokio::time::timeout(PATIENCE, answer).await {
        Ok(Ok(outcome)) => outcome.map_err(|failure| reply::failure(&failure)),
        _ => Err(reply::unavailable()),
    }
}

/// A change answered with what the voter sees now.
fn done(done: Done) -> Response {
    match done {
        Done::Joined(joined) => json(StatusCode::OK, &JoinAnswer::from(joined)),
        Done::State { revision, state } => json(StatusCode::OK, &Revised { revision, state }),
        Done::Facilitator(state) => json(StatusCode::OK, &state),
    }
}

/// `/<code>` → `/<code>/`, so that the page's relative links work.
pub async fn to_page(uri: Uri) -> Redirect {
    Redirect::permanent(&format!("{}/", uri.path()))
}

pub async fn page() -> Response {
    ([(CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response()
}

#[derive(Serialize)]
struct Names {
    names: Vec<String>,
}

/// The participants' names, for the page to offer.
pub async fn names(State(shared): State<Ctx>) -> Result<Response, Response> {
    let published = current(&shared)?;
    let names = published.checkpoint.participants.clone();
    Ok(json(StatusCode::OK, &Names { names }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinBody {
    name: String,
}

#[derive(Serialize)]
struct JoinAnswer {
    token: String,
    /// The name as the checkpoint spells it (a participant's), or as it waits.
    name: String,
    /// Whether the token votes now; else it waits for the facilitator to admit the name.
    admitted: bool,
}

impl From<Joined> for JoinAnswer {
    fn from(joined: Joined) -> JoinAnswer {
        let admitted = matches!(joined, Joined::Voter { .. });
        let (Joined::Voter { token, name } | Joined::Waiting { token, name }) = joined;
        JoinAnswer {
            token,
            name,
            admitted,
        }
    }
}

pub async fn join(
    State(shared): State<Ctx>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Response> {
    let JoinBody { name } = parse(body)?;
    Ok(done(ask(&shared, Ask::Join { name }).await?))
}

pub async fn state(State(shared): State<Ctx>, headers: HeaderMap) -> Result<Response, Response> {
    let token = bearer(&headers)?;
    let published = current(&shared)?;
    let state = published.state(token).ok_or_else(reply::unauthorized)?;
    let revision = published.revision;
    Ok(json(StatusCode::OK, &Revised { revision, state }))
}

/// A voter's change, from a token that must be known before anything is read.
async fn change(
    shared: &Shared,
    headers: &HeaderMap,
    request: impl FnOnce() -> Result<RoomRequest, Response>,
) -> Result<Response, Response> {
    let token = bearer(headers)?.to_string();
    let request = request()?;
    Ok(done(ask(shared, Ask::Voter { token, request }).await?))
}

pub async fn vote(
    State(shared): State<Ctx>,
    Path((_, question)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Response> {
    change(&shared, &headers, || {
        // `value` must be there: a body without it is a mistake, not a cleared vote.
        let body: serde_json::Map<String, serde_json::Value> = parse(body)?;
        let unexpected = body.keys().find(|k| *k != "value");
        let value = match (body.get("value"), unexpected) {
            (Some(value), None) => value.clone(),
            _ => {
                let message = "Send {\"value\": a number, \"n/a\" or null}.";
                return Err(reply::error(StatusCode::UNPROCESSABLE_ENTITY, message));
            }
        };
        let value: Option<Vote> = serde_json::from_value(value).map_err(|e| {
            let message = format!("The vote is not as expected: {e}.");
            reply::error(StatusCode::UNPROCESSABLE_ENTITY, &message)
        })?;
        Ok(RoomRequest::Vote { question, value })
    })
    .await
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Change {
    Add,
    Remove,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DotBody {
    change: Change,
}

pub async fn dot(
    State(shared): State<Ctx>,
    Path((_, improvement)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Response> {
    change(&shared, &headers, || {
        let DotBody { change } = parse(body)?;
        let change = match change {
            Change::Add => DotChange::Add,
            Change::Remove => DotChange::Remove,
        };
        Ok(RoomRequest::Dot {
            improvement,
            change,
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextBody {
    text: String,
}

pub async fn improvement(
    State(shared): State<Ctx>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Response> {
    change(&shared, &headers, || {
        let TextBody { text } = parse(body)?;
        Ok(RoomRequest::AddImprovement { text })
    })
    .await
}

pub async fn facilitator_state(
    State(shared): State<Ctx>,
    headers: HeaderMap,
) -> Result<Response, Response> {
    let token = bearer(&headers)?;
    let published = current(&shared)?;
    if !published.is_facilitator(token) {
        return Err(reply::unauthorized());
    }
    Ok(json(StatusCode::OK, &published.facilitator_state()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionBody {
    question: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RevealBody {
    question: String,
    shown: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NameBody {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartBody {
    part: String,
}

pub async fn facilitator(
    State(shared): State<Ctx>,
    Path((_, order)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Response> {
    let token = bearer(&headers)?.to_string();
    let order = match order.as_str() {
        "open" => parse(body).map(|QuestionBody { question }| Order::Open { question })?,
        "reveal" => {
            parse(body).map(|RevealBody { question, shown }| Order::Reveal { question, shown })?
        }
        "admit" => parse(body).map(|NameBody { name }| Order::Admit { name })?,
        "part" => parse(body).map(|PartBody { part }| Order::Part { part })?,
        _ => return Err(reply::not_found_now()),
    };
    Ok(done(ask(&shared, Ask::Facilitator { token, order }).await?))
}
