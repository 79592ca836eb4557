//! TypeScript types for the IPC boundary, generated from the Rust types with
//! ts-rs. The generated file is committed at `ui/src/lib/backend/bindings.ts`;
//! a test fails when it is stale (`make bindings` rewrites it).

use pilot_core::catalog::{
    ApprovalKind, ApprovalStep, CatalogFilter, CatalogItem, CatalogSummary, CatalogVersion, Choice,
    Form, FormField, Fulfilment, Issue, ItemInput, RequestType, ShowWhen, Sla, SlaUnit, Status,
    Suggestion, Validation,
};
use pilot_core::directory::{
    BusinessHours, Department, DepartmentInput, Holiday, Person, PersonInput, Role, Usage, Weekday,
};
use pilot_core::import::{
    ColumnChoice, ColumnRole, DateOrder, Encoding, Field, FieldType, ImportOptions, ImportProgress,
    ImportRecord, ImportSummary, Inspection, Problem, ProblemRows, Roles, RowFix, Source,
    SourceRow,
};
use pilot_core::metrics::export::{Cell, Table};
use pilot_core::metrics::{
    Breakdown, BreakdownRow, Comparison, ComparisonQuery, GroupBy, Measure, Metric, Origin,
    PeriodSide, Ratio, Report, ReportQuery, Satisfaction, Scope, SideSummary, Tile, TileDefinition,
    TileResult, TileRow, Turnaround, WeekBacklog, WeekVolume,
};
use pilot_core::requests::BaselineSummary;
use pilot_core::samples::{Sample, SampleId};
use pilot_core::workspace::WorkspaceInfo;
use ts_rs::{Config, TS};

use crate::commands::catalog::PreviewCheck;
use crate::commands::import::ImportPreview;
use crate::commands::reports::{ComparisonView, ExportFormat, ReportView, TileView};
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

/// Stands for a form's answers: field key → value.
struct AnswersMap;

impl TS for AnswersMap {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &Config) -> String {
        "Record<string, unknown>".into()
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
        command!(cfg, "samples_list", {} -> Vec<Sample>),
        command!(cfg, "import_sample", { id: SampleId } -> ImportPreview),
        command!(cfg, "import_preview", { options: ImportOptions, apply_remembered: bool, quick: bool } -> ImportPreview),
        command!(cfg, "import_run", { options: ImportOptions, on_progress: ImportProgressChannel } -> ImportSummary),
        command!(cfg, "import_cancel", {} -> ()),
        command!(cfg, "imports_list", {} -> Vec<ImportRecord>),
        command!(cfg, "catalog_list", { filter: CatalogFilter } -> Vec<CatalogSummary>),
        command!(cfg, "catalog_get", { id: i64 } -> CatalogItem),
        command!(cfg, "catalog_create", { name: String } -> CatalogItem),
        command!(cfg, "catalog_suggest", { import_id: i64 } -> Suggestion),
        command!(cfg, "catalog_create_from_import", { import_id: i64, suggestion: Suggestion } -> CatalogItem),
        command!(cfg, "catalog_update", { id: i64, input: ItemInput } -> CatalogItem),
        command!(cfg, "catalog_check", { input: ItemInput } -> Vec<Issue>),
        command!(cfg, "catalog_publish", { id: i64 } -> CatalogItem),
        command!(cfg, "catalog_retire", { id: i64 } -> CatalogItem),
        command!(cfg, "catalog_delete", { id: i64 } -> ()),
        command!(cfg, "catalog_versions", { id: i64 } -> Vec<CatalogVersion>),
        command!(cfg, "catalog_categories", {} -> Vec<String>),
        command!(cfg, "catalog_icons", {} -> Vec<String>),
        command!(cfg, "catalog_baseline", { id: i64 } -> BaselineSummary),
        command!(cfg, "catalog_preview_check", { form: Form, answers: AnswersMap } -> PreviewCheck),
        command!(cfg, "report_get", { query: ReportQuery } -> ReportView),
        command!(cfg, "report_compare", { query: ComparisonQuery } -> ComparisonView),
        command!(cfg, "report_tiles", { scope: Scope } -> Vec<TileView>),
        command!(cfg, "report_tile_save", { scope: Scope, name: String, definition: TileDefinition } -> Tile),
        command!(cfg, "report_tile_delete", { id: i64 } -> ()),
        command!(cfg, "report_export", { query: ReportQuery, format: ExportFormat, table: Option<String>, comparison: Option<ComparisonQuery> } -> Option<String>),
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
        ColumnChoice::decl(&cfg),
        ColumnRole::decl(&cfg),
        ProblemRows::decl(&cfg),
        RowFix::decl(&cfg),
        SourceRow::decl(&cfg),
        Sample::decl(&cfg),
        SampleId::decl(&cfg),
        Problem::decl(&cfg),
        ImportSummary::decl(&cfg),
        ImportRecord::decl(&cfg),
        RequestType::decl(&cfg),
        Status::decl(&cfg),
        SlaUnit::decl(&cfg),
        Sla::decl(&cfg),
        ApprovalKind::decl(&cfg),
        ApprovalStep::decl(&cfg),
        Fulfilment::decl(&cfg),
        Choice::decl(&cfg),
        Validation::decl(&cfg),
        ShowWhen::decl(&cfg),
        FormField::decl(&cfg),
        Form::decl(&cfg),
        ItemInput::decl(&cfg),
        CatalogItem::decl(&cfg),
        CatalogSummary::decl(&cfg),
        CatalogFilter::decl(&cfg),
        CatalogVersion::decl(&cfg),
        Issue::decl(&cfg),
        Suggestion::decl(&cfg),
        PreviewCheck::decl(&cfg),
        BaselineSummary::decl(&cfg),
        Scope::decl(&cfg),
        Origin::decl(&cfg),
        ReportQuery::decl(&cfg),
        Metric::<()>::decl(&cfg),
        WeekVolume::decl(&cfg),
        WeekBacklog::decl(&cfg),
        Turnaround::decl(&cfg),
        Ratio::decl(&cfg),
        Satisfaction::decl(&cfg),
        BreakdownRow::decl(&cfg),
        Breakdown::decl(&cfg),
        Report::decl(&cfg),
        Cell::decl(&cfg),
        Table::decl(&cfg),
        ReportView::decl(&cfg),
        PeriodSide::decl(&cfg),
        ComparisonQuery::decl(&cfg),
        SideSummary::decl(&cfg),
        Comparison::decl(&cfg),
        ComparisonView::decl(&cfg),
        Measure::decl(&cfg),
        GroupBy::decl(&cfg),
        TileDefinition::decl(&cfg),
        Tile::decl(&cfg),
        TileRow::decl(&cfg),
        TileResult::decl(&cfg),
        TileView::decl(&cfg),
        ExportFormat::decl(&cfg),
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

    /// Command names are listed in `build.rs` (permissions), here (types)
    /// and in `lib.rs` (handlers); the first two must name the same set.
    #[test]
    fn every_permitted_command_has_typescript_bindings() {
        let permissions = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("permissions/app-commands.toml"),
        )
        .expect("build.rs writes the permission set");
        let mut permitted: Vec<String> = permissions
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"allow-"))
            .map(|l| l.trim_end_matches("\",").replace('-', "_"))
            .collect();
        let cfg = ts_rs::Config::new();
        let mut typed: Vec<String> = super::commands(&cfg)
            .into_iter()
            .map(|c| c.name.to_owned())
            .collect();
        permitted.sort();
        typed.sort();
        assert_eq!(permitted, typed);
    }

    /// The third list: every command with bindings has a handler in
    /// `lib.rs`'s `generate_handler!`, and nothing else does, so a command
    /// cannot be typed and permitted yet fail at run time as unknown.
    #[test]
    fn every_typed_command_has_a_handler() {
        let lib =
            std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
                .expect("lib.rs is readable");
        let start = lib
            .find("generate_handler![")
            .expect("lib.rs lists handlers");
        let list = &lib[start..start + lib[start..].find(']').expect("the list ends")];
        let mut handled: Vec<String> = list
            .trim_start_matches("generate_handler![")
            .split(',')
            .map(|entry| entry.trim().rsplit("::").next().unwrap_or("").to_owned())
            .filter(|name| !name.is_empty())
            .collect();
        let cfg = ts_rs::Config::new();
        let mut typed: Vec<String> = super::commands(&cfg)
            .into_iter()
            .map(|c| c.name.to_owned())
            .collect();
        handled.sort();
        typed.sort();
        assert_eq!(handled, typed);
    }
}
