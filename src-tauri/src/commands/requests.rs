//! Commands of pilot requests. The UI always acts for someone: the person
//! chosen in its "acting as" switcher, recorded as the analyst acting for
//! them, so the webview cannot claim to be anyone acting on their own.

use chrono::Utc;
use pilot_core::requests::{
    self, attachments, views, Action, Actor, Delegation, DelegationInput, NewRequest, QueueFilter,
    QueuePage, QueueRow, QueueView, Request, ViewFilter,
};
use pilot_studio_macros::command;
use tauri::{AppHandle, State};

use crate::dialog::{self, Kind};
use crate::error::{AppError, CmdResult};
use crate::picked_files::{FieldFile, PickedFile, PickedFiles};
use crate::state::{blocking, AppState};

// This area's commands (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    request_submit,
    attachment_pick,
    request_act,
    request_get,
    request_attach,
    attachment_save,
    requests_queue,
    requests_mine,
    requests_approvals,
    requests_assign,
    delegations,
    delegation_add,
    delegation_end,
    queue_views,
    queue_view_save,
    queue_view_rename,
    queue_view_delete,
}

/// Submits a request with the files chosen for its attachment fields
/// (by their tokens from `attachment_pick`), read from disk now.
#[command]
pub async fn request_submit(
    state: State<'_, AppState>,
    picked: State<'_, PickedFiles>,
    request: NewRequest,
    files: Vec<FieldFile>,
    person_id: i64,
) -> CmdResult<Request> {
    let mut chosen = Vec::with_capacity(files.len());
    for f in files {
        let path = picked.path(f.token).ok_or_else(|| {
            AppError::from(pilot_core::Error::Invalid {
                field: "files".into(),
                message: "A file chosen for this form is no longer at hand: choose it again."
                    .into(),
            })
        })?;
        chosen.push((f.field_key, path));
    }
    state
        .with_workspace(move |ws| {
            let files = chosen
                .iter()
                .map(|(key, path)| Ok(attachments::read(path)?.for_field(key)))
                .collect::<pilot_core::Result<Vec<_>>>()?;
            let actor = Actor::acting_as(person_id);
            requests::submit_with_files(ws, &request, &files, actor, Utc::now())
        })
        .await
}

/// Chooses a file for a form's attachment field in a native dialog; it is
/// read when the request is submitted. `None` when they cancel.
#[command]
pub async fn attachment_pick(
    app: AppHandle,
    picked: State<'_, PickedFiles>,
) -> CmdResult<Option<PickedFile>> {
    let Some(path) = dialog::choose(&app, Kind::OpenAttachment).await? else {
        return Ok(None);
    };
    let read = path.clone();
    // Read once now, so a file too big or unreadable is refused while the
    // person is still at the field, and its type can be named.
    let file = blocking(move || attachments::read(&read)).await??;
    let media_type = attachments::media_type_of(&file.name, &file.content);
    Ok(Some(PickedFile {
        token: picked.hold(path),
        kind: attachments::kind_label(&media_type, &file.name),
        size: file.content.len() as i64,
        name: file.name,
    }))
}

#[command]
pub async fn request_act(
    state: State<'_, AppState>,
    id: i64,
    person_id: i64,
    action: Action,
) -> CmdResult<Request> {
    state
        .with_workspace(move |ws| {
            requests::act(ws, id, Actor::acting_as(person_id), &action, Utc::now())
        })
        .await
}

/// A request's page; `internal` adds work notes (not for requesters).
#[command]
pub async fn request_get(
    state: State<'_, AppState>,
    id: i64,
    internal: bool,
) -> CmdResult<Request> {
    state
        .with_workspace(move |ws| requests::get(ws, id, internal, Utc::now()))
        .await
}

/// Attaches a file the person picks in a native dialog (its path never
/// comes from the webview) to request `id`; `None` when they cancel.
#[command]
pub async fn request_attach(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    person_id: i64,
) -> CmdResult<Option<Request>> {
    let Some(path) = dialog::choose(&app, Kind::OpenAttachment).await? else {
        return Ok(None);
    };
    state
        .with_workspace(move |ws| {
            let file = attachments::read(&path)?;
            let actor = Actor::acting_as(person_id);
            requests::attach(ws, id, actor, &file, Utc::now())?;
            requests::get(ws, id, true, Utc::now()).map(Some)
        })
        .await
}

/// Saves a copy of an attachment where the person picks in a native
/// dialog; the path saved to, or `None` when they cancel.
#[command]
pub async fn attachment_save(
    app: AppHandle,
    state: State<'_, AppState>,
    request_id: i64,
    attachment_id: i64,
) -> CmdResult<Option<String>> {
    let suggested = state
        .with_workspace(move |ws| attachments::get(ws, request_id, attachment_id))
        .await?
        .name;
    let Some(path) = dialog::choose(&app, Kind::SaveAttachment { suggested }).await? else {
        return Ok(None);
    };
    state
        .with_workspace(move |ws| {
            attachments::save_copy(ws, request_id, attachment_id, &path)?;
            Ok(Some(path.display().to_string()))
        })
        .await
}

#[command]
pub async fn requests_queue(
    state: State<'_, AppState>,
    filter: QueueFilter,
) -> CmdResult<QueuePage> {
    state
        .with_workspace(move |ws| requests::queue(ws, &filter, Utc::now()))
        .await
}

#[command]
pub async fn requests_mine(
    state: State<'_, AppState>,
    pilot_id: i64,
    person_id: i64,
) -> CmdResult<Vec<QueueRow>> {
    state
        .with_workspace(move |ws| requests::mine(ws, pilot_id, person_id))
        .await
}

#[command]
pub async fn requests_approvals(
    state: State<'_, AppState>,
    pilot_id: i64,
    person_id: i64,
) -> CmdResult<Vec<QueueRow>> {
    state
        .with_workspace(move |ws| requests::approvals_for(ws, pilot_id, person_id, Utc::now()))
        .await
}

/// The pilot's approval delegations that have not ended.
#[command]
pub async fn delegations(state: State<'_, AppState>, pilot_id: i64) -> CmdResult<Vec<Delegation>> {
    state
        .with_workspace(move |ws| requests::delegations(ws, pilot_id, Utc::now()))
        .await
}

/// An approver hands their approvals to a stand-in for a period.
#[command]
pub async fn delegation_add(
    state: State<'_, AppState>,
    pilot_id: i64,
    delegation: DelegationInput,
) -> CmdResult<Delegation> {
    state
        .with_workspace(move |ws| requests::delegate(ws, pilot_id, &delegation, Utc::now()))
        .await
}

/// Ends a delegation now (or withdraws one that has not started).
#[command]
pub async fn delegation_end(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| requests::end_delegation(ws, id))
        .await
}

/// Assigns the chosen requests to a group and/or a person in one step;
/// returns how many were assigned (none when one of them cannot be).
#[command]
pub async fn requests_assign(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    person_id: i64,
    group: Option<String>,
    assignee: Option<i64>,
) -> CmdResult<usize> {
    state
        .with_workspace(move |ws| {
            requests::assign_many(
                ws,
                &ids,
                Actor::acting_as(person_id),
                group.as_deref(),
                assignee,
                Utc::now(),
            )
        })
        .await
}

#[command]
pub async fn queue_views(state: State<'_, AppState>) -> CmdResult<Vec<QueueView>> {
    state.with_workspace(move |ws| views::list(ws)).await
}

#[command]
pub async fn queue_view_save(
    state: State<'_, AppState>,
    name: String,
    filter: ViewFilter,
) -> CmdResult<QueueView> {
    state
        .with_workspace(move |ws| views::save(ws, &name, &filter, Utc::now()))
        .await
}

#[command]
pub async fn queue_view_rename(
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> CmdResult<QueueView> {
    state
        .with_workspace(move |ws| views::rename(ws, id, &name))
        .await
}

#[command]
pub async fn queue_view_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.with_workspace(move |ws| views::delete(ws, id)).await
}
