//! TypeScript types for the IPC boundary, generated from the Rust types with
//! ts-rs. The generated file is committed at `ui/src/lib/backend/bindings.ts`;
//! a test fails when it is stale (`make bindings` rewrites it).

use pilot_core::directory::{
    BusinessHours, Department, DepartmentInput, Holiday, Person, PersonInput, Role, Usage, Weekday,
};
use pilot_core::import::{
    DateOrder, Encoding, Field, FieldType, ImportOptions, ImportProgress, ImportRecord,
    ImportSummary, Inspection, Problem, Roles, Source,
};
use pilot_core::workspace::WorkspaceInfo;
use ts_rs::{Config, TS};

use crate::commands::import::ImportPreview;
use crate::commands::workspace::{AppSnapshot, RecentWorkspace};
use crate::error::AppError;

/// Stands for `Channel<ImportProgress>` in the generated types; the UI's
/// backend module passes a Tauri `Channel` there.
struct ImportProgressChannel;

impl TS for ImportProgressChannel {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &Config) -> String {
        "ProgressChannel<ImportProgress>".into()
    }
    fn inline(cfg: &Config) -> String {
        Self::name(cfg)
    }
}

/// One command: its name, its arguments (name, TypeScript type) and result.
struct Command {
    name: &'static str,
    args: Vec<(&'static str, String)>,
    returns: String,
}

macro_rules! command {
    ($cfg:expr, $name:literal, { $($arg:ident : $ty:ty),* } -> $ret:ty) => {
        Command {
            name: $name,
            args: vec![$((stringify!($arg), <$ty as TS>::name($cfg))),*],
            returns: <$ret as TS>::name($cfg),
        }
    };
}

fn commands(cfg: &Config) -> Vec<Command> {
    vec![
        command!(cfg, "app_snapshot", {} -> AppSnapshot),
        command!(cfg, "workspace_new", {} -> AppSnapshot),
        command!(cfg, "workspace_open", {} -> AppSnapshot),
        command!(cfg, "workspace_open_recent", { index: u32 } -> AppSnapshot),
        command!(cfg, "workspace_save_as", {} -> AppSnapshot),
        command!(cfg, "workspace_close", {} -> AppSnapshot),
        command!(cfg, "welcome_dismiss", {} -> ()),
        command!(cfg, "departments_list", { query: String } -> Vec<Department>),
        command!(cfg, "department_create", { input: DepartmentInput } -> Department),
        command!(cfg, "department_update", { id: i64, input: DepartmentInput } -> Department),
        command!(cfg, "department_usage", { id: i64 } -> Usage),
        command!(cfg, "department_delete", { id: i64 } -> ()),
        command!(cfg, "people_list", { query: String } -> Vec<Person>),
        command!(cfg, "person_create", { input: PersonInput } -> Person),
        command!(cfg, "person_update", { id: i64, input: PersonInput } -> Person),
        command!(cfg, "person_usage", { id: i64 } -> Usage),
        command!(cfg, "person_delete", { id: i64 } -> ()),
        command!(cfg, "time_zones", {} -> Vec<String>),
        command!(cfg, "import_choose", {} -> Option<ImportPreview>),
        command!(cfg, "import_preview", { options: ImportOptions } -> ImportPreview),
        command!(cfg, "import_run", { options: ImportOptions, on_progress: ImportProgressChannel } -> ImportSummary),
        command!(cfg, "import_cancel", {} -> ()),
        command!(cfg, "imports_list", {} -> Vec<ImportRecord>),
    ]
}

/// The whole generated TypeScript module.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        AppError::decl(&cfg),
        AppSnapshot::decl(&cfg),
        RecentWorkspace::decl(&cfg),
        WorkspaceInfo::decl(&cfg),
        Weekday::decl(&cfg),
        Holiday::decl(&cfg),
        BusinessHours::decl(&cfg),
        Department::decl(&cfg),
        DepartmentInput::decl(&cfg),
        Role::decl(&cfg),
        Person::decl(&cfg),
        PersonInput::decl(&cfg),
        Usage::decl(&cfg),
        Encoding::decl(&cfg),
        ImportOptions::decl(&cfg),
        ImportProgress::decl(&cfg),
        ImportPreview::decl(&cfg),
        Inspection::decl(&cfg),
        Source::decl(&cfg),
        Field::decl(&cfg),
        FieldType::decl(&cfg),
        DateOrder::decl(&cfg),
        Roles::decl(&cfg),
        Problem::decl(&cfg),
        ImportSummary::decl(&cfg),
        ImportRecord::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `make bindings`. Do not edit by hand.\n\n\
         /** Where a long command reports progress (a Tauri channel). */\n\
         export type ProgressChannel<T> = import(\"@tauri-apps/api/core\").Channel<T>;\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str("/** Every command: its arguments and what it resolves to. */\n");
    out.push_str("export type Commands = {\n");
    for c in commands(&cfg) {
        let args = if c.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields = c
                .args
                .iter()
                .map(|(name, ty)| format!("{}: {ty}", camel(name)))
                .collect::<Vec<_>>();
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; returns: {} }};\n",
            c.name, c.returns
        ));
    }
    out.push_str("};\n");
    out
}

/// Tauri expects command arguments in camelCase on the JavaScript side.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in name.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn typescript_bindings_are_current() {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/backend/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: run `make bindings` and commit the result",
            path.display()
        );
    }
}
