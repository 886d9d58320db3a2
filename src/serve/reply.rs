//! The server's answers: JSON bodies, the one 404, errors as `{"error": message}` with the
//! status that says what kind of refusal it is, and the request bodies read as JSON.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::room::{Failure, JoinError, Refused};

/// A value as a JSON response.
pub fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => (status, [(CONTENT_TYPE, "application/json")], body).into_response(),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The answer could not be written.",
        ),
    }
}

/// `{"error": message}` with `status`.
pub fn error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    (status, [(CONTENT_TYPE, "application/json")], body).into_response()
}

/// The one 404: for a wrong room code, an unknown path and `/` alike, so that nothing tells
/// a wrong code from a wrong path.
pub async fn not_found() -> Response {
    not_found_now()
}

/// [`not_found`], outside a handler.
pub fn not_found_now() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found\n",
    )
        .into_response()
}

/// 429 with when to try again.
pub fn too_many() -> Response {
    let mut response = error(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many requests from your device: wait a moment.",
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, axum::http::HeaderValue::from_static("1"));
    response
}

/// The owner of the checkpoint did not answer (the room is closing, or busy past patience).
pub fn unavailable() -> Response {
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "The room is not answering right now: try again in a moment.",
    )
}

/// No token, or one nobody holds.
pub fn unauthorized() -> Response {
    failure(&Failure::UnknownToken)
}

/// A refusal, with the status that says what kind it is.
pub fn failure(failure: &Failure) -> Response {
    let status = match failure {
        Failure::UnknownToken => StatusCode::UNAUTHORIZED,
        Failure::Waiting => StatusCode::FORBIDDEN,
        Failure::Join(JoinError::Taken(_)) => StatusCode::CONFLICT,
        Failure::Join(JoinError::Name(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        Failure::Join(JoinError::Full) => StatusCode::SERVICE_UNAVAILABLE,
        Failure::Join(JoinError::NoRandom(_)) => StatusCode::INTERNAL_SERVER_ERROR,
        Failure::Refused(refused) => refused_status(refused),
        Failure::Order(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Failure::ReadOnly | Failure::Unsaved(_) => StatusCode::SERVICE_UNAVAILABLE,
    };
    error(status, &failure.to_string())
}

/// 422 for a request that can never be right (off the scale, an empty or unsafe text), 409
/// for one the workshop's state refuses now (another question open, no dots left).
fn refused_status(refused: &Refused) -> StatusCode {
    match refused {
        Refused::OffScale { .. }
        | Refused::EmptyText
        | Refused::UnsafeText
        | Refused::TooLong { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::CONFLICT,
    }
}

/// The request's body read as JSON: 413 over the size limit, 400 for what is not JSON, 422
/// for JSON of the wrong shape.
pub fn parse<T: DeserializeOwned>(body: Result<Bytes, BytesRejection>) -> Result<T, Response> {
    let body = body.map_err(|rejection| {
        let status = rejection.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "The request is too large: at most {} bytes.",
                super::MAX_BODY_BYTES
            )
        } else {
            "The request's body could not be read.".to_string()
        };
        error(status, &message)
    })?;
    serde_json::from_slice(&body).map_err(|e| {
        let status = match e.classify() {
            serde_json::error::Category::Data => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        };
        error(status, &format!("The request is not as expected: {e}."))
    })
}

/// The token of `Authorization: Bearer <token>`.
pub fn bearer(headers: &HeaderMap) -> Result<&str, Response> {
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(unauthorized)
}
