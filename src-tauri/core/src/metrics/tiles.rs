//! Custom tiles: what a partner wants to track. Any form field can be a
//! measure (count of requests, or sum / average / median of a numeric
//! field) or a dimension (group by a choice field, or by week), saved by
//! name for a scope.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::measured;
use super::report::week_of;
use super::stats::{mean, median};
use super::{ReportQuery, Scope};
use crate::catalog::{self, FormField};
use crate::error::{Error, Result};
use crate::storage;
use crate::workspace::Workspace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Measure {
    Count,
    Sum,
    Average,
    Median,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum GroupBy {
    Nothing,
    /// The answers of a field (a choice field's choices).
    Field {
        key: String,
    },
    /// The week the request was opened.
    Week,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TileDefinition {
    pub measure: Measure,
    /// The numeric field measured; none for a count.
    pub field: Option<String>,
    pub group_by: GroupBy,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tile {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub scope: Scope,
    pub definition: TileDefinition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TileRow {
    pub group: String,
    pub value: Option<f64>,
    /// Requests with a value in this group.
    #[ts(type = "number")]
    pub n: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TileResult {
    pub name: String,
    pub definition: TileDefinition,
    pub rows: Vec<TileRow>,
}

const NAME_MAX: usize = 80;

/// Saves a tile for a scope after checking it can be computed there.
pub fn save_tile(
    ws: &mut Workspace,
    scope: &Scope,
    name: &str,
    definition: &TileDefinition,
) -> Result<Tile> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        return Err(Error::invalid(
            "name",
            format!("A tile needs a name of 1 to {NAME_MAX} characters."),
        ));
    }
    tile_result(ws, scope, name, definition)?;
    let scope_key = scope.key();
    let json = serde_json::to_string(definition).unwrap_or_default();
    let now = chrono::Utc::now().to_rfc3339();
    let id = ws.write(|tx| storage::metrics::insert_tile(tx, name, &scope_key, &json, &now))?;
    Ok(Tile {
        id,
        name: name.to_owned(),
        scope: scope.clone(),
        definition: definition.clone(),
    })
}

pub fn delete_tile(ws: &mut Workspace, id: i64) -> Result<()> {
    match ws.write(|tx| storage::metrics::delete_tile(tx, id))? {
        true => Ok(()),
        false => Err(Error::NotFound { what: "Tile", id }),
    }
}

/// The tiles saved for a scope, oldest first. A tile whose stored
/// definition this build cannot read is left out.
pub fn list_tiles(ws: &Workspace, scope: &Scope) -> Result<Vec<Tile>> {
    Ok(storage::metrics::tiles(ws.conn(), &scope.key())?
        .into_iter()
        .filter_map(|row| {
            Some(Tile {
                id: row.id,
                name: row.name,
                scope: scope.clone(),
                definition: serde_json::from_str(&row.definition).ok()?,
            })
        })
        .collect())
}

/// The fields of the scope's items, by key (the first item's field wins
/// when items share a key).
fn fields(ws: &Workspace, scope: &Scope) -> Result<BTreeMap<String, FormField>> {
    let ids: Vec<i64> = match super::scope_items(ws, scope)? {
        Some(ids) => ids,
        None => catalog::list(ws, &Default::default())?
            .into_iter()
            .map(|s| s.id)
            .collect(),
    };
    let mut out = BTreeMap::new();
    for id in ids {
        for field in catalog::get(ws, id)?.form.fields {
            out.entry(field.key.clone()).or_insert(field);
        }
    }
    Ok(out)
}

/// A tile's rows for a scope (all its requests, both origins).
pub fn tile_result(
    ws: &Workspace,
    scope: &Scope,
    name: &str,
    definition: &TileDefinition,
) -> Result<TileResult> {
    let fields = fields(ws, scope)?;
    let field_named = |key: &str, what: &str| {
        fields.get(key).ok_or_else(|| {
            Error::invalid(
                what,
                format!("There is no form field \u{201c}{key}\u{201d} in this scope."),
            )
        })
    };
    let measured_field = match (definition.measure, &definition.field) {
        (Measure::Count, _) => None,
        (_, None) => {
            return Err(Error::invalid(
                "field",
                "A sum, average or median needs a numeric field to measure.",
            ))
        }
        (_, Some(key)) => {
            let field = field_named(key, "field")?;
            if !field.field_type.is_number() {
                return Err(Error::invalid(
                    "field",
                    format!(
                        "\u{201c}{}\u{201d} is not a number field, so it cannot be summed or averaged.",
                        field.label
                    ),
                ));
            }
            Some(key.clone())
        }
    };
    let group_field = match &definition.group_by {
        GroupBy::Field { key } => Some(field_named(key, "groupBy")?.clone()),
        _ => None,
    };
    let requests = measured::load(
        ws,
        &ReportQuery {
            scope: scope.clone(),
            origin: None,
            from: None,
            to: None,
        },
    )?;
    let mut groups: BTreeMap<String, Vec<Option<f64>>> = BTreeMap::new();
    for r in &requests {
        let value = match &measured_field {
            None => Some(1.0),
            Some(key) => r.answers.get(key).and_then(number),
        };
        let keys = match (&definition.group_by, &group_field) {
            (GroupBy::Week, _) => vec![week_of(r.opened_local.date()).to_string()],
            (GroupBy::Field { key }, Some(field)) => group_labels(field, r.answers.get(key)),
            _ => vec!["All requests".to_owned()],
        };
        for key in keys {
            groups.entry(key).or_default().push(value);
        }
    }
    let rows = groups
        .into_iter()
        .map(|(group, values)| {
            let present: Vec<f64> = values.into_iter().flatten().collect();
            TileRow {
                group,
                n: present.len() as u64,
                value: match definition.measure {
                    Measure::Count => Some(present.len() as f64),
                    Measure::Sum => Some(present.iter().sum()),
                    Measure::Average => mean(&present),
                    Measure::Median => median(&present),
                },
            }
        })
        .collect();
    Ok(TileResult {
        name: name.to_owned(),
        definition: definition.clone(),
        rows,
    })
}

/// A stored answer as a number: a number, or text that reads as one.
fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The group(s) an answer falls in: each chosen choice's label, the text
/// as it is, or "(no answer)".
fn group_labels(field: &FormField, value: Option<&Value>) -> Vec<String> {
    let label = |v: &Value| match v {
        Value::String(s) => field
            .choices
            .iter()
            .find(|c| c.id == *s)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| s.clone()),
        other => other.to_string(),
    };
    match value {
        None | Some(Value::Null) => vec!["(no answer)".to_owned()],
        Some(Value::Array(items)) if items.is_empty() => vec!["(no answer)".to_owned()],
        Some(Value::Array(items)) => items.iter().map(label).collect(),
        Some(v) => vec![label(v)],
    }
}
