//! `pilot serve` (the pilot portal, headless) and `pilot link
//! issue|list|revoke` (participants' personal links).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use clap::{Args, Subcommand};
use pilot_core::pilots::ParticipantRole;
use pilot_core::{portal, Error, Workspace};
use pilot_portal::{Options, Pages, ServeError, Tls};
use serde_json::{json, Value};

use crate::requests::person;

#[derive(Args)]
pub struct ServeArgs {
    pub workspace: PathBuf,
    /// Where to listen. Another address than 127.0.0.1 opens the portal to
    /// that network, over plain HTTP unless --cert and --key are given.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// Serve over HTTPS with this certificate (PEM: the server's
    /// certificate, then any intermediate ones). Needs --key.
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// The private key of the --cert certificate (PEM). Needs --cert.
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    /// A host name the portal is reached by (e.g. pilot.hr.example), which
    /// may be given more than once. Requests naming any other host than
    /// these, the address listened at and localhost are refused.
    #[arg(long = "host", value_name = "NAME")]
    pub hosts: Vec<String>,
    /// Serve only this pilot's participants.
    #[arg(long)]
    pub pilot: Option<i64>,
    /// A folder of built portal pages (with its portal.html) to serve at /
    /// instead of the pages built into this program.
    #[arg(long, value_name = "DIR")]
    pub pages: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum LinkCommand {
    /// Issues a personal link for a participant and prints its URL (the
    /// only time the link can be seen).
    Issue {
        workspace: PathBuf,
        #[arg(long)]
        pilot: i64,
        /// The participant: person id or e-mail.
        #[arg(long)]
        person: String,
        /// requester, fulfiller, approver, department_head or observer.
        #[arg(long, value_parser = parse_role)]
        role: ParticipantRole,
        /// Days the link stays valid.
        #[arg(long, default_value_t = 30)]
        days: i64,
        /// The address participants reach the portal at, for the URL
        /// (https://... when it is served with --cert and --key).
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        #[arg(long)]
        json: bool,
    },
    /// Lists a pilot's links (never their tokens).
    List {
        workspace: PathBuf,
        #[arg(long)]
        pilot: i64,
        #[arg(long)]
        json: bool,
    },
    /// Revokes a link: it signs nobody in again, and its sessions end.
    Revoke {
        workspace: PathBuf,
        link: i64,
        #[arg(long)]
        json: bool,
    },
}

fn parse_role(s: &str) -> Result<ParticipantRole, String> {
    ParticipantRole::parse(s).ok_or_else(|| {
        let all: Vec<&str> = ParticipantRole::ALL.iter().map(|r| r.as_str()).collect();
        format!("expected one of {}", all.join(", "))
    })
}

/// Runs a link command; returns whether to print JSON, and what.
pub fn link(command: LinkCommand) -> (bool, Result<Value, Error>) {
    match command {
        LinkCommand::Issue {
            workspace,
            pilot,
            person: who,
            role,
            days,
            url,
            json: as_json,
        } => (
            as_json,
            (|| {
                let mut ws = Workspace::open(&workspace)?;
                let person_id = person(&ws, &who)?;
                let issued = portal::issue(&mut ws, pilot, person_id, role, days, Utc::now())?;
                let url = format!("{}/s/{}", url.trim_end_matches('/'), issued.token);
                if !as_json {
                    println!("{url}");
                    println!(
                        "Link {} for {} as {}, valid until {}. Keep it private: it signs its holder in.",
                        issued.link.id,
                        issued.link.person_name,
                        role.label(),
                        issued.link.expires_at
                    );
                }
                Ok(json!({"link": issued.link, "token": issued.token, "url": url}))
            })(),
        ),
        LinkCommand::List {
            workspace,
            pilot,
            json: as_json,
        } => (
            as_json,
            (|| {
                let ws = Workspace::open(&workspace)?;
                let links = portal::list(&ws, pilot)?;
                if !as_json {
                    for l in &links {
                        let state = match &l.revoked_at {
                            Some(at) => format!("revoked {at}"),
                            None => format!("until {}", l.expires_at),
                        };
                        println!("{:>5}  {:<24} {:<16} {state}", l.id, l.person_name, l.role);
                    }
                }
                Ok(json!({ "links": links }))
            })(),
        ),
        LinkCommand::Revoke {
            workspace,
            link,
            json: as_json,
        } => (
            as_json,
            (|| {
                let mut ws = Workspace::open(&workspace)?;
                let link = portal::revoke(&mut ws, link, Utc::now())?;
                if !as_json {
                    println!("Link {} of {} is revoked.", link.id, link.person_name);
                }
                Ok(json!({ "link": link }))
            })(),
        ),
    }
}

/// Serves the portal until Ctrl-C (or SIGTERM), holding the workspace
/// (and its lock) meanwhile: the one writer while it runs.
pub fn serve(args: ServeArgs) -> Result<(), Error> {
    let ws = Workspace::open(&args.workspace)?;
    if let Some(pilot) = args.pilot {
        pilot_core::pilots::get(&ws, pilot)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("the server's runtime could not start: {e}")))?;
    runtime.block_on(async move {
        let mut options = Options::new(args.bind);
        options.pilot = args.pilot;
        options.host_names = args.hosts;
        if let Some(dir) = args.pages {
            options.pages = Pages::Folder(dir);
        }
        // Clap lets through both or neither of --cert and --key.
        if let (Some(certificate), Some(key)) = (args.cert, args.key) {
            options.tls = Some(Tls { certificate, key });
        }
        let store: Arc<dyn pilot_portal::Store> = Arc::new(Mutex::new(ws));
        let running = pilot_portal::serve(store, options, stop_signal())
            .await
            .map_err(|e| match e {
                ServeError::Tls(e) => Error::Invalid {
                    field: "cert".into(),
                    message: e.to_string(),
                },
                ServeError::Bind(e) => Error::Invalid {
                    field: "bind".into(),
                    message: format!("The portal cannot listen on {}: {e}.", args.bind),
                },
            })?;
        let address = running.address();
        let scheme = running.scheme();
        if !address.ip().is_loopback() && scheme == "http" {
            eprintln!(
                "pilot: the portal is open to the network on {address} over plain HTTP: anyone on that network can read what passes between the browsers and this computer, personal links included. Use it on a network you trust, or serve HTTPS with --cert and --key."
            );
        }
        println!("Serving the pilot portal at {scheme}://{address}/ (Ctrl-C stops it).");
        running.stopped().await;
        println!("The portal has stopped.");
        Ok(())
    })
}

/// Finishes at Ctrl-C, or at SIGTERM where there is one (a service
/// manager stopping `pilot serve`). The handlers are installed here, before
/// the future is returned, not when it is first polled: a signal that comes
/// the moment the address is printed must stop the server, not kill it.
fn stop_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let (Ok(mut interrupt), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) {
            return Box::pin(async move {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = term.recv() => {}
                }
            })
                as std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;
        }
    }
    Box::pin(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
