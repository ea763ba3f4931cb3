//! The API's errors: `{"error": {"code", "message"}}` with the status that says what went
//! wrong; messages in the request's language (templates/messages.toml, `serve.api.*`), naming the
//! upload by its file name, never a server path.

use std::path::Path;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// One error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Stable, for programs: `bad_request`, `too_large`, `not_a_form`, …
    pub code: &'static str,
    /// For people, in the request's language.
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn too_large(limit: u64) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            crate::t!("serve.api.too_large", mib = limit >> 20),
        )
    }

    pub fn forbidden_host(host: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden_host",
            crate::t!("serve.api.forbidden_host", host = format!("{host:?}")),
        )
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// 500 for what should not happen (a form that does not serialise), with its detail.
    pub fn internal_detail(detail: &dyn std::fmt::Display) -> Self {
        Self::internal(crate::t!("serve.api.internal_detail", detail = detail))
    }

    /// The library's error about the upload `name`, saved at `saved` for reading: 422 with the
    /// reason, the private folder's path replaced by the upload's name.
    pub fn unreadable(name: &str, saved: &Path, err: &crate::Error) -> Self {
        let reason = match err {
            crate::Error::Unreadable { message, .. }
            | crate::Error::NotTheForm { message, .. }
            | crate::Error::Unsupported { message, .. }
            | crate::Error::Unwritable { message, .. } => message.clone(),
            crate::Error::BadCell { cell, message, .. } => format!("{cell}：{message}"),
            crate::Error::OutputClosed { .. } => crate::t!("serve.api.read_interrupted"),
        };
        let mut reason = reason.replace(&saved.display().to_string(), name);
        if let Some(dir) = saved.parent() {
            reason = reason.replace(&dir.display().to_string(), "");
        }
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_a_form",
            crate::t!("serve.api.not_a_form", name = name, reason = reason),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code, "message": self.message }
        });
        (self.status, Json(body)).into_response()
    }
}
