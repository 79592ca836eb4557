//! Source profiles: recognising which tool wrote a file from its columns,
//! which of them are the tool's own metadata rather than form answers, and
//! which columns fill a request's roles (id, opened, closed, requester,
//! status).

use super::inspection::{FieldType, Roles, Source};

/// A recognised source and what it says about each column.
pub(crate) struct Profile {
    pub source: Source,
    /// Per column: the tool's metadata, not a form field.
    pub system: Vec<bool>,
    pub roles: Roles,
}

/// Lower case with single spaces, for comparing titles.
pub(crate) fn normalize(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

const SHAREPOINT_SYSTEM: &[&str] = &[
    "id",
    "item type",
    "path",
    "created",
    "created by",
    "modified",
    "modified by",
    "content type",
    "attachments",
    "app created by",
    "app modified by",
    "version",
    "compliance asset id",
    "folder child count",
    "item child count",
    "retention label",
    "retention label applied",
    "label applied by",
    "item is a record",
    "sensitivity",
];

const MS_FORMS_SYSTEM: &[&str] = &[
    "id",
    "start time",
    "completion time",
    "email",
    "name",
    "last modified time",
    "total points",
    "quiz feedback",
];

const GOOGLE_FORMS_SYSTEM: &[&str] = &["timestamp", "email address", "score", "total score"];

/// Recognises the tool from the column titles.
pub(crate) fn recognise(titles: &[String]) -> Profile {
    let norm: Vec<String> = titles.iter().map(|t| normalize(t)).collect();
    let has = |name: &str| norm.iter().any(|t| t == name);
    let find = |name: &str| {
        norm.iter()
            .position(|t| t == name)
            .map(|i| titles[i].clone())
    };
    let system_of = |list: &[&str], prefixes: &[&str]| -> Vec<bool> {
        norm.iter()
            .map(|t| list.contains(&t.as_str()) || prefixes.iter().any(|p| t.starts_with(p)))
            .collect()
    };
    if (has("item type") && has("path"))
        || (has("created") && has("created by") && has("modified") && has("modified by"))
    {
        return Profile {
            source: Source::Sharepoint,
            system: system_of(SHAREPOINT_SYSTEM, &[]),
            roles: Roles {
                id: find("id"),
                opened_at: find("created"),
                requester: find("created by"),
                ..Roles::default()
            },
        };
    }
    if has("start time") && has("completion time") {
        return Profile {
            source: Source::MicrosoftForms,
            system: system_of(MS_FORMS_SYSTEM, &["points - ", "feedback - "]),
            roles: Roles {
                id: find("id"),
                opened_at: find("completion time"),
                requester: find("email").or_else(|| find("name")),
                ..Roles::default()
            },
        };
    }
    if norm.first().is_some_and(|t| t == "timestamp") {
        return Profile {
            source: Source::GoogleForms,
            system: system_of(GOOGLE_FORMS_SYSTEM, &[]),
            roles: Roles {
                opened_at: find("timestamp"),
                requester: find("email address"),
                ..Roles::default()
            },
        };
    }
    Profile {
        source: Source::Table,
        system: vec![false; titles.len()],
        roles: Roles::default(),
    }
}

/// Fills the roles the tool's metadata left open from the user's own
/// columns: a date column titled like "raised on" opens a request, one
/// titled like "resolved on" closes it, a "Status" column is its status.
pub(crate) fn fill_roles(
    roles: &mut Roles,
    titles: &[String],
    types: &[FieldType],
    system: &[bool],
) {
    const OPENED: &[&str] = &[
        "raised",
        "opened",
        "created",
        "submitted",
        "logged",
        "reported",
        "received",
        "requested",
        "erstellt",
        "eingereicht",
        "eingegangen",
        "eröffnet",
        "ouvert",
        "soumis",
    ];
    const CLOSED: &[&str] = &[
        "resolved",
        "closed",
        "completed",
        "finished",
        "fulfilled",
        "done",
        "erledigt",
        "abgeschlossen",
        "geschlossen",
        "résolu",
        "clôturé",
        "fermé",
        "terminé",
    ];
    const STATUS: &[&str] = &[
        "status",
        "state",
        "stage",
        "request status",
        "approval status",
        "ticket status",
    ];
    for (i, title) in titles.iter().enumerate() {
        if system[i] {
            continue;
        }
        let norm = normalize(title);
        let words: Vec<&str> = norm
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let dated = matches!(types[i], FieldType::Date | FieldType::Datetime);
        if dated && roles.closed_at.is_none() && words.iter().any(|w| CLOSED.contains(w)) {
            roles.closed_at = Some(title.clone());
        } else if dated && roles.opened_at.is_none() && words.iter().any(|w| OPENED.contains(w)) {
            roles.opened_at = Some(title.clone());
        } else if roles.status.is_none() && STATUS.contains(&norm.as_str()) && types[i].is_textual()
        {
            roles.status = Some(title.clone());
        } else if roles.id.is_none() && norm == "id" {
            roles.id = Some(title.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sharepoint_lists_are_recognised_by_their_metadata_columns() {
        let t = titles(&[
            "Title",
            "Status",
            "Created",
            "Created By",
            "Modified",
            "Modified By",
            "Item Type",
            "Path",
        ]);
        let p = recognise(&t);
        assert_eq!(p.source, Source::Sharepoint);
        assert_eq!(p.system, [false, false, true, true, true, true, true, true]);
        assert_eq!(p.roles.opened_at.as_deref(), Some("Created"));
        assert_eq!(p.roles.requester.as_deref(), Some("Created By"));
    }

    #[test]
    fn microsoft_forms_quiz_columns_are_metadata() {
        let t = titles(&[
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Q1",
            "Points - Q1",
            "Feedback - Q1",
        ]);
        let p = recognise(&t);
        assert_eq!(p.source, Source::MicrosoftForms);
        assert_eq!(p.system, [true, true, true, true, true, false, true, true]);
        assert_eq!(p.roles.opened_at.as_deref(), Some("Completion time"));
    }

    #[test]
    fn google_forms_start_with_a_timestamp() {
        let p = recognise(&titles(&["Timestamp", "Email address", "Question"]));
        assert_eq!(p.source, Source::GoogleForms);
        assert_eq!(p.roles.requester.as_deref(), Some("Email address"));
    }

    #[test]
    fn a_generic_log_gets_its_dates_as_opened_and_closed() {
        let t = titles(&["Ticket", "Raised on", "Raised by", "Resolved on", "Status"]);
        let types = [
            FieldType::Text,
            FieldType::Date,
            FieldType::Text,
            FieldType::Date,
            FieldType::Choice,
        ];
        let mut roles = Roles::default();
        fill_roles(&mut roles, &t, &types, &[false; 5]);
        assert_eq!(roles.opened_at.as_deref(), Some("Raised on"));
        assert_eq!(roles.closed_at.as_deref(), Some("Resolved on"));
        assert_eq!(roles.status.as_deref(), Some("Status"));
        assert_eq!(roles.requester, None);
    }
}
