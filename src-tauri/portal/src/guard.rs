//! What every request must name and every response carries: the host the
//! portal is served at (against DNS rebinding), security headers, a
//! same-origin check of `Origin`/`Referer`, and the session's CSRF token.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::uri::Authority;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::Shared;

/// The address a connection was accepted at (this side of it), which the
/// listener puts on every request: with a server bound to every interface
/// it says which of the computer's addresses the browser used.
#[derive(Debug, Clone, Copy)]
pub struct LocalAddress(pub SocketAddr);

/// Refuses a request whose `Host` does not name the address the portal is
/// served at. A page of another site that gets its name pointed at this
/// computer (DNS rebinding) sends its own name as the host: without this
/// check it could read the portal as if it were the portal's own page.
/// A request without a host gets 400, one for another host 421, both with
/// a plain message.
pub async fn host(State(portal): State<Shared>, request: Request, next: Next) -> Response {
    let Some(LocalAddress(local)) = request.extensions().get::<LocalAddress>().copied() else {
        // Only requests that came through the listener are served.
        return refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The portal could not tell which address this request came in at.".into(),
        );
    };
    let Some(named) = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "This request names no host (its Host header is missing or unreadable), so the portal cannot tell it was meant for it.".into(),
        );
    };
    if host_allowed(&named, local, &portal.host_names) {
        return next.run(request).await;
    }
    refuse(
        StatusCode::MISDIRECTED_REQUEST,
        format!(
            "This pilot portal answers only at its own address, {scheme}://{local}/{names}. The request was sent to the host “{named}”, which is not one of them, so it was refused. Open the link the pilot's analyst gave you.",
            scheme = portal.scheme(),
            local = SocketAddr::new(local.ip().to_canonical(), local.port()),
            names = if portal.host_names.is_empty() {
                String::new()
            } else {
                format!(" (or by the names {})", portal.host_names.join(", "))
            },
        ),
    )
}

fn refuse(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message + "\n",
    )
        .into_response()
}

/// Whether `named` (a `Host` header) names the address a connection was
/// accepted at: that IP address and port, `localhost` when the connection
/// came in on a loopback address, or one of the host names the server was
/// given, with the same port (which may be left out when it is 80).
pub fn host_allowed(named: &str, local: SocketAddr, host_names: &[String]) -> bool {
    let Ok(authority) = named.parse::<Authority>() else {
        return false;
    };
    // A name with userinfo (`user@host`) is no host a browser sends.
    if authority.as_str().contains('@') {
        return false;
    }
    let port_matches = match authority.port_u16() {
        Some(port) => port == local.port(),
        None => local.port() == 80 && !authority.as_str().ends_with(':'),
    };
    if !port_matches {
        return false;
    }
    let host = authority.host();
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = literal.parse::<IpAddr>() {
        return ip.to_canonical() == local.ip().to_canonical();
    }
    if host.eq_ignore_ascii_case("localhost") {
        return local.ip().to_canonical().is_loopback();
    }
    host_names
        .iter()
        .any(|name| host.eq_ignore_ascii_case(name))
}

/// Scripts, styles and everything else from the server itself only: no
/// inline script, no eval, no framing, no plugins, forms post home.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Adds the security headers to every response, and `no-store` to the
/// API's and sign-in's, which carry personal data and must not linger in a
/// shared computer's cache.
pub async fn headers(request: Request, next: Next) -> Response {
    let private = {
        let path = request.uri().path();
        path.starts_with("/api/") || path.starts_with("/s/") || path == "/"
    };
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // A download sets its own, stricter policy (see `attachments`).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if private {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether a change comes from a page of this server: its `Origin` (or,
/// when a browser sends none, its `Referer`) names the scheme this server
/// speaks and the host the request was sent to. A request with neither is
/// refused: every browser that runs the portal's pages sends `Origin` with
/// a POST. Over TLS a plain `http` page of the same host is another origin,
/// one anybody on the network could have served, so it is refused too.
pub fn same_origin(headers: &HeaderMap, scheme: &str) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    // What follows `scheme://host` in a URL of this server.
    let after_host = |url: &'_ str| -> Option<String> {
        url.strip_prefix(scheme)
            .and_then(|rest| rest.strip_prefix("://"))
            .and_then(|rest| rest.strip_prefix(host))
            .map(str::to_owned)
    };
    if let Some(origin) = headers.get(header::ORIGIN) {
        return origin
            .to_str()
            .is_ok_and(|o| after_host(o).is_some_and(|tail| tail.is_empty()));
    }
    headers
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .is_some_and(|r| after_host(r).is_some_and(|tail| tail.starts_with('/')))
}

/// The CSRF header of a change.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Whether the request carries the session's CSRF token, compared in
/// constant time.
pub fn csrf_matches(headers: &HeaderMap, expected: &str) -> bool {
    let Some(given) = headers.get(CSRF_HEADER).map(HeaderValue::as_bytes) else {
        return false;
    };
    let expected = expected.as_bytes();
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The session id in the request's cookies, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == crate::sessions::COOKIE)
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::host_allowed;
    use std::net::SocketAddr;

    fn at(address: &str) -> SocketAddr {
        address.parse().unwrap()
    }

    #[test]
    fn the_address_a_connection_came_in_at_is_its_host() {
        assert!(host_allowed(
            "192.168.1.20:8080",
            at("192.168.1.20:8080"),
            &[]
        ));
        assert!(host_allowed("[::1]:8080", at("[::1]:8080"), &[]));
        assert!(host_allowed(
            "192.168.1.20:8080",
            at("[::ffff:192.168.1.20]:8080"),
            &[]
        ));
    }

    #[test]
    fn another_address_or_another_port_is_not() {
        assert!(!host_allowed(
            "192.168.1.21:8080",
            at("192.168.1.20:8080"),
            &[]
        ));
        assert!(!host_allowed(
            "192.168.1.20:8081",
            at("192.168.1.20:8080"),
            &[]
        ));
        assert!(!host_allowed("192.168.1.20", at("192.168.1.20:8080"), &[]));
        assert!(!host_allowed(
            "127.0.0.1:8080",
            at("192.168.1.20:8080"),
            &[]
        ));
    }

    #[test]
    fn localhost_is_a_host_only_on_a_loopback_address() {
        assert!(host_allowed("localhost:8080", at("127.0.0.1:8080"), &[]));
        assert!(host_allowed("LocalHost:8080", at("[::1]:8080"), &[]));
        assert!(!host_allowed(
            "localhost:8080",
            at("192.168.1.20:8080"),
            &[]
        ));
    }

    #[test]
    fn a_name_someone_else_controls_is_refused() {
        for named in [
            "evil.example:8080",
            "evil.example",
            "127.0.0.1.evil.example:8080",
            "localhost.evil.example:8080",
            "user@127.0.0.1:8080",
            "127.0.0.1:8080:8080",
            "",
            "127.0.0.1:",
        ] {
            assert!(
                !host_allowed(named, at("127.0.0.1:8080"), &[]),
                "{named} was let in"
            );
        }
    }

    #[test]
    fn a_configured_host_name_is_a_host_on_the_servers_port() {
        let names = vec!["pilot.hr.example".to_owned()];
        assert!(host_allowed(
            "pilot.hr.example:8080",
            at("10.0.0.5:8080"),
            &names
        ));
        assert!(host_allowed(
            "PILOT.hr.example:8080",
            at("10.0.0.5:8080"),
            &names
        ));
        assert!(!host_allowed(
            "pilot.hr.example:9090",
            at("10.0.0.5:8080"),
            &names
        ));
        assert!(!host_allowed(
            "hr.example:8080",
            at("10.0.0.5:8080"),
            &names
        ));
    }

    #[test]
    fn the_port_may_be_left_out_only_when_it_is_80() {
        let names = vec!["pilot.hr.example".to_owned()];
        assert!(host_allowed("pilot.hr.example", at("10.0.0.5:80"), &names));
        assert!(host_allowed("10.0.0.5", at("10.0.0.5:80"), &names));
        assert!(!host_allowed(
            "pilot.hr.example",
            at("10.0.0.5:8080"),
            &names
        ));
    }
}
