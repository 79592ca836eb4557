//! Shared helpers of the pilot tests: a workspace with HR (Berlin office
//! hours), people in every role, a published item with a manager's approval
//! and two tasks, and a pilot running it.

#![allow(dead_code, unused_imports)]

use pilot_core::catalog::{ApprovalStep, Sla, SlaUnit};
use pilot_core::directory::BusinessHours;
use pilot_core::pilots;
use pilot_core::requests::{self, Action, Actor, NewRequest, Request};
use pilot_core::Workspace;
use pilot_fixtures::hr;
use serde_json::{json, Map, Value};
use tempfile::TempDir;

pub use pilot_fixtures::hr::certificate_form as form;
pub use pilot_fixtures::{person, utc};

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

/// A pilot set up but not started; `approvals` are the item's steps.
pub fn planned(approvals: Vec<ApprovalStep>) -> Pilot {
    let dir = TempDir::new().unwrap();
    let mut ws = Workspace::create(&dir.path().join("Pilot.pilot")).unwrap();
    let one_day = Sla {
        amount: 1,
        unit: SlaUnit::BusinessDays,
    };
    let hr = hr::hr(
        &mut ws,
        BusinessHours::office("Europe/Berlin"),
        approvals,
        one_day,
    );
    let pilot = hr::pilot(&mut ws, &hr, utc("2026-03-01T08:00:00Z"));
    Pilot {
        ws,
        dir,
        hr: hr.department,
        item: hr.item,
        pilot,
        ann: hr.ann,
        max: hr.max,
        fay: hr.fay,
        hugo: hr.hugo,
    }
}

/// Adds "Salary statement", worked by `group` and needing no approval, to
/// a planned pilot's items (the certificate is worked by HR Services), so
/// its requests go to two assignment groups; returns the item's id.
pub fn add_salary_statement(p: &mut Pilot, group: &str) -> i64 {
    let hr = hr::Hr {
        department: p.hr,
        item: p.item,
        ann: p.ann,
        max: p.max,
        fay: p.fay,
        hugo: p.hugo,
    };
    let salary = hr::salary_statement(&mut p.ws, &hr, group);
    let mut input = pilots::get(&p.ws, p.pilot).unwrap().input();
    input.item_ids.push(salary);
    pilots::update(&mut p.ws, p.pilot, input, utc("2026-03-01T09:00:00Z")).unwrap();
    salary
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
