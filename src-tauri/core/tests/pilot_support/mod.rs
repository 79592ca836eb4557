//! Shared helpers of the pilot tests: a workspace with HR (Berlin office
//! hours), people in every role, a published item with a manager's approval
//! and two tasks, and a pilot running it.

#![allow(dead_code)]

use chrono::{DateTime, Utc};
use pilot_core::catalog::{
    self, ApprovalStep, Choice, FieldType, Form, FormField, ItemInput, Sla, SlaUnit,
};
use pilot_core::directory::{self, BusinessHours, DepartmentInput, PersonInput};
use pilot_core::pilots::{self, ParticipantInput, ParticipantRole, PilotInput};
use pilot_core::requests::{self, Action, Actor, NewRequest, Request};
use pilot_core::Workspace;
use serde_json::{json, Map, Value};
use tempfile::TempDir;

pub struct Pilot {
    pub ws: Workspace,
    pub dir: TempDir,
    pub hr: i64,
    pub item: i64,
    pub pilot: i64,
    /// Ann asks; Max is her manager; Fay works requests; Hugo heads HR.
    pub ann: i64,
    pub max: i64,
    pub fay: i64,
    pub hugo: i64,
}

pub fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn person(ws: &mut Workspace, name: &str, manager: Option<i64>) -> i64 {
    directory::create_person(
        ws,
        PersonInput {
            name: name.into(),
            email: format!("{}@example.org", name.to_lowercase()),
            department_id: None,
            manager_id: manager,
            roles: Vec::new(),
        },
    )
    .unwrap()
    .id
}

pub fn form() -> Form {
    let mut kind = FormField::new("kind", "Certificate", FieldType::Choice);
    kind.choices = vec![
        Choice::new("work", "Work certificate"),
        Choice::new("salary", "Salary statement"),
    ];
    kind.required = true;
    Form {
        fields: vec![
            kind,
            FormField::new("note", "Anything else?", FieldType::LongText),
        ],
    }
}

/// A pilot set up but not started; `approvals` are the item's steps.
pub fn planned(approvals: Vec<ApprovalStep>) -> Pilot {
    let dir = TempDir::new().unwrap();
    let mut ws = Workspace::create(&dir.path().join("Pilot.pilot")).unwrap();
    let hr = directory::create_department(
        &mut ws,
        DepartmentInput {
            name: "Human Resources".into(),
            is_requester: true,
            is_provider: true,
            head_id: None,
            hours: BusinessHours::office("Europe/Berlin"),
        },
    )
    .unwrap()
    .id;
    let max = person(&mut ws, "Max", None);
    let ann = person(&mut ws, "Ann", Some(max));
    let fay = person(&mut ws, "Fay", None);
    let hugo = person(&mut ws, "Hugo", None);
    let item = catalog::create(&mut ws, "Employment certificate")
        .unwrap()
        .id;
    let mut input = ItemInput::draft("Employment certificate");
    input.department_id = Some(hr);
    input.category = "Documents".into();
    input.form = form();
    input.fulfilment.assignment_group = "HR Services".into();
    input.fulfilment.approvals = approvals;
    input.fulfilment.tasks = vec!["Draft the certificate".into(), "Sign and send".into()];
    input.sla = Sla {
        amount: 1,
        unit: SlaUnit::BusinessDays,
    };
    catalog::update(&mut ws, item, input).unwrap();
    catalog::publish(&mut ws, item).unwrap();
    let mut p = PilotInput::named("HR certificates");
    p.department_id = Some(hr);
    p.sponsor_id = Some(hugo);
    p.item_ids = vec![item];
    let role = |person_id, role| ParticipantInput { person_id, role };
    p.participants = vec![
        role(ann, ParticipantRole::Requester),
        role(max, ParticipantRole::Approver),
        role(fay, ParticipantRole::Fulfiller),
        role(hugo, ParticipantRole::DepartmentHead),
    ];
    let pilot = pilots::create(&mut ws, p, utc("2026-03-01T08:00:00Z"))
        .unwrap()
        .id;
    Pilot {
        ws,
        dir,
        hr,
        item,
        pilot,
        ann,
        max,
        fay,
        hugo,
    }
}

/// A running pilot whose item needs Ann's manager's approval.
pub fn running() -> Pilot {
    let mut p = planned(vec![ApprovalStep::requester_manager()]);
    pilots::start(&mut p.ws, p.pilot, utc("2026-03-02T08:00:00Z")).unwrap();
    p
}

pub fn answers(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

impl Pilot {
    pub fn submit(&mut self, at: &str) -> Request {
        let new = NewRequest {
            pilot_id: self.pilot,
            item_id: self.item,
            answers: answers(json!({"kind": "work"})),
            priority: None,
        };
        requests::submit(&mut self.ws, &new, Actor::acting_as(self.ann), utc(at)).unwrap()
    }

    pub fn act(
        &mut self,
        id: i64,
        who: i64,
        action: Action,
        at: &str,
    ) -> pilot_core::Result<Request> {
        requests::act(&mut self.ws, id, Actor::acting_as(who), &action, utc(at))
    }
}
