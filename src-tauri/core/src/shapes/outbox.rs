//! The notification outbox's messages: the shapes `storage::outbox`
//! returns and `outbox` queues, groups and sends.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::words::spelled;

/// Why a person gets a message about a request.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    TS,
    strum::IntoStaticStr,
    strum::EnumIter,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MessageKind {
    /// To the approver whose decision the request waits for.
    ApprovalNeeded,
    /// To the requester, when the request is resolved.
    Resolved,
    /// To the requester, with the resolution: please rate the service.
    PleaseRate,
    /// To the assignee, once an open request's SLA warning is reached.
    SlaBreachSoon,
}

spelled!(MessageKind);

/// One queued message for one person about one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "OutboxMessage")]
pub struct Message {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub pilot_id: i64,
    #[ts(type = "number")]
    pub request_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    /// The person's e-mail as the directory has it (may be empty).
    pub email: String,
    pub kind: MessageKind,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub seen_at: Option<String>,
}

/// What a message is made of before it is queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub pilot_id: i64,
    pub request_id: i64,
    pub person_id: i64,
    pub kind: MessageKind,
    pub subject: String,
    pub body: String,
}

/// What a message about a request says of it: read in the transaction that
/// queues the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    pub request_id: i64,
    pub pilot_id: i64,
    pub pilot_name: String,
    pub item_name: String,
    pub requester_id: Option<i64>,
    pub requester_name: Option<String>,
    pub assignee_id: Option<i64>,
    pub sla_due_at: Option<String>,
    pub reopen_days: i64,
    pub auto_close_days: i64,
    pub rehearsal: bool,
}
