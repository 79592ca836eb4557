//! Commands for the organisation directory.

use pilot_core::directory::{self, Department, DepartmentInput, Person, PersonInput, Usage};
use pilot_studio_macros::command;
use tauri::State;

use crate::error::CmdResult;
use crate::state::AppState;

// This area's commands. Adding one is a `#[command]` function below and
// its name here (see ARCHITECTURE.md, "Adding a command").
crate::commands::area! {
    departments_list,
    department_create,
    department_update,
    department_usage,
    department_delete,
    people_list,
    person_create,
    person_update,
    person_usage,
    person_delete,
    time_zones,
}

#[command]
pub async fn departments_list(
    state: State<'_, AppState>,
    query: String,
) -> CmdResult<Vec<Department>> {
    state
        .with_workspace(move |ws| directory::list_departments(ws, &query))
        .await
}

#[command]
pub async fn department_create(
    state: State<'_, AppState>,
    input: DepartmentInput,
) -> CmdResult<Department> {
    state
        .with_workspace(move |ws| directory::create_department(ws, input))
        .await
}

#[command]
pub async fn department_update(
    state: State<'_, AppState>,
    id: i64,
    input: DepartmentInput,
) -> CmdResult<Department> {
    state
        .with_workspace(move |ws| directory::update_department(ws, id, input))
        .await
}

#[command]
pub async fn department_usage(state: State<'_, AppState>, id: i64) -> CmdResult<Usage> {
    state
        .with_workspace(move |ws| directory::department_usage(ws, id))
        .await
}

#[command]
pub async fn department_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| directory::delete_department(ws, id))
        .await
}

#[command]
pub async fn people_list(state: State<'_, AppState>, query: String) -> CmdResult<Vec<Person>> {
    state
        .with_workspace(move |ws| directory::list_people(ws, &query))
        .await
}

#[command]
pub async fn person_create(state: State<'_, AppState>, input: PersonInput) -> CmdResult<Person> {
    state
        .with_workspace(move |ws| directory::create_person(ws, input))
        .await
}

#[command]
pub async fn person_update(
    state: State<'_, AppState>,
    id: i64,
    input: PersonInput,
) -> CmdResult<Person> {
    state
        .with_workspace(move |ws| directory::update_person(ws, id, input))
        .await
}

#[command]
pub async fn person_usage(state: State<'_, AppState>, id: i64) -> CmdResult<Usage> {
    state
        .with_workspace(move |ws| directory::person_usage(ws, id))
        .await
}

#[command]
pub async fn person_delete(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state
        .with_workspace(move |ws| directory::delete_person(ws, id))
        .await
}

/// The time zone names the department editor offers.
#[command]
pub fn time_zones() -> Vec<&'static str> {
    directory::time_zones()
}
