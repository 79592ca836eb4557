//! Source profiles: recognising which tool wrote a file from its columns,
//! which of them are the tool's own metadata rather than form answers, and
//! which columns fill a request's roles (id, opened, closed, requester,
//! status).

use super::header;
use super::inspection::{FieldType, Roles, Source};
use super::mapping::ColumnRole;

/// A recognised source and what it says about each column.
pub(crate) struct Profile {
    pub source: Source,
    /// Per column: the tool's metadata, not a form field.
    pub system: Vec<bool>,
    pub roles: Roles,
    /// Why each role column has its role.
    pub reasons: RoleReasons,
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
    let mut profile = recognise_tool(titles);
    let tool = match profile.source {
        Source::Sharepoint => "SharePoint",
        Source::MicrosoftForms => "Microsoft Forms",
        Source::GoogleForms => "Google Forms",
        Source::FormDefinition | Source::Table => "",
    };
    profile.reasons = profile
        .roles
        .slots()
        .into_iter()
        .filter_map(|(_, column)| column.clone())
        .map(|column| (column, format!("{tool} always writes it there")))
        .collect();
    profile
}

fn recognise_tool(titles: &[String]) -> Profile {
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
            reasons: Vec::new(),
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
            reasons: Vec::new(),
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
            reasons: Vec::new(),
        };
    }
    Profile {
        source: Source::Table,
        system: vec![false; titles.len()],
        roles: Roles::default(),
        reasons: Vec::new(),
    }
}

/// What is known of one column when its roles are decided.
pub(crate) struct ColumnFacts<'a> {
    pub field_type: FieldType,
    /// No two of its cells (among the first many) are the same.
    pub unique: bool,
    /// Every cell is a record code like `INC0012345` or `HR-123`.
    pub coded: bool,
    /// Its distinct values, when there are few.
    pub values: Option<&'a [String]>,
}

/// Why each column has its role, by column title, as the wizard says it.
pub(crate) type RoleReasons = Vec<(String, String)>;

/// Header names per role, as `header::snake_case` writes them (lower case,
/// accents folded, words joined by `_`), in order of preference: a
/// ServiceNow incident export has both `opened_at` and `sys_created_on`,
/// and the first is when the incident was opened. The names cover the
/// field names and display labels of ServiceNow, Jira and Jira Service
/// Management (English and Spanish), Freshservice, Zendesk, GLPI, iTop and
/// Zammad exports, and the plain words of spreadsheets in English, German,
/// French, Spanish, Italian and Dutch.
const HEADERS: &[(ColumnRole, &[&str])] = &[
    (
        ColumnRole::Id,
        &[
            "number",
            "issue_key",
            "key",
            "ticket_id",
            "ticket_number",
            "ticket_no",
            "ticket_nr",
            "ticket",
            "id",
            "incident_id",
            "incident_number",
            "request_id",
            "request_number",
            "case_id",
            "case_number",
            "record_id",
            "reference",
            "ref",
            "ref_no",
            "display_id",
            "issue_id",
            "change_number",
            "requested_item",
            "ritm",
            "uid",
            "clave_de_incidencia",
            "clave",
            "numero",
            "numero_de_ticket",
            "id_de_ticket",
            "ticketnummer",
            "vorgangsnummer",
            "meldungsnummer",
            "nummer",
            "ticket_id_nr",
            "numero_du_ticket",
            "id_du_ticket",
            "reference_du_ticket",
            "numero_ticket",
            "id_ticket",
            "meldingnummer",
            "ticketnummer_nl",
            "incidentnummer",
        ],
    ),
    (
        ColumnRole::OpenedAt,
        &[
            "opened_at",
            "opened",
            "opened_on",
            "open_date",
            "date_opened",
            "opening_date",
            "created",
            "created_at",
            "created_on",
            "created_date",
            "created_time",
            "date_created",
            "creation_date",
            "sys_created_on",
            "submitted",
            "submitted_at",
            "submitted_on",
            "submission_date",
            "date_submitted",
            "reported",
            "reported_at",
            "reported_on",
            "date_reported",
            "logged",
            "logged_on",
            "raised_on",
            "request_date",
            "requested",
            "requested_on",
            "start_date",
            "received",
            "received_at",
            "creada",
            "creado",
            "fecha_de_creacion",
            "fecha_creacion",
            "fecha_de_apertura",
            "abierto",
            "erstellt",
            "erstellt_am",
            "erstelldatum",
            "angelegt",
            "angelegt_am",
            "eroeffnet",
            "eroeffnet_am",
            "gemeldet_am",
            "eingegangen_am",
            "cree",
            "cree_le",
            "date_de_creation",
            "date_d_ouverture",
            "ouvert_le",
            "date_ouverture",
            "creato",
            "creato_il",
            "data_creazione",
            "data_di_creazione",
            "data_di_apertura",
            "aperto_il",
            "aangemaakt",
            "aangemaakt_op",
            "gemaakt",
            "gemaakt_op",
            "aanmaakdatum",
            "datum_aangemaakt",
            "gemeld_op",
        ],
    ),
    (
        ColumnRole::FirstResponseAt,
        &[
            "first_response",
            "first_response_at",
            "first_response_time",
            "first_responded_at",
            "first_reply",
            "first_reply_at",
            "first_response_date",
            "first_response_on",
            "primera_respuesta",
            "fecha_de_primera_respuesta",
            "erste_antwort",
            "erste_reaktion",
            "premiere_reponse",
            "date_de_premiere_reponse",
            "prima_risposta",
            "eerste_reactie",
            "eerste_antwoord",
        ],
    ),
    (
        ColumnRole::ResolvedAt,
        &[
            "resolved_at",
            "resolved",
            "resolved_on",
            "resolved_date",
            "resolved_time",
            "date_resolved",
            "resolution_date",
            "resolution_time",
            "solved",
            "solved_at",
            "solved_on",
            "solution_date",
            "resuelta",
            "resuelto",
            "fecha_de_resolucion",
            "geloest",
            "geloest_am",
            "loesungsdatum",
            "resolu",
            "resolu_le",
            "date_de_resolution",
            "date_de_solution",
            "risolto",
            "risolto_il",
            "data_risoluzione",
            "data_di_risoluzione",
            "opgelost",
            "opgelost_op",
            "datum_opgelost",
        ],
    ),
    (
        ColumnRole::ClosedAt,
        &[
            "closed_at",
            "closed",
            "closed_on",
            "closed_date",
            "closed_time",
            "close_date",
            "close_time",
            "date_closed",
            "closing_date",
            "completed",
            "completed_at",
            "completed_on",
            "completion_date",
            "cerrada",
            "cerrado",
            "fecha_de_cierre",
            "geschlossen",
            "geschlossen_am",
            "abgeschlossen",
            "abgeschlossen_am",
            "erledigt_am",
            "ferme",
            "ferme_le",
            "cloture",
            "cloture_le",
            "date_de_cloture",
            "date_de_fermeture",
            "chiuso",
            "chiuso_il",
            "data_chiusura",
            "data_di_chiusura",
            "gesloten",
            "gesloten_op",
            "afgesloten",
            "afgesloten_op",
            "datum_gesloten",
        ],
    ),
    (
        ColumnRole::Requester,
        &[
            "caller",
            "caller_id",
            "requester",
            "requester_name",
            "requested_by",
            "reporter",
            "reported_by",
            "raised_by",
            "submitted_by",
            "requester_email",
            "customer",
            "contact",
            "opened_by",
            "created_by",
            "requestor",
            "applicant",
            "requester_requester",
            "demandeur_demandeur",
            "solicitante_solicitante",
            "informador",
            "solicitante",
            "creado_por",
            "informante",
            "abierto_por",
            "melder",
            "anfragender",
            "antragsteller",
            "gemeldet_von",
            "erstellt_von",
            "anforderer",
            "demandeur",
            "rapporteur",
            "cree_par",
            "ouvert_par",
            "emetteur",
            "richiedente",
            "segnalato_da",
            "creato_da",
            "aperto_da",
            "segnalatore",
            "aanvrager",
            "indiener",
            "gemeld_door",
            "aangemaakt_door",
        ],
    ),
    (
        ColumnRole::RequestedFor,
        &[
            "requested_for",
            "on_behalf_of",
            "beneficiary",
            "affected_user",
            "requested_for_name",
            "solicitado_para",
            "beantragt_fuer",
            "angefordert_fuer",
            "demande_pour",
            "pour_le_compte_de",
            "beneficiaire",
            "richiesto_per",
            "beneficiario",
            "aangevraagd_voor",
        ],
    ),
    (
        ColumnRole::Assignee,
        &[
            "assigned_to",
            "assignee",
            "agent",
            "technician",
            "owner",
            "assigned_agent",
            "assigned_technician",
            "assigned_to_technician",
            "attribue_a_technicien",
            "asignado_a_tecnico",
            "assigned",
            "responsible",
            "handler",
            "persona_asignada",
            "asignado_a",
            "responsable",
            "tecnico",
            "bearbeiter",
            "zugewiesen_an",
            "zustaendig",
            "verantwortlich",
            "attribue_a",
            "assigne_a",
            "technicien",
            "assegnatario",
            "assegnato_a",
            "incaricato",
            "toegewezen_aan",
            "behandelaar",
            "eigenaar",
        ],
    ),
    (
        ColumnRole::AssignmentGroup,
        &[
            "assignment_group",
            "group",
            "team",
            "queue",
            "support_group",
            "assigned_group",
            "resolver_group",
            "assigned_team",
            "assigned_to_technician_group",
            "attribue_a_groupe_de_techniciens",
            "asignado_a_grupo_de_tecnicos",
            "grupo",
            "grupo_de_asignacion",
            "grupo_asignado",
            "equipo",
            "gruppe",
            "zustaendige_gruppe",
            "zugewiesene_gruppe",
            "groupe",
            "groupe_affecte",
            "groupe_d_affectation",
            "equipe",
            "gruppo",
            "gruppo_di_assegnazione",
            "groep",
            "toegewezen_groep",
            "behandelgroep",
        ],
    ),
    (
        ColumnRole::Status,
        &[
            "status",
            "state",
            "incident_state",
            "ticket_status",
            "request_status",
            "stage",
            "approval_status",
            "estado",
            "estado_de_la_solicitud",
            "zustand",
            "statut",
            "etat",
            "stato",
            "toestand",
        ],
    ),
    (
        ColumnRole::Priority,
        &[
            "priority",
            "prioridad",
            "prioritat",
            "prioritaet",
            "priorite",
            "priorita",
            "prioriteit",
            "prio",
            "ticket_priority",
        ],
    ),
    (
        ColumnRole::Category,
        &[
            "category",
            "categories",
            "issue_type",
            "request_type",
            "ticket_type",
            "type",
            "service",
            "kategorie",
            "categorie",
            "categoria",
            "tipo_de_incidencia",
            "tipo_de_solicitud",
            "tipo",
            "typ",
            "anfrageart",
            "tipologia",
        ],
    ),
];

/// Words that make a dated column an opened, resolved or closed date when
/// no header name above matches exactly ("Raised on", "Date résolue").
const DATE_WORDS: &[(ColumnRole, &[&str])] = &[
    (
        ColumnRole::ClosedAt,
        &[
            "closed",
            "completed",
            "finished",
            "fulfilled",
            "done",
            "erledigt",
            "abgeschlossen",
            "geschlossen",
            "cloture",
            "ferme",
            "termine",
            "cerrado",
            "cerrada",
            "chiuso",
            "gesloten",
            "afgesloten",
        ],
    ),
    (
        ColumnRole::ResolvedAt,
        &[
            "resolved",
            "solved",
            "resolution",
            "geloest",
            "resolu",
            "resuelto",
            "resuelta",
            "risolto",
            "opgelost",
        ],
    ),
    (
        ColumnRole::OpenedAt,
        &[
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
            "eroeffnet",
            "ouvert",
            "soumis",
            "cree",
            "creado",
            "creada",
            "creato",
            "aperto",
            "aangemaakt",
            "gemeld",
        ],
    ),
];

/// What a state word says about where a request stands, as far as an
/// export can tell: the one reading of status words that both the profile
/// (is a column a status column?) and the core's intake (which lifecycle
/// step does a changed status mean?) use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateMeaning {
    /// Raised, nobody has picked it up yet.
    New,
    /// Someone works on it.
    Working,
    /// It waits for someone or something.
    Waiting,
    /// It is done: resolved, completed, closed.
    Done,
    /// It ended without being done: cancelled, rejected, declined.
    Cancelled,
}

/// States requests go through, in the tools' and languages' words, by what
/// they mean: a column whose values are mostly these is a status column
/// whatever its title.
const STATE_WORDS: &[(StateMeaning, &[&str])] = &[
    (
        StateMeaning::New,
        &[
            "new",
            "open",
            "opened",
            "to do",
            "submitted",
            "backlog",
            "draft",
            "neu",
            "offen",
            "nouveau",
            "ouvert",
            "nuevo",
            "abierto",
            "por hacer",
            "nuovo",
            "aperto",
            "nieuw",
        ],
    ),
    (
        StateMeaning::Working,
        &[
            "in progress",
            "work in progress",
            "assigned",
            "active",
            "reopened",
            "approved",
            "escalated",
            "in review",
            "under review",
            "in bearbeitung",
            "zugewiesen",
            "en cours",
            "attribué",
            "en curso",
            "en progreso",
            "asignado",
            "in corso",
            "in lavorazione",
            "assegnato",
            "in behandeling",
        ],
    ),
    (
        StateMeaning::Waiting,
        &[
            "on hold",
            "pending",
            "waiting",
            "wartend",
            "en attente",
            "pendiente",
            "en espera",
            "in attesa",
        ],
    ),
    (
        StateMeaning::Done,
        &[
            "resolved",
            "closed",
            "done",
            "solved",
            "completed",
            "complete",
            "fulfilled",
            "erledigt",
            "geschlossen",
            "gelöst",
            "abgeschlossen",
            "résolu",
            "fermé",
            "clos",
            "clôturé",
            "resuelto",
            "cerrado",
            "listo",
            "finalizado",
            "risolto",
            "chiuso",
            "opgelost",
            "gesloten",
            "afgesloten",
        ],
    ),
    (
        StateMeaning::Cancelled,
        &[
            "cancelled",
            "canceled",
            "rejected",
            "declined",
            "storniert",
            "abgelehnt",
            "annulé",
            "cancelado",
            "annullato",
            "geannuleerd",
        ],
    ),
];

/// State words that begin longer states (`Awaiting User Info`, `Closed
/// Complete`, `Pending approval`), by what they mean.
const STATE_PREFIXES: &[(StateMeaning, &str)] = &[
    (StateMeaning::Waiting, "awaiting"),
    (StateMeaning::Waiting, "waiting"),
    (StateMeaning::Done, "closed"),
    (StateMeaning::Waiting, "pending"),
    (StateMeaning::Waiting, "esperando"),
    (StateMeaning::Waiting, "warten"),
    (StateMeaning::Waiting, "en attente"),
    (StateMeaning::Waiting, "in attesa"),
    (StateMeaning::Waiting, "wachten"),
];

/// What a status cell means, when it is a state word of some tool or
/// language (compared without regard to case or surrounding spaces).
pub fn state_meaning(value: &str) -> Option<StateMeaning> {
    let v = value.trim().to_lowercase();
    STATE_WORDS
        .iter()
        .find(|(_, words)| words.contains(&v.as_str()))
        .map(|(meaning, _)| *meaning)
        .or_else(|| {
            STATE_PREFIXES
                .iter()
                .find(|(_, p)| v.starts_with(p))
                .map(|(meaning, _)| *meaning)
        })
}

fn is_state(value: &str) -> bool {
    state_meaning(value).is_some()
}

/// The key a title is compared by: Jira's `Custom field (Request Type)`
/// (`Campo personalizado (…)` in Spanish) is its inner name, the rest its
/// snake_case form.
fn key(title: &str) -> String {
    let inner = [
        "custom field (",
        "campo personalizado (",
        "benutzerdefiniertes feld (",
    ]
    .iter()
    .find_map(|p| {
        let lower = title.to_lowercase();
        lower
            .strip_prefix(p)
            .map(|rest| rest.trim_end_matches(')').to_owned())
    });
    header::snake_case(inner.as_deref().unwrap_or(title))
}

/// Whether a column can hold `role` given what its cells are.
fn fits(role: ColumnRole, column: &ColumnFacts) -> bool {
    let t = column.field_type;
    let dated = matches!(t, FieldType::Date | FieldType::Datetime);
    match role {
        ColumnRole::OpenedAt
        | ColumnRole::FirstResponseAt
        | ColumnRole::ResolvedAt
        | ColumnRole::ClosedAt => dated,
        // A record id is each record's own: a column that repeats a value
        // is one only when its values are record codes (an event log lists
        // one incident on several rows).
        ColumnRole::Id => {
            !dated
                && !matches!(t, FieldType::YesNo | FieldType::LongText)
                && (column.unique || column.coded)
        }
        ColumnRole::Requester | ColumnRole::RequestedFor | ColumnRole::Assignee => {
            t.is_textual() && t != FieldType::LongText
        }
        ColumnRole::Status | ColumnRole::AssignmentGroup | ColumnRole::Category => {
            t.is_textual() && t != FieldType::LongText
        }
        ColumnRole::Priority => !dated && t != FieldType::LongText,
        ColumnRole::Field | ColumnRole::Ignore => false,
    }
}

/// Fills the roles the tool's metadata left open from the columns: by
/// header name first (in each role's order of preference), then by the
/// words of a dated column's header, then by the values (a column of
/// unique record codes is the id, a column of state words the status).
/// Each role found says why in `reasons`; a column holds one role at most.
pub(crate) fn fill_roles(
    roles: &mut Roles,
    reasons: &mut RoleReasons,
    titles: &[String],
    columns: &[ColumnFacts],
    system: &[bool],
) {
    let keys: Vec<String> = titles.iter().map(|t| key(t)).collect();
    let mut taken: Vec<bool> = titles.iter().map(|t| roles.role_of(t).is_some()).collect();
    let mut give =
        |roles: &mut Roles, taken: &mut [bool], role: ColumnRole, i: usize, why: String| {
            if let Some(slot) = roles.slot_mut(role) {
                *slot = Some(titles[i].clone());
                taken[i] = true;
                reasons.push((titles[i].clone(), why));
            }
        };
    let open = |roles: &Roles, taken: &[bool], role: ColumnRole, i: usize| {
        roles.get(role).is_none() && !taken[i] && !system[i] && fits(role, &columns[i])
    };
    for (role, names) in HEADERS {
        for name in *names {
            let found =
                (0..titles.len()).find(|&i| keys[i] == *name && open(roles, &taken, *role, i));
            if let Some(i) = found {
                give(
                    roles,
                    &mut taken,
                    *role,
                    i,
                    format!("its header, {:?}", titles[i]),
                );
                break;
            }
        }
    }
    for (role, words) in DATE_WORDS {
        let found = (0..titles.len()).find(|&i| {
            open(roles, &taken, *role, i) && keys[i].split('_').any(|w| words.contains(&w))
        });
        if let Some(i) = found {
            give(
                roles,
                &mut taken,
                *role,
                i,
                format!("the words of its header, {:?}", titles[i]),
            );
        }
    }
    let coded = (0..titles.len())
        .find(|&i| columns[i].coded && columns[i].unique && open(roles, &taken, ColumnRole::Id, i));
    if let Some(i) = coded {
        let example = columns[i].values.and_then(|v| v.first()).cloned();
        give(
            roles,
            &mut taken,
            ColumnRole::Id,
            i,
            match example {
                Some(e) => format!("its values: codes like {e:?}, each different"),
                None => "its values: codes, each different".to_owned(),
            },
        );
    }
    let stated = (0..titles.len()).find(|&i| {
        open(roles, &taken, ColumnRole::Status, i)
            && columns[i].values.is_some_and(|values| {
                let states = values.iter().filter(|v| is_state(v)).count();
                states >= 2 && states * 2 >= values.len()
            })
    });
    if let Some(i) = stated {
        let shown: Vec<String> = columns[i]
            .values
            .unwrap_or_default()
            .iter()
            .filter(|v| is_state(v))
            .take(3)
            .map(|v| format!("{v:?}"))
            .collect();
        give(
            roles,
            &mut taken,
            ColumnRole::Status,
            i,
            format!("its values: states like {}", shown.join(", ")),
        );
    }
    // A baseline is measured from opening to closing. An export that only
    // says when a request was resolved (Jira's "Resolved", a log's "Resolved
    // on") closes it then, so that column is its closing time.
    if roles.closed_at.is_none() {
        roles.closed_at = roles.resolved_at.take();
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

    fn facts<'a>(types: &[FieldType]) -> Vec<ColumnFacts<'a>> {
        types
            .iter()
            .map(|t| ColumnFacts {
                field_type: *t,
                unique: false,
                coded: false,
                values: None,
            })
            .collect()
    }

    fn roles_of(t: &[String], columns: &[ColumnFacts]) -> (Roles, RoleReasons) {
        let mut roles = Roles::default();
        let mut reasons = Vec::new();
        fill_roles(&mut roles, &mut reasons, t, columns, &vec![false; t.len()]);
        (roles, reasons)
    }

    #[test]
    fn a_generic_log_gets_its_dates_as_opened_and_closed_when_resolved_is_all_it_has() {
        let t = titles(&["Ticket", "Raised on", "Raised by", "Resolved on", "Status"]);
        use FieldType::*;
        let (roles, reasons) = roles_of(&t, &facts(&[Text, Date, Text, Date, Choice]));
        assert_eq!(roles.opened_at.as_deref(), Some("Raised on"));
        assert_eq!(roles.closed_at.as_deref(), Some("Resolved on"));
        assert_eq!(roles.status.as_deref(), Some("Status"));
        assert_eq!(roles.requester.as_deref(), Some("Raised by"));
        // "Ticket" repeats no value it was shown, but nothing says it never does.
        assert_eq!(roles.id, None);
        assert!(reasons.contains(&("Status".to_owned(), "its header, \"Status\"".to_owned())));
    }

    #[test]
    fn servicenow_field_names_fill_every_baseline_role() {
        let t = titles(&[
            "number",
            "caller_id",
            "opened_by",
            "opened_at",
            "sys_created_on",
            "incident_state",
            "assignment_group",
            "assigned_to",
            "resolved_at",
            "closed_at",
            "priority",
            "category",
        ]);
        use FieldType::*;
        let mut columns = facts(&[
            Text, Text, Text, Datetime, Datetime, Choice, Choice, Text, Datetime, Datetime, Choice,
            Choice,
        ]);
        columns[0].coded = true;
        let (roles, _) = roles_of(&t, &columns);
        assert_eq!(roles.id.as_deref(), Some("number"));
        assert_eq!(roles.requester.as_deref(), Some("caller_id"));
        assert_eq!(roles.opened_at.as_deref(), Some("opened_at"));
        assert_eq!(roles.resolved_at.as_deref(), Some("resolved_at"));
        assert_eq!(roles.closed_at.as_deref(), Some("closed_at"));
        assert_eq!(roles.status.as_deref(), Some("incident_state"));
        assert_eq!(roles.assignee.as_deref(), Some("assigned_to"));
        assert_eq!(roles.assignment_group.as_deref(), Some("assignment_group"));
        assert_eq!(roles.priority.as_deref(), Some("priority"));
        assert_eq!(roles.category.as_deref(), Some("category"));
    }

    #[test]
    fn jira_headers_in_spanish_are_understood() {
        let t = titles(&[
            "Clave de incidencia",
            "Persona asignada",
            "Informador",
            "Estado",
            "Creada",
            "Resuelta",
            "Campo personalizado (Tipo de solicitud)",
        ]);
        use FieldType::*;
        let mut columns = facts(&[Text, Text, Text, Choice, Datetime, Datetime, Choice]);
        columns[0].coded = true;
        let (roles, _) = roles_of(&t, &columns);
        assert_eq!(roles.id.as_deref(), Some("Clave de incidencia"));
        assert_eq!(roles.assignee.as_deref(), Some("Persona asignada"));
        assert_eq!(roles.requester.as_deref(), Some("Informador"));
        assert_eq!(roles.status.as_deref(), Some("Estado"));
        assert_eq!(roles.opened_at.as_deref(), Some("Creada"));
        assert_eq!(roles.closed_at.as_deref(), Some("Resuelta"));
        assert_eq!(
            roles.category.as_deref(),
            Some("Campo personalizado (Tipo de solicitud)")
        );
    }

    #[test]
    fn values_make_an_id_and_a_status_whatever_the_titles() {
        let t = titles(&["Ref.", "Where it stands", "When"]);
        use FieldType::*;
        let states = [
            "Open".to_owned(),
            "Closed".to_owned(),
            "Awaiting user".to_owned(),
        ];
        let mut columns = facts(&[Text, Choice, Date]);
        columns[0].coded = true;
        columns[0].unique = true;
        columns[1].values = Some(&states);
        let (roles, reasons) = roles_of(&t, &columns);
        assert_eq!(roles.id.as_deref(), Some("Ref."));
        assert_eq!(roles.status.as_deref(), Some("Where it stands"));
        assert!(reasons
            .iter()
            .any(|(c, why)| c == "Where it stands" && why.starts_with("its values")));
    }

    #[test]
    fn a_column_that_repeats_plain_numbers_is_no_record_id() {
        let t = titles(&["Number", "Created"]);
        let columns = facts(&[FieldType::Integer, FieldType::Date]);
        let (roles, _) = roles_of(&t, &columns);
        assert_eq!(roles.id, None);
        assert_eq!(roles.opened_at.as_deref(), Some("Created"));
    }
}
