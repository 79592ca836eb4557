//! A new workspace with the departments a programme usually starts with.

use std::path::Path;

use crate::directory::{self, BusinessHours, DepartmentInput};
use crate::error::Result;
use crate::workspace::Workspace;

/// Creates the workspace a first start opens: the departments a
/// programme usually starts with, each providing and requesting services
/// on office hours in the machine's time zone, ready to be edited.
pub fn create_starter(path: &Path, time_zone: &str) -> Result<Workspace> {
    let mut ws = Workspace::create(path)?;
    let zone = if directory::validate_hours(&BusinessHours::office(time_zone)).is_ok() {
        time_zone
    } else {
        "UTC"
    };
    for name in [
        "Human Resources",
        "Finance",
        "Procurement",
        "Facilities",
        "Legal",
        "IT",
    ] {
        directory::create_department(
            &mut ws,
            DepartmentInput {
                name: name.into(),
                is_requester: true,
                is_provider: true,
                head_id: None,
                hours: BusinessHours::office(zone),
            },
        )?;
    }
    Ok(ws)
}
