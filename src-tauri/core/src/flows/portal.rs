//! Changes a participant makes through the portal: the link is checked,
//! the request changed and the audit written, all in one transaction, so a
//! change is never without its audit line and never slips past a
//! revocation committed just before it.

use chrono::{DateTime, Utc};

use crate::error::Result;
use crate::knowledge;
use crate::outbox;
use crate::portal::{self, Participation};
use crate::requests::attachments::{self, Attachment, NewFile};
use crate::requests::{self, Action, Actor, NewRequest, Request};
use crate::storage;
use crate::workspace::Workspace;

/// Submits a request as the person the link signs in, in the link's pilot
/// (whatever pilot `new` names).
pub fn portal_submit(
    ws: &mut Workspace,
    link_id: i64,
    new: &NewRequest,
    files: &[NewFile],
    address: &str,
    now: DateTime<Utc>,
) -> Result<(Participation, Request)> {
    let (who, id) = ws.write(|tx| {
        let who = portal::check_in(tx, link_id, now)?;
        let new = NewRequest {
            pilot_id: who.pilot_id,
            ..new.clone()
        };
        let id =
            requests::submit_with_files_in(tx, &new, files, Actor::person(who.person_id), now)?;
        let detail = format!("item {}", new.item_id);
        storage::portal::insert_audit(
            tx,
            &portal::entry(&who, "submitted", Some(id), &detail, address, now),
        )?;
        Ok((who, id))
    })?;
    Ok((who, requests::get(ws, id, false, now)?))
}

/// Attaches a file to a request as the person the link signs in, with its
/// audit line. As with actions, whether the person may see the request is
/// the caller's decision; the core authorises the attaching itself.
pub fn portal_attach(
    ws: &mut Workspace,
    link_id: i64,
    request_id: i64,
    file: &NewFile,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Attachment> {
    let id = ws.write(|tx| {
        let who = portal::check_in(tx, link_id, now)?;
        let id = attachments::attach_in(tx, request_id, Actor::person(who.person_id), file, now)?;
        let detail = attachments::file_name(&file.name);
        storage::portal::insert_audit(
            tx,
            &portal::entry(&who, "attached", Some(request_id), &detail, address, now),
        )?;
        Ok(id)
    })?;
    attachments::get(ws, request_id, id)
}

/// Applies an action to a request as the person the link signs in. Whether
/// the person may see the request at all is the caller's decision (the
/// portal's roles); the core still authorises the step itself.
pub fn portal_act(
    ws: &mut Workspace,
    link_id: i64,
    request_id: i64,
    action: &Action,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Participation> {
    ws.write(|tx| {
        let who = portal::check_in(tx, link_id, now)?;
        requests::act_in(tx, request_id, Actor::person(who.person_id), action, now)?;
        let kind = serde_json::to_value(action)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
            .unwrap_or_default();
        storage::portal::insert_audit(
            tx,
            &portal::entry(&who, &kind, Some(request_id), "", address, now),
        )?;
        Ok(who)
    })
}

/// Records a reader's answer to "did this answer your question?" on an
/// article of the link's pilot's department, with its audit line. A pilot
/// without a department shows no articles, so it has none to answer.
pub fn portal_answer_article(
    ws: &mut Workspace,
    link_id: i64,
    article_id: i64,
    answered: bool,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Participation> {
    ws.write(|tx| {
        let who = portal::check_in(tx, link_id, now)?;
        let department = storage::pilots::get(tx, who.pilot_id)?.and_then(|p| p.department_id);
        let Some(department) = department else {
            return Err(crate::error::Error::NotFound {
                what: "Article",
                id: article_id,
            });
        };
        knowledge::record_feedback_in(
            tx,
            article_id,
            Some(department),
            answered,
            Some(who.person_id),
            now,
        )?;
        let action = if answered {
            "article answered"
        } else {
            "article not answered"
        };
        storage::portal::insert_audit(
            tx,
            &portal::entry(
                &who,
                action,
                None,
                &format!("article {article_id}"),
                address,
                now,
            ),
        )?;
        Ok(who)
    })
}

/// Marks the signed-in person's messages `ids` seen, with its audit line;
/// returns how many were marked. A message of anyone else is refused as
/// if it did not exist, and nothing is marked.
pub fn portal_messages_seen(
    ws: &mut Workspace,
    link_id: i64,
    ids: &[i64],
    address: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    ws.write(|tx| {
        let who = portal::check_in(tx, link_id, now)?;
        let marked = outbox::mark_seen_in(tx, who.pilot_id, who.person_id, ids, now)?;
        let detail = format!("{marked} message(s)");
        storage::portal::insert_audit(
            tx,
            &portal::entry(&who, "messages seen", None, &detail, address, now),
        )?;
        Ok(marked)
    })
}
