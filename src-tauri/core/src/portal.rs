//! The pilot portal's participants: personal links and the audit.
//!
//! A participant signs in to the portal (served by `pilot serve` or the
//! app) with a personal link that carries a random token of 256 bits from
//! the operating system's generator. Only the token's SHA-256 is stored, so
//! a copy of the workspace file signs nobody in, and the token is shown
//! once, when the link is issued. A link belongs to one person in one role
//! of one pilot; it stops working when it expires, when it is revoked, when
//! the pilot ends, or when the person no longer has that role. The server
//! asks [`check`] on every request, so a revoked link ends the sessions it
//! opened at once.
//!
//! The audit records every sign-in (refused ones too) and every change made
//! through the portal, with the address it came from; the changes are
//! recorded by `flows::portal` in the change's own transaction.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::pilots::{self, ParticipantRole, PilotState};
use crate::sla::{format_utc, parse_utc};
use crate::storage;
pub use crate::storage::portal::{AuditEntry, Link};
use crate::workspace::Workspace;

/// Bytes of randomness in a token: 256 bits, far beyond guessing.
const TOKEN_BYTES: usize = 32;

/// The longest a link may be valid for.
pub const MAX_VALID_DAYS: i64 = 366;

/// A link just issued, with the one copy of its token there will ever be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssuedLink {
    pub link: Link,
    /// Lower-case hex; goes into the URL `/s/<token>`.
    pub token: String,
}

/// Who a valid link signs in: the person, their role and their pilot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Participation {
    #[ts(type = "number")]
    pub link_id: i64,
    #[ts(type = "number")]
    pub pilot_id: i64,
    pub pilot_name: String,
    pub department_name: Option<String>,
    pub pilot_state: PilotState,
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    pub role: ParticipantRole,
}

/// A fresh random token in hex, from the operating system's generator.
pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::internal(format!(
            "the operating system gave no random bytes for a token: {e}"
        ))
    })?;
    Ok(hex(&bytes))
}

/// How a token is stored: the hex of its SHA-256.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Issues a personal link for `person` in `role` of a pilot that has not
/// ended, valid for `valid_days` (1 to [`MAX_VALID_DAYS`]) from `now`.
pub fn issue(
    ws: &mut Workspace,
    pilot_id: i64,
    person_id: i64,
    role: ParticipantRole,
    valid_days: i64,
    now: DateTime<Utc>,
) -> Result<IssuedLink> {
    if !(1..=MAX_VALID_DAYS).contains(&valid_days) {
        return Err(Error::invalid(
            "validDays",
            format!("A link is valid for 1 to {MAX_VALID_DAYS} days, not {valid_days}."),
        ));
    }
    let token = new_token()?;
    let hash = token_hash(&token);
    let id = ws.write(|tx| {
        let pilot = pilots::load(tx, pilot_id)?;
        if pilot.state == PilotState::Ended {
            return Err(Error::invalid(
                "pilotId",
                format!(
                    "“{}” has ended, so nobody can sign in to its portal any more.",
                    pilot.name
                ),
            ));
        }
        if !storage::pilots::has_role(tx, pilot_id, person_id, role)? {
            let name = storage::people::name_and_manager(tx, person_id)?
                .map(|(name, _)| name)
                .ok_or(Error::NotFound {
                    what: "Person",
                    id: person_id,
                })?;
            return Err(Error::invalid(
                "role",
                format!(
                    "{name} is not a {} in “{}”; add them as one before giving them a link.",
                    role.label(),
                    pilot.name
                ),
            ));
        }
        storage::portal::insert_link(
            tx,
            pilot_id,
            person_id,
            role.as_str(),
            &hash,
            &format_utc(now),
            &format_utc(now + Duration::days(valid_days)),
        )
    })?;
    Ok(IssuedLink {
        link: link(ws.conn(), id)?,
        token,
    })
}

fn link(conn: &Connection, id: i64) -> Result<Link> {
    storage::portal::link(conn, id)?.ok_or(Error::NotFound {
        what: "Portal link",
        id,
    })
}

/// A pilot's links, newest first.
pub fn list(ws: &Workspace, pilot_id: i64) -> Result<Vec<Link>> {
    pilots::load(ws.conn(), pilot_id)?;
    storage::portal::links_of_pilot(ws.conn(), pilot_id)
}

/// Revokes a link: it signs nobody in again, and the sessions it opened
/// end at their next request. Revoking twice keeps the first time.
pub fn revoke(ws: &mut Workspace, link_id: i64, now: DateTime<Utc>) -> Result<Link> {
    ws.write(|tx| {
        link(tx, link_id)?;
        storage::portal::revoke_link(tx, link_id, &format_utc(now))
    })?;
    link(ws.conn(), link_id)
}

/// Who the token signs in, or why it signs nobody in. The reason is for
/// the audit and the analyst; the server tells a participant only that the
/// link does not sign them in, so a guesser learns nothing.
pub fn resolve(ws: &Workspace, token: &str, now: DateTime<Utc>) -> Result<Participation> {
    // Hashing a very long "token" costs time and can never match.
    if token.len() != TOKEN_BYTES * 2 {
        return Err(unknown());
    }
    let found =
        storage::portal::link_by_hash(ws.conn(), &token_hash(token))?.ok_or_else(unknown)?;
    valid(ws.conn(), found, now)
}

/// Whether the link a session was opened with still signs its person in,
/// at `now`: what the server asks on every request.
pub fn check(ws: &Workspace, link_id: i64, now: DateTime<Utc>) -> Result<Participation> {
    check_in(ws.conn(), link_id, now)
}

/// [`check`] inside a transaction, so a change made through the portal
/// cannot slip past a revocation committed just before it.
pub(crate) fn check_in(
    conn: &Connection,
    link_id: i64,
    now: DateTime<Utc>,
) -> Result<Participation> {
    let found = storage::portal::link(conn, link_id)?.ok_or_else(unknown)?;
    valid(conn, found, now)
}

/// The refusal of a link that signs nobody in, whatever the reason.
fn unknown() -> Error {
    Error::invalid(
        "token",
        "This link does not sign anyone in: it is mistyped, revoked or expired. Ask the pilot's analyst for a new one.",
    )
}

/// The checks every sign-in and every request makes. The reasons are
/// precise for the audit; the server shows participants only whether they
/// are signed in.
fn valid(conn: &Connection, link: Link, now: DateTime<Utc>) -> Result<Participation> {
    let refuse = |why: &str| {
        Error::invalid(
            "token",
            format!("The link of {} ({}) {why}.", link.person_name, link.role),
        )
    };
    if link.revoked_at.is_some() {
        return Err(refuse("was revoked"));
    }
    if parse_utc(&link.expires_at)? <= now {
        return Err(refuse("has expired"));
    }
    let pilot = pilots::load(conn, link.pilot_id)?;
    if pilot.state == PilotState::Ended {
        return Err(refuse("belongs to a pilot that has ended"));
    }
    let role = ParticipantRole::parse(&link.role).ok_or_else(|| {
        Error::internal(format!("portal link {} has role {}", link.id, link.role))
    })?;
    if !storage::pilots::has_role(conn, pilot.id, link.person_id, role)? {
        return Err(refuse(&format!(
            "names a role the person no longer has in “{}”",
            pilot.name
        )));
    }
    Ok(Participation {
        link_id: link.id,
        pilot_id: pilot.id,
        pilot_name: pilot.name,
        department_name: pilot.department_name,
        pilot_state: pilot.state,
        person_id: link.person_id,
        person_name: link.person_name,
        role,
    })
}

/// The e-mail that gives a participant their personal link: to their
/// address in the directory, naming the pilot, with the link's URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub person_name: String,
    pub subject: String,
    pub body: String,
    /// The `mailto:` address that opens it in the mail client; none when
    /// the person has no usable e-mail address (then it is copied).
    pub mailto: Option<String>,
}

impl Invitation {
    /// The whole message as one text to paste into a mail.
    pub fn text(&self) -> String {
        format!("Subject: {}\n\n{}", self.subject, self.body)
    }
}

/// The invitation of the link `link_id`, whose URL is `url`. The URL is
/// the caller's to give, since only the token's hash is stored; a link
/// that no longer signs its person in is refused, so nobody is sent a
/// dead link.
pub fn invitation(
    ws: &Workspace,
    link_id: i64,
    url: &str,
    now: DateTime<Utc>,
) -> Result<Invitation> {
    let who = check(ws, link_id, now)?;
    let email = storage::people::get(ws.conn(), who.person_id)?
        .map(|p| p.email)
        .unwrap_or_default();
    Ok(invite(&who.person_name, &who.pilot_name, &email, url))
}

/// The invitation of `person` (at `email`) to `pilot` by the link `url`.
fn invite(person: &str, pilot: &str, email: &str, url: &str) -> Invitation {
    let subject = format!("Your link to the pilot “{pilot}”");
    let body = format!(
        "Hello {person},\n\n\
         you take part in the pilot “{pilot}”. Open this personal link in your browser to sign in:\n\n\
         {url}\n\n\
         The link is yours alone: do not forward it. It works on the office network while the pilot is open.\n"
    );
    Invitation {
        mailto: crate::outbox::mailto::address(email, &subject, &body),
        person_name: person.to_owned(),
        subject,
        body,
    }
}

/// Records a sign-in, a refused sign-in or another event without a change
/// of its own.
pub fn record(ws: &mut Workspace, entry: &AuditEntry) -> Result<()> {
    ws.write(|tx| storage::portal::insert_audit(tx, entry))
}

/// The newest `limit` audit entries of a pilot (every pilot when none),
/// newest first.
pub fn audit(ws: &Workspace, pilot_id: Option<i64>, limit: u32) -> Result<Vec<AuditEntry>> {
    storage::portal::audit(ws.conn(), pilot_id, limit.clamp(1, 10_000))
}

/// An audit entry for a sign-in refused at `now` from `address` for `why`.
/// It names no pilot or person: a refused token may match no link at all,
/// and the reason already names the person of one that did.
pub fn refused_sign_in(why: &str, address: &str, now: DateTime<Utc>) -> AuditEntry {
    AuditEntry {
        at: format_utc(now),
        pilot_id: None,
        person_id: None,
        person_name: String::new(),
        link_id: None,
        action: "sign_in_refused".into(),
        request_id: None,
        detail: why.to_owned(),
        address: address.to_owned(),
    }
}

/// An audit entry for a participant's action at `now` from `address`.
pub fn entry(
    who: &Participation,
    action: &str,
    request_id: Option<i64>,
    detail: &str,
    address: &str,
    now: DateTime<Utc>,
) -> AuditEntry {
    AuditEntry {
        at: format_utc(now),
        pilot_id: Some(who.pilot_id),
        person_id: Some(who.person_id),
        person_name: who.person_name.clone(),
        link_id: Some(who.link_id),
        action: action.to_owned(),
        request_id,
        detail: detail.to_owned(),
        address: address.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "http://10.0.0.2:8080/s/0123abcd";

    #[test]
    fn an_invitation_is_a_mailto_to_the_person_naming_the_pilot_with_the_link_in_its_body() {
        let mail = invite("Ann", "HR & Co", "ann@example.org", URL);
        let mailto = mail.mailto.unwrap();
        assert!(
            mailto.starts_with(
                "mailto:ann@example.org?subject=Your%20link%20to%20the%20pilot%20%E2%80%9CHR%20%26%20Co%E2%80%9D&body=Hello%20Ann%2C%0D%0A%0D%0A"
            ),
            "{mailto}"
        );
        assert!(
            mailto.contains("%0D%0A%0D%0Ahttp%3A%2F%2F10.0.0.2%3A8080%2Fs%2F0123abcd%0D%0A%0D%0A"),
            "the link on a line of its own: {mailto}"
        );
        assert_eq!(mailto.matches('?').count(), 1, "{mailto}");
        assert_eq!(mailto.matches('&').count(), 1, "{mailto}");
    }

    #[test]
    fn a_person_without_a_usable_address_gets_the_invitation_to_copy_only() {
        let mail = invite("Ann", "HR certificates", "", URL);
        assert_eq!(mail.mailto, None);
        let text = mail.text();
        assert!(
            text.starts_with("Subject: Your link to the pilot “HR certificates”\n\nHello Ann,"),
            "{text}"
        );
        assert!(text.contains(&format!("\n{URL}\n")), "{text}");
    }
}
