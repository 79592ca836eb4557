//! A catalog item: what the catalog shows and what its form, fulfilment and
//! SLA are. The shapes here cross to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::form::Form;

/// The icons an item can show: lucide icon names, so the UI renders them
/// without a mapping. The first is the default.
pub const ICONS: &[&str] = &[
    "file-text",
    "briefcase",
    "user-plus",
    "user-minus",
    "users",
    "id-card",
    "laptop",
    "monitor",
    "smartphone",
    "headphones",
    "key",
    "lock",
    "shield",
    "credit-card",
    "receipt",
    "wallet",
    "banknote",
    "calculator",
    "shopping-cart",
    "package",
    "truck",
    "building",
    "building-2",
    "door-open",
    "wrench",
    "hammer",
    "lightbulb",
    "scale",
    "gavel",
    "file-signature",
    "clipboard-list",
    "calendar",
    "clock",
    "plane",
    "car",
    "graduation-cap",
    "heart-pulse",
    "help-circle",
    "info",
    "message-square",
    "mail",
    "phone",
    "printer",
    "server",
    "database",
    "settings",
    "sparkles",
    "star",
    "badge-check",
    "coffee",
];

/// What a requester asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RequestType {
    Product,
    Service,
    Information,
    Change,
    /// Assistance with an issue.
    Assistance,
}

impl RequestType {
    pub const ALL: [RequestType; 5] = [
        RequestType::Product,
        RequestType::Service,
        RequestType::Information,
        RequestType::Change,
        RequestType::Assistance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestType::Product => "product",
            RequestType::Service => "service",
            RequestType::Information => "information",
            RequestType::Change => "change",
            RequestType::Assistance => "assistance",
        }
    }

    pub fn parse(s: &str) -> Option<RequestType> {
        RequestType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where an item is in its life: drafts are being built, published items
/// can be requested, retired ones no longer can (their requests stay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Published,
    Retired,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Retired => "retired",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [Status::Draft, Status::Published, Status::Retired]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SlaUnit {
    BusinessHours,
    BusinessDays,
}

impl SlaUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            SlaUnit::BusinessHours => "business_hours",
            SlaUnit::BusinessDays => "business_days",
        }
    }

    pub fn parse(s: &str) -> Option<SlaUnit> {
        [SlaUnit::BusinessHours, SlaUnit::BusinessDays]
            .into_iter()
            .find(|t| t.as_str() == s)
    }
}

/// The promised turnaround, counted on the providing department's
/// business-hours calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sla {
    #[ts(type = "number")]
    pub amount: i64,
    pub unit: SlaUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalKind {
    /// The requester's manager, as the directory knows them.
    RequesterManager,
    /// A named person (`personId`).
    Person,
    /// A named group (`group`), free text.
    Group,
}

impl ApprovalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalKind::RequesterManager => "requester_manager",
            ApprovalKind::Person => "person",
            ApprovalKind::Group => "group",
        }
    }

    pub fn parse(s: &str) -> Option<ApprovalKind> {
        [
            ApprovalKind::RequesterManager,
            ApprovalKind::Person,
            ApprovalKind::Group,
        ]
        .into_iter()
        .find(|t| t.as_str() == s)
    }
}

/// One approval, given in sequence after the ones before it. An item
/// without steps needs no approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalStep {
    pub kind: ApprovalKind,
    /// For `person`: who approves. Cleared when that person is deleted.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// Filled in when read; ignored on input.
    #[serde(default)]
    pub person_name: Option<String>,
    /// For `group`: the approving group's name.
    #[serde(default)]
    pub group: Option<String>,
}

impl ApprovalStep {
    pub fn requester_manager() -> Self {
        ApprovalStep {
            kind: ApprovalKind::RequesterManager,
            person_id: None,
            person_name: None,
            group: None,
        }
    }

    pub fn person(id: i64) -> Self {
        ApprovalStep {
            kind: ApprovalKind::Person,
            person_id: Some(id),
            ..ApprovalStep::requester_manager()
        }
    }

    pub fn group(name: &str) -> Self {
        ApprovalStep {
            kind: ApprovalKind::Group,
            group: Some(name.to_owned()),
            ..ApprovalStep::requester_manager()
        }
    }
}

/// Who works a request and how: the assignment group, the approvals in
/// sequence, and the tasks to do, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct Fulfilment {
    pub assignment_group: String,
    pub approvals: Vec<ApprovalStep>,
    /// Task titles, in the order they are done.
    pub tasks: Vec<String>,
}

/// Everything the builder edits about an item; `update` takes it whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemInput {
    pub name: String,
    pub short_description: String,
    pub long_description: String,
    /// One of [`ICONS`].
    pub icon: String,
    /// Free text; the catalog is browsed by it.
    pub category: String,
    /// The providing department; its calendar runs the SLA clock.
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub request_type: RequestType,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub form: Form,
    pub fulfilment: Fulfilment,
    pub sla: Sla,
}

impl ItemInput {
    /// A new draft's defaults: a service, the default icon, three business
    /// days, no fields yet.
    pub fn draft(name: &str) -> Self {
        ItemInput {
            name: name.to_owned(),
            short_description: String::new(),
            long_description: String::new(),
            icon: ICONS[0].to_owned(),
            category: String::new(),
            department_id: None,
            request_type: RequestType::Service,
            owner_id: None,
            form: Form::default(),
            fulfilment: Fulfilment::default(),
            sla: Sla {
                amount: 3,
                unit: SlaUnit::BusinessDays,
            },
        }
    }
}

/// A catalog item as the builder shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogItem {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub short_description: String,
    pub long_description: String,
    pub icon: String,
    pub category: String,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub request_type: RequestType,
    #[ts(type = "number | null")]
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    /// The draft form: what the builder edits and the next publish takes.
    pub form: Form,
    pub fulfilment: Fulfilment,
    pub sla: Sla,
    pub status: Status,
    /// The newest published version's number, if it was ever published.
    #[ts(type = "number | null")]
    pub published_version: Option<i64>,
    /// The draft form differs from the newest published version (or there
    /// is none yet).
    pub has_unpublished_changes: bool,
    /// The import this item was made from.
    #[ts(type = "number | null")]
    pub source_import_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

impl CatalogItem {
    /// The editable part of the item, ready to change and pass to `update`.
    pub fn input(&self) -> ItemInput {
        ItemInput {
            name: self.name.clone(),
            short_description: self.short_description.clone(),
            long_description: self.long_description.clone(),
            icon: self.icon.clone(),
            category: self.category.clone(),
            department_id: self.department_id,
            request_type: self.request_type,
            owner_id: self.owner_id,
            form: self.form.clone(),
            fulfilment: self.fulfilment.clone(),
            sla: self.sla,
        }
    }
}

/// A catalog item as the catalog lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CatalogSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub short_description: String,
    pub icon: String,
    pub category: String,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub request_type: RequestType,
    pub status: Status,
    #[ts(type = "number | null")]
    pub published_version: Option<i64>,
    pub has_unpublished_changes: bool,
    pub updated_at: String,
    /// Who works its requests (empty: no group named); the pilot editor
    /// offers a fulfiller the groups of the pilot's items.
    pub assignment_group: String,
}

/// What the catalog list shows; every part left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, rename_all = "camelCase")]
pub struct CatalogFilter {
    /// Exactly this category (case-insensitive).
    pub category: Option<String>,
    #[ts(type = "number | null")]
    pub department_id: Option<i64>,
    pub status: Option<Status>,
    /// Text found anywhere in the name, descriptions or category.
    pub query: String,
}
