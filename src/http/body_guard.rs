//! Request bodies held to their limits before and while they are read: a body that
//! announces more than the limit is refused before a byte of it is read, and one that
//! does not arrive in time gets 408 instead of holding a connection and a task.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use tokio::time::Sleep;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy)]
pub struct BodyLimits {
    /// The largest body accepted, in bytes.
    pub max: usize,
    /// The time the whole body has to arrive in, from the end of the request head.
    pub timeout: Duration,
}

/// Middleware: refuses oversized bodies up front, gives the body a deadline, and closes
/// the connection after any answer given before the body was read to its end (the
/// unread rest would otherwise be taken for the next request, or reset the connection
/// under a client that sends one).
pub async fn guard(State(limits): State<BodyLimits>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max as u64) {
        return ApiError::PayloadTooLarge.into_response();
    }
    let has_body =
        declared.is_some_and(|n| n > 0) || headers.contains_key(header::TRANSFER_ENCODING);
    if !has_body {
        return next.run(req).await;
    }
    let progress = Arc::new(Progress::default());
    let (parts, body) = req.into_parts();
    let body = Body::new(Deadline {
        inner: body,
        deadline: Box::pin(tokio::time::sleep(limits.timeout)),
        progress: progress.clone(),
    });
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if progress.timed_out.load(Ordering::Acquire) {
        return ApiError::RequestTimeout.into_response();
    }
    if !progress.finished.load(Ordering::Acquire) {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

#[derive(Default)]
struct Progress {
    finished: AtomicBool,
    timed_out: AtomicBool,
}

#[derive(Debug)]
struct BodyTimedOut;

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the request body did not arrive in time")
    }
}

impl std::error::Error for BodyTimedOut {}

struct Deadline {
    inner: Body,
    deadline: Pin<Box<Sleep>>,
    progress: Arc<Progress>,
}

impl http_body::Body for Deadline {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(None) => {
                this.progress.finished.store(true, Ordering::Release);
                Poll::Ready(None)
            }
            Poll::Ready(Some(frame)) => {
                if this.inner.is_end_stream() {
                    this.progress.finished.store(true, Ordering::Release);
                }
                Poll::Ready(Some(frame))
            }
            Poll::Pending => {
                if this.deadline.as_mut().poll(cx).is_ready() {
                    this.progress.timed_out.store(true, Ordering::Release);
                    return Poll::Ready(Some(Err(axum::Error::new(BodyTimedOut))));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
