//! The participants' JSON API. What a role may see and do is decided here,
//! on the server: a requester their own requests, a fulfiller the queue of
//! their assignment groups (all the pilot's when they were given none), an
//! approver their approvals, a department head the pilot page.
//! The core still authorises every step (the same rules as in the app).

use std::net::SocketAddr;

use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use pilot_core::catalog::{self, Form};
use pilot_core::directory::{self, PersonChoice};
use pilot_core::knowledge::{self, ShownArticle};
use pilot_core::outbox::{self, Message};
use pilot_core::pilots::{self, ParticipantRole, PilotView};
use pilot_core::portal::Participation;
use pilot_core::requests::{
    self, Action, NewRequest, QueueCursor, QueueFilter, QueuePage, QueueRow, Request,
    State as RequestState, Step,
};
use pilot_core::{flows, Error, Workspace};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::attachments;
use crate::errors::ApiError;
use crate::state::{Intent, Shared};

/// An item a requester can ask for, with the form they fill in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Offer {
    pub id: i64,
    pub name: String,
    pub short_description: String,
    pub long_description: String,
    pub category: String,
    pub icon: String,
    /// The published form version a request made now uses.
    pub version: i64,
    pub form: Form,
}

fn require(who: &Participation, role: ParticipantRole, what: &str) -> Result<(), ApiError> {
    if who.role == role {
        Ok(())
    } else {
        Err(ApiError::forbidden(what))
    }
}

/// `GET /api/catalog`: the pilot's published items.
pub async fn catalog(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<Vec<Offer>>, ApiError> {
    let offers = portal
        .as_participant(&headers, peer, Intent::Read, |ws, who| {
            require(who, ParticipantRole::Requester, "asking for services")?;
            let pilot = pilots::get(ws, who.pilot_id)?;
            let mut offers = Vec::new();
            for entry in pilot.items.iter().filter(|i| i.published) {
                let Some(number) = entry.published_version else {
                    continue;
                };
                let item = catalog::get(ws, entry.id)?;
                let version = catalog::version(ws, entry.id, number)?;
                offers.push(Offer {
                    id: item.id,
                    name: item.name,
                    short_description: item.short_description,
                    long_description: item.long_description,
                    category: item.category,
                    icon: item.icon,
                    version: number,
                    form: version.form,
                });
            }
            Ok(offers)
        })
        .await?;
    Ok(Json(offers))
}

/// What a requester's form shows and what is wrong with the answers so
/// far, as the app's preview shows it.
#[derive(Serialize)]
pub struct Check {
    pub shown: Vec<bool>,
    pub issues: Vec<catalog::Issue>,
}

/// The answers a requester has given so far to an item's form.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draft {
    pub item_id: i64,
    #[serde(default)]
    pub answers: Map<String, Value>,
}

/// `POST /api/check`: which fields of an item's published form show for
/// these answers and what is wrong with them, by the core's rules (the
/// same ones a submission is held to), so the pages write no rule twice.
/// It changes nothing, but it carries answers, so it is a POST and shows
/// its origin and CSRF token like a change.
pub async fn check(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Check>, ApiError> {
    let draft: Draft = json_body(&headers, &body)?;
    let check = portal
        .as_participant(&headers, peer, Intent::Change, move |ws, who| {
            require(who, ParticipantRole::Requester, "asking for services")?;
            let pilot = pilots::get(ws, who.pilot_id)?;
            let number = pilot
                .items
                .iter()
                .find(|i| i.id == draft.item_id && i.published)
                .and_then(|i| i.published_version)
                .ok_or_else(|| {
                    ApiError::new(
                        StatusCode::NOT_FOUND,
                        "not_found",
                        format!("Service {} is not offered in this pilot.", draft.item_id),
                    )
                })?;
            let form = catalog::version(ws, draft.item_id, number)?.form;
            Ok(Check {
                shown: catalog::shown(&form, &draft.answers),
                issues: catalog::validate_answers(&form, &draft.answers),
            })
        })
        .await?;
    Ok(Json(check))
}

/// What a requester sends to submit: the pilot is the link's own.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Submission {
    pub item_id: i64,
    #[serde(default)]
    pub answers: Map<String, Value>,
    #[serde(default)]
    pub priority: Option<i64>,
}

/// `POST /api/requests`: submits through the core, with its validation.
/// The answers come as JSON, or, when the form has attachment fields, as
/// `multipart/form-data` with the files (see
/// [`attachments::submission_with_files`]); the request and its files are
/// stored together or not at all.
pub async fn submit(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let (submission, files): (Submission, _) = if attachments::is_form_with_files(&headers) {
        attachments::submission_with_files(&portal, &headers, body).await?
    } else {
        // This route takes files, so its own size limit is a form's; the
        // answers alone get the ordinary one.
        let bytes = axum::body::to_bytes(body, portal.limits.body_bytes)
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    "The answers are too long to send.",
                )
            })?;
        (json_body(&headers, &bytes)?, Vec::new())
    };
    let address = peer.to_string();
    let request = portal
        .as_participant(&headers, peer, Intent::Change, move |ws, who| {
            require(who, ParticipantRole::Requester, "submitting requests")?;
            let new = NewRequest {
                pilot_id: who.pilot_id,
                item_id: submission.item_id,
                answers: submission.answers,
                priority: submission.priority,
            };
            let (_, request) =
                flows::portal_submit(ws, who.link_id, &new, &files, &address, Utc::now())?;
            Ok(request)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(request)).into_response())
}

/// `GET /api/requests`: the requester's own requests, newest first.
pub async fn mine(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<Vec<QueueRow>>, ApiError> {
    let list = Listing {
        role: ParticipantRole::Requester,
        what: "a list of requests",
        rows: requests::mine,
    };
    list.of(&portal, &headers, peer).await
}

/// A list of real (not rehearsal) requests that one role sees: `rows`
/// takes the workspace, the pilot and the person.
struct Listing {
    role: ParticipantRole,
    what: &'static str,
    rows: fn(&Workspace, i64, i64) -> pilot_core::Result<Vec<QueueRow>>,
}

impl Listing {
    async fn of(
        self,
        portal: &Shared,
        headers: &HeaderMap,
        peer: SocketAddr,
    ) -> Result<Json<Vec<QueueRow>>, ApiError> {
        let rows = portal
            .as_participant(headers, peer, Intent::Read, move |ws, who| {
                require(who, self.role, self.what)?;
                let rows = (self.rows)(ws, who.pilot_id, who.person_id)?;
                Ok(rows.into_iter().filter(|r| !r.rehearsal).collect())
            })
            .await?;
        Ok(Json(rows))
    }
}

/// `GET /api/requests/{id}`: one request the caller may see.
pub async fn show(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Result<Json<Request>, ApiError> {
    let request = portal
        .as_participant(&headers, peer, Intent::Read, move |ws, who| {
            visible(ws, who, id)
        })
        .await?;
    Ok(Json(request))
}

/// The request as the caller may see it (work notes for fulfillers only),
/// or the same "not found" for a request that does not exist and one that
/// is not theirs to see, so ids cannot be probed.
pub(crate) fn visible(ws: &Workspace, who: &Participation, id: i64) -> Result<Request, ApiError> {
    let request = visible_in_any_group(ws, who, id)?;
    if in_their_groups(ws, who, &request)? {
        Ok(request)
    } else {
        Err(ApiError::no_request(id))
    }
}

/// Whether a request is of a group the caller works in: always, unless
/// they are a fulfiller given groups.
fn in_their_groups(
    ws: &Workspace,
    who: &Participation,
    request: &Request,
) -> Result<bool, ApiError> {
    if who.role != ParticipantRole::Fulfiller {
        return Ok(true);
    }
    let groups = pilots::groups::of_fulfiller(ws, who.pilot_id, who.person_id)?;
    Ok(groups.is_empty() || groups.contains(&request.assignment_group))
}

/// [`visible`] without the fulfiller's groups: what the caller's role may
/// see of the pilot's requests.
fn visible_in_any_group(ws: &Workspace, who: &Participation, id: i64) -> Result<Request, ApiError> {
    let internal = who.role == ParticipantRole::Fulfiller;
    let request = match requests::get(ws, id, internal, Utc::now()) {
        Ok(r) => r,
        Err(Error::NotFound { .. }) => return Err(ApiError::no_request(id)),
        Err(e) => return Err(e.into()),
    };
    if request.pilot_id != who.pilot_id || request.rehearsal {
        return Err(ApiError::no_request(id));
    }
    let allowed = match who.role {
        ParticipantRole::Requester => request.requester_id == Some(who.person_id),
        ParticipantRole::Fulfiller => true,
        // Waiting for them, or decided (or otherwise touched) by them.
        ParticipantRole::Approver => {
            request
                .events
                .iter()
                .any(|e| e.actor_id == Some(who.person_id))
                || requests::approvals_for(ws, who.pilot_id, who.person_id, Utc::now())?
                    .iter()
                    .any(|r| r.id == id)
        }
        ParticipantRole::DepartmentHead | ParticipantRole::Observer => false,
    };
    if allowed {
        Ok(request)
    } else {
        Err(ApiError::no_request(id))
    }
}

/// The steps each role may take through the portal.
pub(crate) fn may_take(role: ParticipantRole, step: Step) -> bool {
    use Step::*;
    match role {
        ParticipantRole::Requester => matches!(step, Comment | Cancel | Rate | Reopen),
        ParticipantRole::Fulfiller => matches!(
            step,
            Assign | Start | Hold | Resume | CompleteTask | Comment | WorkNote | Resolve
        ),
        ParticipantRole::Approver => matches!(step, Approve | Reject),
        ParticipantRole::DepartmentHead | ParticipantRole::Observer => false,
    }
}

/// `POST /api/requests/{id}/actions`: one action, such as
/// `{"kind": "resolve", "note": "Sent."}`.
pub async fn act(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Request>, ApiError> {
    let action: Action = json_body(&headers, &body)?;
    let address = peer.to_string();
    let request = portal
        .as_participant(&headers, peer, Intent::Change, move |ws, who| {
            visible(ws, who, id)?;
            if !may_take(who.role, action.step()) {
                return Err(ApiError::forbidden("this action"));
            }
            flows::portal_act(ws, who.link_id, id, &action, &address, Utc::now())?;
            // Assigning a request to another group hands it over: the
            // fulfiller who did it still gets the answer to their action,
            // though they can no longer read or act on it afterwards.
            visible_in_any_group(ws, who, id)
        })
        .await?;
    Ok(Json(request))
}

/// Which part of the queue a fulfiller asks for: `GET /api/queue?state=
/// in_progress,on_hold&item=3&mine=true&limit=50`, and the next page with
/// the `afterDue` and `afterId` of the previous page's `next`.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct QueueQuery {
    /// Only requests assigned to the caller.
    pub mine: bool,
    /// Only requests in these states, comma-separated (every open state
    /// when empty).
    pub state: String,
    /// Only requests for this item.
    pub item: Option<i64>,
    /// Rows per page: 50 when not given, at most [`QUEUE_PAGE_MAX`].
    pub limit: Option<u32>,
    pub after_due: Option<String>,
    pub after_id: Option<i64>,
}

/// The most rows one page of the queue carries.
pub const QUEUE_PAGE_MAX: u32 = 200;

/// An item the queue can be narrowed to.
#[derive(Serialize)]
pub struct ItemChoice {
    pub id: i64,
    pub name: String,
}

/// One page of the queue, and the pilot's items for the filter.
#[derive(Serialize)]
pub struct QueueAnswer {
    #[serde(flatten)]
    pub page: QueuePage,
    pub items: Vec<ItemChoice>,
}

fn bad_query(message: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", message)
}

impl QueueQuery {
    /// The core's filter for this query of a fulfiller of `pilot_id` who
    /// works in `groups` (every group when empty).
    fn filter(
        self,
        pilot_id: i64,
        person_id: i64,
        groups: Vec<String>,
    ) -> Result<QueueFilter, ApiError> {
        let states = self
            .state
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                RequestState::parse(s).ok_or_else(|| {
                    let all: Vec<&str> = RequestState::ALL.iter().map(|t| t.as_str()).collect();
                    bad_query(format!(
                        "The queue has no state “{s}”: use one of {}.",
                        all.join(", ")
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let after = match (self.after_due, self.after_id) {
            (Some(due_at), Some(id)) => Some(QueueCursor { due_at, id }),
            (None, None) => None,
            _ => {
                return Err(bad_query(
                    "A next page needs both afterDue and afterId (the previous page's next)."
                        .into(),
                ))
            }
        };
        Ok(QueueFilter {
            pilot_id: Some(pilot_id),
            assignee_id: self.mine.then_some(person_id),
            states,
            item_id: self.item,
            rehearsal: Some(false),
            after,
            limit: self.limit.unwrap_or(50).clamp(1, QUEUE_PAGE_MAX),
            groups,
            ..QueueFilter::default()
        })
    }
}

/// `GET /api/queue`: one page of the pilot's requests (open ones unless
/// states are asked for), soonest due first, with where the next page
/// starts.
pub async fn queue(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    query: Result<Query<QueueQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Json<QueueAnswer>, ApiError> {
    let Query(query) = query.map_err(|e| {
        bad_query(format!(
            "The queue's address is not what it takes: {}.",
            e.body_text()
        ))
    })?;
    let answer = portal
        .as_participant(&headers, peer, Intent::Read, move |ws, who| {
            require(who, ParticipantRole::Fulfiller, "the queue")?;
            let groups = pilots::groups::of_fulfiller(ws, who.pilot_id, who.person_id)?;
            let filter = query.filter(who.pilot_id, who.person_id, groups.clone())?;
            let page = requests::queue(ws, &filter, Utc::now())?;
            let items = pilots::get(ws, who.pilot_id)?
                .items
                .into_iter()
                .filter(|i| groups.is_empty() || groups.contains(&i.assignment_group))
                .map(|i| ItemChoice {
                    id: i.id,
                    name: i.name,
                })
                .collect();
            Ok(QueueAnswer { page, items })
        })
        .await?;
    Ok(Json(answer))
}

/// `GET /api/approvals`: the requests waiting for the caller's decision.
pub async fn approvals(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<Vec<QueueRow>>, ApiError> {
    let list = Listing {
        role: ParticipantRole::Approver,
        what: "approvals",
        rows: |ws, pilot, person| requests::approvals_for(ws, pilot, person, Utc::now()),
    };
    list.of(&portal, &headers, peer).await
}

/// `GET /api/pilot`: the pilot page of the department head: goals, the
/// baseline and the results so far.
pub async fn pilot(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<PilotView>, ApiError> {
    let view = portal
        .as_participant(&headers, peer, Intent::Read, |ws, who| {
            require(who, ParticipantRole::DepartmentHead, "the pilot page")?;
            Ok(pilots::view(ws, who.pilot_id)?)
        })
        .await?;
    Ok(Json(view))
}

/// What a requester searches the pilot's knowledge for:
/// `GET /api/knowledge?q=payslip` (every article when `q` is empty).
#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct KnowledgeQuery {
    pub q: String,
}

/// The longest search the knowledge takes, in characters.
pub const KNOWLEDGE_QUERY_MAX: usize = 200;

/// The words of a search of `what` (the knowledge, the directory), or why
/// its address is refused.
fn search_words(
    query: Result<Query<KnowledgeQuery>, QueryRejection>,
    what: &str,
) -> Result<KnowledgeQuery, ApiError> {
    let Query(query) = query.map_err(|e| {
        bad_query(format!(
            "The {what} search's address is not what it takes: {}.",
            e.body_text()
        ))
    })?;
    if query.q.chars().count() > KNOWLEDGE_QUERY_MAX {
        return Err(bad_query(format!(
            "Search the {what} with at most {KNOWLEDGE_QUERY_MAX} characters."
        )));
    }
    Ok(query)
}

/// `GET /api/knowledge`: the published articles of the pilot's department
/// that match the search, each with its body already rendered by the
/// core's safe Markdown renderer (the pages insert no HTML of their own
/// making).
pub async fn knowledge(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    query: Result<Query<KnowledgeQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Json<Vec<ShownArticle>>, ApiError> {
    let query = search_words(query, "knowledge")?;
    let articles = portal
        .as_participant(&headers, peer, Intent::Read, move |ws, who| {
            require(who, ParticipantRole::Requester, "the knowledge articles")?;
            match pilots::get(ws, who.pilot_id)?.department_id {
                Some(department) => Ok(knowledge::published(ws, department, &query.q)?),
                None => Ok(Vec::new()),
            }
        })
        .await?;
    Ok(Json(articles))
}

/// `GET /api/people?q=ma`: whom a form's person field may name, for a
/// requester filling one in. At least two characters find anyone, and one
/// search finds at most eight people, with their name, e-mail and
/// department only.
pub async fn people(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    query: Result<Query<KnowledgeQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Result<Json<Vec<PersonChoice>>, ApiError> {
    let query = search_words(query, "directory")?;
    let found = portal
        .as_participant(&headers, peer, Intent::Read, move |ws, who| {
            require(who, ParticipantRole::Requester, "the directory")?;
            Ok(directory::find_people(ws, &query.q)?)
        })
        .await?;
    Ok(Json(found))
}

/// A reader's answer to "did this answer your question?".
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleAnswer {
    pub answered: bool,
}

/// `POST /api/knowledge/{id}/answer`: records `{"answered": true}` (a
/// request not made) or `false`, audited like every change.
pub async fn answer_article(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let answer: ArticleAnswer = json_body(&headers, &body)?;
    let address = peer.to_string();
    portal
        .as_participant(&headers, peer, Intent::Change, move |ws, who| {
            require(who, ParticipantRole::Requester, "answering articles")?;
            match flows::portal_answer_article(
                ws,
                who.link_id,
                id,
                answer.answered,
                &address,
                Utc::now(),
            ) {
                Ok(_) => Ok(()),
                // A draft, another department's article and a missing
                // one look alike, so ids cannot be probed.
                Err(Error::NotFound { .. }) => Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    "not_found",
                    format!("Article {id} is not in this pilot's portal."),
                )),
                Err(e) => Err(e.into()),
            }
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/messages`: the caller's messages in the pilot (approvals
/// waiting, requests resolved, please rate, SLA warnings), newest first;
/// whatever their role, a person sees only their own.
pub async fn messages(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Json<Vec<Message>>, ApiError> {
    let list = portal
        .as_participant(&headers, peer, Intent::Read, |ws, who| {
            Ok(outbox::of_person(
                ws,
                who.pilot_id,
                who.person_id,
                Utc::now(),
            )?)
        })
        .await?;
    Ok(Json(list))
}

/// The messages a reader has seen: `{"ids": [3, 4]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeenMessages {
    pub ids: Vec<i64>,
}

/// The most messages one call marks seen.
pub const SEEN_MAX: usize = 500;

/// How many messages a call marked seen.
#[derive(Serialize)]
pub struct Marked {
    pub marked: usize,
}

/// `POST /api/messages/seen`: marks the caller's messages seen, audited
/// like every change. Another person's message id is "not found", and
/// then none is marked.
pub async fn messages_seen(
    State(portal): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Marked>, ApiError> {
    let seen: SeenMessages = json_body(&headers, &body)?;
    if seen.ids.len() > SEEN_MAX {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            format!("Mark at most {SEEN_MAX} messages seen at once."),
        ));
    }
    let address = peer.to_string();
    let marked = portal
        .as_participant(&headers, peer, Intent::Change, move |ws, who| {
            match flows::portal_messages_seen(ws, who.link_id, &seen.ids, &address, Utc::now()) {
                Ok(marked) => Ok(marked),
                Err(Error::NotFound { id, .. }) => Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    "not_found",
                    format!("Message {id} is not one of your messages."),
                )),
                Err(e) => Err(e.into()),
            }
        })
        .await?;
    Ok(Json(Marked { marked }))
}

/// Anything else under `/api/`.
pub async fn unknown() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "There is no such API.")
}

/// A JSON body: `application/json` only (a cross-site form cannot send
/// it without the browser asking first), read into `T`, with the error as
/// JSON naming what is wrong.
fn json_body<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> Result<T, ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the request body as JSON (Content-Type: application/json).",
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("The request body is not what this call takes: {e}."),
        )
    })
}
