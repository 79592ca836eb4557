//! Accepting connections: HTTP/1.1, over TLS when the portal has a
//! certificate, with a time limit on the TLS handshake and on reading a
//! request's headers (a slow client cannot hold a connection open by
//! trickling them), a bound on connections served at once, the client's
//! address and the address it reached handed to the handlers, and a
//! graceful stop.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

use crate::guard::LocalAddress;
use crate::options::Limits;

/// How long a stop waits for requests under way to finish.
const DRAIN: Duration = Duration::from_secs(5);

pub async fn accept(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    tls: Option<TlsAcceptor>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.connections.max(1)));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like pass; waiting a
                    // moment keeps the loop from spinning meanwhile.
                    eprintln!("pilot portal: could not accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let Ok(local) = stream.local_addr() else {
            continue;
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            request.extensions_mut().insert(LocalAddress(local));
            let app = app.clone();
            async move { Ok::<_, Infallible>(app.oneshot(request).await.unwrap_or_else(|e| match e {})) }
        });
        let watcher = graceful.watcher();
        let tls = tls.clone();
        let header_read = limits.header_read;
        // The TLS handshake runs in the connection's own task, not in the
        // loop, and under the same limit as reading headers: a client that opens a connection and then says nothing
        // holds one slot for at most `header_read`, never the loop.
        tokio::spawn(async move {
            match tls {
                None => serve(stream, service, header_read, watcher).await,
                Some(acceptor) => {
                    if let Ok(Ok(stream)) =
                        tokio::time::timeout(header_read, acceptor.accept(stream)).await
                    {
                        serve(stream, service, header_read, watcher).await;
                    }
                }
            }
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
}

/// Serves one connection's HTTP/1.1 requests, plain or over TLS, until the
/// client leaves or the server stops.
async fn serve<I, S>(stream: I, service: S, header_read: Duration, watcher: Watcher)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    S: hyper::service::Service<
            hyper::Request<Incoming>,
            Response = axum::response::Response,
            Error = Infallible,
        > + Send
        + 'static,
    S::Future: Send + 'static,
{
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_read)
        .keep_alive(true);
    // A client that hangs up mid-request is its own business.
    let _ = watcher
        .watch(http.serve_connection(TokioIo::new(stream), service))
        .await;
}
