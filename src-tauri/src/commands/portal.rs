//! Commands of the pilot portal: "Open to the department" (the server
//! `pilot-portal` runs inside the app, on the workspace the app has open)
//! and participants' personal links.
//!
//! The app stays the one writer: the server reaches the workspace through
//! [`AppStore`], under the same lock as every command, and refuses work
//! once another workspace is open. The server stops when the workspace is
//! closed or another is opened (`workspace::change`) and when the app exits.
//!
//! HTTPS: the analyst chooses a certificate and its key in the native
//! dialog (never a path from the webview); they are kept for this run of
//! the app and read by the portal when it starts.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use pilot_core::pilots::{self, ParticipantRole, PilotState};
use pilot_core::portal::{self, Link};
use pilot_core::{Error, ErrorCode, Workspace};
use pilot_portal::{Options, Running, ServeError, Tls};
use pilot_studio_macros::command;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};
use tokio::sync::{oneshot, watch, Mutex};
use ts_rs::TS;

use crate::dialog;
use crate::error::{AppError, CmdResult};
use crate::state::{blocking, AppState, Shared};

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    portal_start,
    portal_stop,
    portal_status,
    portal_links,
    portal_link_issue,
    portal_link_revoke,
    portal_link_mail,
    portal_tls_choose,
    portal_tls_forget,
    portal_interfaces,
}

/// The port the portal asks for first, so its address stays the same from
/// one day to the next; a free one is picked when it is taken.
const PREFERRED_PORT: u16 = 8080;

/// Where the portal listens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PortalBind {
    /// 127.0.0.1: only browsers on this computer.
    Loopback,
    /// Every interface: browsers on the local network (over plain HTTP
    /// unless a certificate and key are chosen).
    Network,
}

/// A network interface the portal may be opened on alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NetworkInterface {
    /// The system's name for it, e.g. `wlan0`.
    pub name: String,
    /// Its address, e.g. `192.168.1.20`.
    pub address: String,
}

/// One of the two files HTTPS needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PortalTlsFile {
    Certificate,
    Key,
}

/// Whether the portal is open, where, and how many browsers use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortalStatus {
    pub running: bool,
    #[ts(type = "number | null")]
    pub pilot_id: Option<i64>,
    /// The address participants open, e.g. `http://192.168.1.20:8080/`.
    pub url: Option<String>,
    /// The address the server listens on, e.g. `0.0.0.0:8080`.
    pub address: Option<String>,
    /// Open beyond this computer.
    pub network: bool,
    /// Served over HTTPS.
    pub https: bool,
    /// The certificate chosen for HTTPS (the file's path), if any.
    pub certificate: Option<String>,
    /// The private key chosen for HTTPS (the file's path), if any.
    pub key: Option<String>,
    /// Browsers active in the last five minutes.
    pub connected: u32,
    /// The address as a QR code (an SVG document), for phones in the room.
    pub qr_svg: Option<String>,
}

/// A link just issued: its full URL, shown this once (only the token's
/// hash is kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedPortalLink {
    pub link: Link,
    pub url: String,
    /// The URL as a QR code (an SVG document), for the participant's phone.
    pub qr_svg: Option<String>,
}

/// What the E-mail button of a link did: opened the prepared message in
/// the mail client, or, for a person without a usable e-mail address,
/// nothing, leaving the text to be copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkMail {
    pub opened: bool,
    /// The invitation as one text ("Subject: ..." and the message).
    pub text: String,
}

/// The portal while it runs, and the files chosen for HTTPS, kept in the
/// app's managed state.
#[derive(Default)]
pub struct PortalState {
    open: Mutex<Option<Open>>,
    tls: Mutex<TlsChoice>,
}

/// The certificate and key the analyst chose, either possibly not yet.
#[derive(Debug, Clone, Default)]
struct TlsChoice {
    certificate: Option<PathBuf>,
    key: Option<PathBuf>,
}

impl PortalState {
    /// The portal's state at start, with the certificate and key chosen in
    /// an earlier session.
    pub fn remembering(certificate: Option<PathBuf>, key: Option<PathBuf>) -> PortalState {
        PortalState {
            tls: Mutex::new(TlsChoice { certificate, key }),
            ..PortalState::default()
        }
    }
}

impl TlsChoice {
    /// What the portal is started with: both files, or neither (plain
    /// HTTP). One alone is a choice half made, refused rather than served
    /// over plain HTTP by surprise.
    fn files(&self) -> Result<Option<Tls>, AppError> {
        match (&self.certificate, &self.key) {
            (Some(certificate), Some(key)) => Ok(Some(Tls {
                certificate: certificate.clone(),
                key: key.clone(),
            })),
            (None, None) => Ok(None),
            (Some(_), None) => Err(invalid(
                "key",
                "Choose the certificate's private key too, or forget the certificate to serve plain HTTP.",
            )),
            (None, Some(_)) => Err(invalid(
                "certificate",
                "Choose the certificate too, or forget the key to serve plain HTTP.",
            )),
        }
    }

    /// Adds the chosen files to a status.
    fn shown(&self, mut status: PortalStatus) -> PortalStatus {
        let shown = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        status.certificate = shown(&self.certificate);
        status.key = shown(&self.key);
        status
    }
}

struct Open {
    running: Running,
    stop: oneshot::Sender<()>,
    pilot_id: i64,
    url: String,
    /// The QR code of `url`, drawn once.
    qr_svg: Option<String>,
    network: bool,
    https: bool,
    /// The URLs of the links issued while it is open, by link id: only the
    /// tokens' hashes are stored, so this is the one place they can be
    /// e-mailed from, and only while they carry the address it listens at.
    issued: HashMap<i64, String>,
}

impl Open {
    fn status(&self) -> PortalStatus {
        PortalStatus {
            running: true,
            pilot_id: Some(self.pilot_id),
            url: Some(self.url.clone()),
            address: Some(self.running.address().to_string()),
            network: self.network,
            https: self.https,
            certificate: None,
            key: None,
            connected: u32::try_from(self.running.connected()).unwrap_or(u32::MAX),
            qr_svg: self.qr_svg.clone(),
        }
    }
}

fn closed() -> PortalStatus {
    PortalStatus {
        running: false,
        pilot_id: None,
        url: None,
        address: None,
        network: false,
        https: false,
        certificate: None,
        key: None,
        connected: 0,
        qr_svg: None,
    }
}

/// The workspace the app has open, as the portal reaches it: only the one
/// that was open when the portal started.
struct AppStore {
    shared: Shared,
    path: PathBuf,
}

impl pilot_portal::Store for AppStore {
    fn with_workspace(&self, work: &mut dyn FnMut(&mut Workspace)) -> Result<(), Error> {
        self.shared.with_workspace(|ws| {
            if ws.path() != self.path {
                return Err(Error::NoWorkspace);
            }
            work(ws);
            Ok(())
        })
    }
}

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::from(Error::Invalid {
        field: field.into(),
        message: message.into(),
    })
}

/// This computer's interfaces that other computers can reach: neither
/// loopback nor link-local (an address no router passes on).
fn interfaces() -> Vec<NetworkInterface> {
    let reachable = |ip: &IpAddr| match ip {
        IpAddr::V4(v4) => !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified(),
        IpAddr::V6(v6) => {
            !v6.is_loopback() && !v6.is_unspecified() && (v6.segments()[0] & 0xffc0) != 0xfe80
        }
    };
    if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| reachable(&i.ip()))
        .map(|i| NetworkInterface {
            address: i.ip().to_string(),
            name: i.name,
        })
        .collect()
}

/// The address of the interface the analyst chose, if it is (still) one of
/// this computer's: the webview names an interface, it never picks an
/// arbitrary address to listen on.
fn interface_ip(chosen: &str, known: &[NetworkInterface]) -> Result<IpAddr, AppError> {
    known
        .iter()
        .find(|i| i.address == chosen)
        .and_then(|i| i.address.parse().ok())
        .ok_or_else(|| {
            invalid(
                "interface",
                format!("This computer has no network interface at {chosen} (any more). Choose where the portal is reachable from again."),
            )
        })
}

/// The interfaces the portal may be opened on alone, besides this computer
/// only and every network at once.
#[command]
pub async fn portal_interfaces() -> CmdResult<Vec<NetworkInterface>> {
    blocking(interfaces).await
}

/// This computer's address on the local network: the one the system would
/// send from (connecting a UDP socket sends nothing).
fn network_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect(("192.0.2.1", 9)).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

async fn listen(
    store: Arc<dyn pilot_portal::Store>,
    ip: IpAddr,
    port: Option<u16>,
    pilot_id: i64,
    tls: Option<Tls>,
    stop: oneshot::Receiver<()>,
) -> Result<Running, ServeError> {
    // A second attempt needs a shutdown signal of its own, so the one stop
    // is passed on to as many listeners as are tried.
    let (stopping, stopped) = watch::channel(());
    tokio::spawn(async move {
        let _ = stop.await;
        drop(stopping);
    });
    let attempt = |port: u16| {
        let mut stopped = stopped.clone();
        let mut options = Options::new(SocketAddr::new(ip, port));
        options.pilot = Some(pilot_id);
        options.tls = tls.clone();
        pilot_portal::serve(store.clone(), options, async move {
            let _ = stopped.changed().await;
        })
    };
    match port {
        Some(port) => attempt(port).await,
        // The preferred port keeps the address (and so the links) the same
        // from one day to the next; when something else has it, any free
        // port will do. Binding is the test: a probe before it could lose
        // the port to another program in between.
        None => match attempt(PREFERRED_PORT).await {
            Err(ServeError::Bind(e)) if e.kind() == std::io::ErrorKind::AddrInUse => {
                attempt(0).await
            }
            other => other,
        },
    }
}

#[command]
pub async fn portal_start(
    state: State<'_, AppState>,
    open: State<'_, PortalState>,
    pilot_id: i64,
    bind: PortalBind,
    interface: Option<String>,
    port: Option<u16>,
) -> CmdResult<PortalStatus> {
    let mut slot = open.open.lock().await;
    let choice = open.tls.lock().await.clone();
    if let Some(running) = slot.as_ref() {
        if running.pilot_id == pilot_id {
            return Ok(choice.shown(running.status()));
        }
        return Err(invalid(
            "pilotId",
            "The portal is open for another pilot. Switch it off there first.",
        ));
    }
    let tls = choice.files()?;
    let path = state
        .with_workspace(move |ws| {
            let pilot = pilots::get(ws, pilot_id)?;
            if pilot.state != PilotState::Running {
                return Err(Error::Invalid {
                    field: "pilotId".into(),
                    message: format!(
                        "“{}” is not running: only a running pilot can be opened to the department.",
                        pilot.name
                    ),
                });
            }
            Ok(ws.path().to_owned())
        })
        .await?;
    let store: Arc<dyn pilot_portal::Store> = Arc::new(AppStore {
        shared: state.shared(),
        path,
    });
    let ip = match (bind, interface) {
        (PortalBind::Loopback, _) => IpAddr::V4(Ipv4Addr::LOCALHOST),
        (PortalBind::Network, None) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        (PortalBind::Network, Some(chosen)) => interface_ip(&chosen, &blocking(interfaces).await?)?,
    };
    let (stop, stopped) = oneshot::channel();
    let running = listen(store, ip, port, pilot_id, tls, stopped)
        .await
        .map_err(|e| match e {
            ServeError::Tls(e) => invalid("certificate", e.to_string()),
            ServeError::Bind(e) => AppError::new(
                ErrorCode::Invalid,
                format!(
                    "The portal cannot listen on port {}: {e}. Choose another port.",
                    port.unwrap_or(PREFERRED_PORT)
                ),
            ),
        })?;
    let url = address(&running);
    let open = slot.insert(Open {
        https: running.scheme() == "https",
        running,
        stop,
        pilot_id,
        qr_svg: pilot_portal::qr::svg(&url),
        url,
        network: bind == PortalBind::Network,
        issued: HashMap::new(),
    });
    Ok(choice.shown(open.status()))
}

/// The address participants open. On the network over HTTPS it names the
/// host the certificate is for (a browser checks the certificate against
/// the name it was sent to), when the certificate names one besides
/// `localhost`; else the interface it listens on, or, listening on every
/// one, this computer's address on the network.
fn address(running: &Running) -> String {
    let bound = running.address();
    let (port, scheme) = (bound.port(), running.scheme());
    let named = running
        .certificate_names()
        .iter()
        .find(|name| !name.eq_ignore_ascii_case("localhost"));
    if let (false, Some(name)) = (bound.ip().is_loopback(), named) {
        return format!("{scheme}://{name}:{port}/");
    }
    let ip = if bound.ip().is_unspecified() {
        network_address().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
    } else {
        bound.ip()
    };
    format!("{scheme}://{}/", SocketAddr::new(ip, port))
}

/// Stops the portal, if it runs, and waits (a few seconds at most) for the
/// requests under way to be answered.
pub async fn stop(app: &AppHandle) {
    stop_if(app, |_| true).await;
}

/// Stops the portal if it serves this pilot (which has just ended).
pub async fn stop_pilot(app: &AppHandle, pilot_id: i64) {
    stop_if(app, |open| open.pilot_id == pilot_id).await;
}

async fn stop_if(app: &AppHandle, which: impl FnOnce(&Open) -> bool) {
    let Some(portal) = app.try_state::<PortalState>() else {
        return;
    };
    let open = {
        let mut slot = portal.open.lock().await;
        match slot.as_ref() {
            Some(open) if which(open) => slot.take(),
            _ => None,
        }
    };
    if let Some(open) = open {
        let _ = open.stop.send(());
        let _ = tokio::time::timeout(Duration::from_secs(6), open.running.stopped()).await;
    }
}

#[command]
pub async fn portal_stop(app: AppHandle, open: State<'_, PortalState>) -> CmdResult<PortalStatus> {
    stop(&app).await;
    Ok(open.tls.lock().await.shown(closed()))
}

/// The address the department opens the portal at, when the app serves
/// `pilot_id`'s portal on the network (a portal open only to this
/// computer is no address for anyone else).
pub async fn department_url(open: &PortalState, pilot_id: i64) -> Option<String> {
    open.open
        .lock()
        .await
        .as_ref()
        .filter(|o| o.pilot_id == pilot_id && o.network)
        .map(|o| o.url.clone())
}

#[command]
pub async fn portal_status(open: State<'_, PortalState>) -> CmdResult<PortalStatus> {
    Ok(status(&open).await)
}

async fn status(open: &PortalState) -> PortalStatus {
    let status = open
        .open
        .lock()
        .await
        .as_ref()
        .map_or_else(closed, Open::status);
    open.tls.lock().await.shown(status)
}

/// Refuses to change the files for HTTPS while the portal is open: they
/// are read when it starts, so a change would show files not in use.
async fn refuse_while_open(open: &PortalState) -> Result<(), AppError> {
    if open.open.lock().await.is_some() {
        return Err(invalid(
            "certificate",
            "Switch the portal off before changing its certificate or key: they are read when it opens.",
        ));
    }
    Ok(())
}

/// Chooses the certificate or the key for HTTPS in the native dialog;
/// cancelling keeps the earlier choice.
/// The choice is remembered in the app's settings for the next start.
#[command]
pub async fn portal_tls_choose(
    app: AppHandle,
    state: State<'_, AppState>,
    open: State<'_, PortalState>,
    file: PortalTlsFile,
) -> CmdResult<PortalStatus> {
    refuse_while_open(&open).await?;
    let kind = match file {
        PortalTlsFile::Certificate => dialog::Kind::OpenCertificate,
        PortalTlsFile::Key => dialog::Kind::OpenKey,
    };
    if let Some(path) = dialog::choose(&app, kind).await? {
        let mut choice = open.tls.lock().await;
        match file {
            PortalTlsFile::Certificate => choice.certificate = Some(path),
            PortalTlsFile::Key => choice.key = Some(path),
        }
        remember(&state, &choice).await?;
    }
    Ok(status(&open).await)
}

/// Forgets the certificate and key: the portal serves plain HTTP again.
#[command]
pub async fn portal_tls_forget(
    state: State<'_, AppState>,
    open: State<'_, PortalState>,
) -> CmdResult<PortalStatus> {
    refuse_while_open(&open).await?;
    let mut choice = open.tls.lock().await;
    *choice = TlsChoice::default();
    remember(&state, &choice).await?;
    drop(choice);
    Ok(status(&open).await)
}

/// Keeps the certificate and key chosen in the settings, so the portal
/// opens over HTTPS again after a restart. Only paths are kept: the files
/// are read each time the portal opens.
async fn remember(state: &AppState, choice: &TlsChoice) -> CmdResult<()> {
    let (certificate, key) = (choice.certificate.clone(), choice.key.clone());
    state
        .run(move |inner| {
            inner.settings.portal_certificate = certificate;
            inner.settings.portal_key = key;
            inner.save_settings();
            Ok(())
        })
        .await
}

/// A pilot's links, newest first (never their tokens).
#[command]
pub async fn portal_links(state: State<'_, AppState>, pilot_id: i64) -> CmdResult<Vec<Link>> {
    state
        .with_workspace(move |ws| portal::list(ws, pilot_id))
        .await
}

/// Issues a personal link for a participant in one of their roles; the URL
/// carries the open portal's address, so the portal must be open.
#[command]
pub async fn portal_link_issue(
    state: State<'_, AppState>,
    open: State<'_, PortalState>,
    pilot_id: i64,
    person_id: i64,
    role: ParticipantRole,
    days: i64,
) -> CmdResult<IssuedPortalLink> {
    let base = match open.open.lock().await.as_ref() {
        Some(open) if open.pilot_id == pilot_id => open.url.clone(),
        _ => {
            return Err(invalid(
                "pilotId",
                "Open the pilot to the department first: a link carries the portal's address.",
            ))
        }
    };
    let issued = state
        .with_workspace(move |ws| portal::issue(ws, pilot_id, person_id, role, days, Utc::now()))
        .await?;
    let url = format!("{base}s/{}", issued.token);
    // Kept only by the opening of the portal whose address the URL carries.
    if let Some(open) = open.open.lock().await.as_mut().filter(|o| o.url == base) {
        open.issued.insert(issued.link.id, url.clone());
    }
    Ok(IssuedPortalLink {
        qr_svg: pilot_portal::qr::svg(&url),
        url,
        link: issued.link,
    })
}

/// Opens the invitation of a link issued while the portal is open as a new
/// e-mail to its person in the mail client. The `mailto:` is made here,
/// from the workspace and the URL kept when the link was issued, never
/// taken from the webview, so the webview can open nothing but a
/// participant's own invitation. For a person without a usable e-mail
/// address nothing is opened and the text comes back to be copied.
#[command]
pub async fn portal_link_mail(
    state: State<'_, AppState>,
    open: State<'_, PortalState>,
    id: i64,
) -> CmdResult<LinkMail> {
    let url = open
        .open
        .lock()
        .await
        .as_ref()
        .and_then(|open| open.issued.get(&id).cloned())
        .ok_or_else(|| {
            invalid(
                "id",
                "A link can be e-mailed only while the portal that issued it is open: issue a new link to e-mail it.",
            )
        })?;
    let mail = state
        .with_workspace(move |ws| portal::invitation(ws, id, &url, Utc::now()))
        .await?;
    let text = mail.text();
    let opened = match mail.mailto {
        Some(mailto) => {
            crate::mail::open_prepared(mailto).await?;
            true
        }
        None => false,
    };
    Ok(LinkMail { opened, text })
}

/// Revokes a link: it signs nobody in again, and its sessions end.
#[command]
pub async fn portal_link_revoke(state: State<'_, AppState>, id: i64) -> CmdResult<Link> {
    state
        .with_workspace(move |ws| portal::revoke(ws, id, Utc::now()))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wlan() -> Vec<NetworkInterface> {
        vec![NetworkInterface {
            name: "wlan0".into(),
            address: "192.168.1.20".into(),
        }]
    }

    #[test]
    fn the_portal_opens_only_on_an_interface_this_computer_has() {
        assert_eq!(
            interface_ip("192.168.1.20", &wlan()).unwrap(),
            "192.168.1.20".parse::<IpAddr>().unwrap()
        );
        let gone = interface_ip("10.0.0.5", &wlan()).unwrap_err();
        assert_eq!(gone.field.as_deref(), Some("interface"));
        assert!(gone.message.contains("10.0.0.5"), "{}", gone.message);
        assert!(interface_ip("0.0.0.0", &wlan()).is_err());
    }

    #[test]
    fn the_interfaces_offered_are_reachable_from_other_computers() {
        for i in interfaces() {
            let ip: IpAddr = i.address.parse().unwrap();
            assert!(!ip.is_loopback() && !ip.is_unspecified(), "{i:?}");
        }
    }
}
