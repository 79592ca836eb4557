//! TypeScript types for the IPC boundary, generated from the Rust types with
//! ts-rs. The generated file is committed at `ui/src/lib/backend/bindings.ts`;
//! a test fails when it is stale (`make bindings` rewrites it).

use pilot_core::backlog::{
    BacklogImport, Channel as UseCaseChannel, DepartmentProgramme, LinkedPilot, NextStep,
    Programme, RowNote, Status as UseCaseStatus, UseCase, UseCaseInput,
};
use pilot_core::catalog::{
    ApprovalKind, ApprovalStep, CatalogFilter, CatalogItem, CatalogSummary, CatalogVersion, Choice,
    Form, FormField, Fulfilment, Issue, IssuePart, ItemInput, RequestType, ShowWhen, Sla, SlaUnit,
    Status, Suggestion, Validation,
};
use pilot_core::directory::{
    BusinessHours, Department, DepartmentInput, Holiday, Person, PersonChoice, PersonInput, Role,
    Usage, Weekday,
};
use pilot_core::import::{
    ColumnChoice, ColumnRole, DateOrder, Encoding, Field, FieldType, ImportOptions, ImportPreview,
    ImportProgress, ImportRecord, ImportSummary, Inspection, Problem, ProblemRows, Roles, RowFix,
    Source, SourceRow,
};
use pilot_core::knowledge::{
    Article, ArticleFilter, ArticleInput, ArticleNode, ArticleNodeKind, ShownArticle,
    Status as ArticleStatus,
};
use pilot_core::metrics::export::{Cell, Table};
use pilot_core::metrics::{
    Breakdown, BreakdownRow, Comparison, ComparisonQuery, GroupBy, Measure, Metric, Origin,
    PeriodSide, Ratio, Report, ReportQuery, Satisfaction, Scope, SideSummary, Tile, TileDefinition,
    TileResult, TileRow, Turnaround, WeekBacklog, WeekVolume,
};
use pilot_core::outbox::{Batch as OutboxBatch, Message as OutboxMessage, MessageKind};
use pilot_core::pilots::{
    Goals, Measures, Participant, ParticipantInput, ParticipantRole, Pilot, PilotInput, PilotItem,
    PilotState, PilotSummary, PilotView,
};
use pilot_core::portal::Link;
use pilot_core::requests::{
    Action, Actor, AnswerLine, Attachment, BaselineSummary, Delegation, DelegationInput, Event,
    HoldReason, IntakeSource, IntakeSummary, ItemIntake, LeftAlone, NewRequest, NoLongerInExport,
    QueueCursor, QueueFilter, QueuePage, QueueRow, QueueView, RehearsalOptions, RehearsalSummary,
    Request, RequestApproval, RequestTask, State, ViewFilter,
};
use pilot_core::roadmap::{Card, Lane, Timeline};
use pilot_core::samples::{Sample, SampleId};
use pilot_core::sla::{Clock, Verdict};
use pilot_core::story::{
    Measure as StoryMeasure, NextStep as StoryNextStep, Printed, QuoteCandidate, ResultTile,
    Service as StoryService, Side as StorySide, Story, StoryText, ValueRealised, Wording,
};
use pilot_core::value::{Assumption, AssumptionKey, Assumptions, Estimate, Swing};
use pilot_core::workspace::WorkspaceInfo;
use pilot_core::ErrorCode;
use pilot_core::Paper;
use ts_rs::{Config, TS};

use crate::commands::catalog::PreviewCheck;
use crate::commands::portal::{
    IssuedPortalLink, LinkMail, NetworkInterface, PortalBind, PortalStatus, PortalTlsFile,
};
use crate::commands::reports::{ComparisonView, ExportFormat, ReportView, TileView};
use crate::commands::roadmap::PictureFormat;
use crate::commands::story::{KitPiece, StoryFormat};
use crate::commands::workspace::{AppSnapshot, RecentWorkspace};
use crate::error::AppError;
use crate::picked_files::{FieldFile, PickedFile};

/// One command as the webview sees it: its name, the arguments it passes
/// (name, TypeScript type) and what the call resolves to. `#[command]`
/// writes one per command, read off the function.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

/// How a command's argument and result types become TypeScript. A type
/// that derives `TS` is named by it ([`probe::Passed`]); the few that do
/// not are named here ([`probe::Special`]), and those Tauri fills in itself
/// (`State`, `AppHandle`) have no TypeScript: the webview does not pass them.
///
/// Which of the two applies is decided by method lookup ("autoref
/// specialisation"): `(&&Probe::<T>::new()).typescript(cfg)` finds
/// `Special` first, because it is implemented for `&Probe<T>`.
pub mod probe {
    use std::marker::PhantomData;

    use serde_json::{Map, Value};
    use tauri::ipc::Channel;
    use tauri::{AppHandle, State};
    use ts_rs::{Config, TS};

    pub struct Probe<T: ?Sized>(PhantomData<T>);

    impl<T: ?Sized> Probe<T> {
        #[allow(clippy::new_without_default)]
        pub fn new() -> Self {
            Probe(PhantomData)
        }
    }

    pub trait Passed {
        fn typescript(&self, cfg: &Config) -> Option<String>;
    }

    impl<T: TS + ?Sized> Passed for Probe<T> {
        fn typescript(&self, cfg: &Config) -> Option<String> {
            Some(T::name(cfg))
        }
    }

    pub trait Special {
        fn typescript(&self, cfg: &Config) -> Option<String>;
    }

    /// Any managed state (the app's, the portal's).
    impl<T: Send + Sync + 'static> Special for &Probe<State<'_, T>> {
        fn typescript(&self, _: &Config) -> Option<String> {
            None
        }
    }

    impl Special for &Probe<AppHandle> {
        fn typescript(&self, _: &Config) -> Option<String> {
            None
        }
    }

    /// Where a long command reports progress: the UI's backend module
    /// passes a Tauri `Channel` there.
    impl<T: TS> Special for &Probe<Channel<T>> {
        fn typescript(&self, cfg: &Config) -> Option<String> {
            Some(format!("ProgressChannel<{}>", T::name(cfg)))
        }
    }

    /// A form's answers: field key → value.
    impl Special for &Probe<Map<String, Value>> {
        fn typescript(&self, _: &Config) -> Option<String> {
            Some("Record<string, unknown>".into())
        }
    }
}

/// The whole generated TypeScript module.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ErrorCode::decl(&cfg),
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
        IssuePart::decl(&cfg),
        Issue::decl(&cfg),
        Suggestion::decl(&cfg),
        PreviewCheck::decl(&cfg),
        BaselineSummary::decl(&cfg),
        PilotState::decl(&cfg),
        ParticipantRole::decl(&cfg),
        Goals::decl(&cfg),
        ParticipantInput::decl(&cfg),
        Participant::decl(&cfg),
        PilotInput::decl(&cfg),
        PilotItem::decl(&cfg),
        Pilot::decl(&cfg),
        PilotSummary::decl(&cfg),
        Measures::decl(&cfg),
        PilotView::decl(&cfg),
        State::decl(&cfg),
        HoldReason::decl(&cfg),
        Actor::decl(&cfg),
        Action::decl(&cfg),
        NewRequest::decl(&cfg),
        RequestApproval::decl(&cfg),
        RequestTask::decl(&cfg),
        Attachment::decl(&cfg),
        Event::decl(&cfg),
        Verdict::decl(&cfg),
        Clock::decl(&cfg),
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
        AnswerLine::decl(&cfg),
        Request::decl(&cfg),
        QueueCursor::decl(&cfg),
        QueueFilter::decl(&cfg),
        QueueRow::decl(&cfg),
        QueuePage::decl(&cfg),
        ViewFilter::decl(&cfg),
        QueueView::decl(&cfg),
        Delegation::decl(&cfg),
        DelegationInput::decl(&cfg),
        MessageKind::decl(&cfg),
        OutboxMessage::decl(&cfg),
        OutboxBatch::decl(&cfg),
        RehearsalOptions::decl(&cfg),
        RehearsalSummary::decl(&cfg),
        IntakeSource::decl(&cfg),
        LeftAlone::decl(&cfg),
        NoLongerInExport::decl(&cfg),
        ItemIntake::decl(&cfg),
        IntakeSummary::decl(&cfg),
        Assumption::decl(&cfg),
        Assumptions::decl(&cfg),
        AssumptionKey::decl(&cfg),
        Estimate::decl(&cfg),
        Swing::decl(&cfg),
        UseCaseChannel::decl(&cfg),
        UseCaseStatus::decl(&cfg),
        UseCase::decl(&cfg),
        LinkedPilot::decl(&cfg),
        UseCaseInput::decl(&cfg),
        BacklogImport::decl(&cfg),
        RowNote::decl(&cfg),
        Timeline::decl(&cfg),
        Lane::decl(&cfg),
        Card::decl(&cfg),
        PictureFormat::decl(&cfg),
        Programme::decl(&cfg),
        DepartmentProgramme::decl(&cfg),
        NextStep::decl(&cfg),
        Story::decl(&cfg),
        Wording::decl(&cfg),
        Printed::decl(&cfg),
        StoryService::decl(&cfg),
        StoryMeasure::decl(&cfg),
        ResultTile::decl(&cfg),
        StorySide::decl(&cfg),
        ValueRealised::decl(&cfg),
        StoryNextStep::decl(&cfg),
        StoryText::decl(&cfg),
        QuoteCandidate::decl(&cfg),
        StoryFormat::decl(&cfg),
        KitPiece::decl(&cfg),
        Paper::decl(&cfg),
        Link::decl(&cfg),
        PortalBind::decl(&cfg),
        PortalTlsFile::decl(&cfg),
        NetworkInterface::decl(&cfg),
        PickedFile::decl(&cfg),
        PersonChoice::decl(&cfg),
        FieldFile::decl(&cfg),
        PortalStatus::decl(&cfg),
        IssuedPortalLink::decl(&cfg),
        LinkMail::decl(&cfg),
        ArticleStatus::decl(&cfg),
        Article::decl(&cfg),
        ArticleInput::decl(&cfg),
        ArticleFilter::decl(&cfg),
        ArticleNode::decl(&cfg),
        ArticleNodeKind::decl(&cfg),
        ShownArticle::decl(&cfg),
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
    out.push_str(&constants());
    out.push_str("/** Every command: its arguments and what it resolves to. */\n");
    out.push_str("export type Commands = {\n");
    for c in crate::commands::signatures(&cfg) {
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

/// The core's rules that the UI applies as you type, as TypeScript
/// constants, so that each rule has one source.
fn constants() -> String {
    let mut office = serde_json::to_value(BusinessHours::office("")).expect("hours serialize");
    office
        .as_object_mut()
        .expect("business hours are an object")
        .remove("timeZone");
    [
        constant(
            "Keys and choice ids are at most this long.",
            "KEY_MAX",
            "number",
            &pilot_core::catalog::KEY_MAX,
        ),
        constant(
            "The first number a taken key or id gets as a suffix: `base_2`, `base_3`, …",
            "FIRST_DUPLICATE_SUFFIX",
            "number",
            &pilot_core::catalog::FIRST_DUPLICATE_SUFFIX,
        ),
        constant(
            "A saved queue view's name is at most this many characters.",
            "VIEW_NAME_MAX",
            "number",
            &pilot_core::requests::views::VIEW_NAME_MAX,
        ),
        constant(
            "A delegation's note is at most this many characters.",
            "DELEGATION_NOTE_MAX",
            "number",
            &pilot_core::requests::delegation::NOTE_MAX,
        ),
        constant(
            "A new department's hours (Monday to Friday, office hours) before its time zone is set.",
            "OFFICE_HOURS",
            "Readonly<Omit<BusinessHours, \"timeZone\">>",
            &office,
        ),
    ]
    .concat()
}

fn constant(doc: &str, name: &str, ty: &str, value: &impl serde::Serialize) -> String {
    let value = serde_json::to_string(value).expect("constants serialize");
    format!("/** {doc} */\nexport const {name}: {ty} = {value};\n\n")
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
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn committed_bindings() -> (PathBuf, String) {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/backend/bindings.ts");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        (path, text)
    }

    #[test]
    fn typescript_bindings_are_current() {
        let (path, committed) = committed_bindings();
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        assert!(
            committed == fresh,
            "{} is stale: run `make bindings` and commit the result",
            path.display()
        );
    }

    /// Each command's line of the committed `Commands` map, by name.
    fn committed_commands() -> BTreeMap<String, String> {
        let (_, text) = committed_bindings();
        let start = text
            .find("export type Commands = {")
            .expect("bindings.ts has a Commands map");
        text[start..]
            .lines()
            .skip(1)
            .take_while(|line| *line != "};")
            .filter_map(|line| line.trim().split_once(": "))
            .map(|(name, rest)| (name.to_owned(), rest.to_owned()))
            .collect()
    }

    /// The UI calls commands through `Commands`: for every command, the
    /// arguments it passes (names and types) and the type it reads back
    /// must be the ones the Rust function takes and returns.
    #[test]
    fn every_command_takes_and_returns_what_the_typescript_says() {
        let cfg = ts_rs::Config::new().with_large_int("number");
        let committed = committed_commands();
        let registered = crate::commands::signatures(&cfg);
        for signature in &registered {
            let args = signature
                .args
                .iter()
                .map(|(name, ty)| format!("{}: {ty}", super::camel(name)))
                .collect::<Vec<_>>()
                .join("; ");
            let line = committed.get(signature.name).unwrap_or_else(|| {
                panic!(
                    "{} has no TypeScript signature: run `make bindings`",
                    signature.name
                )
            });
            let expected_args = if args.is_empty() {
                "Record<string, never>".to_owned()
            } else {
                format!("{{ {args} }}")
            };
            assert!(
                line.starts_with(&format!("{{ args: {expected_args}; ")),
                "{}'s arguments in TypeScript ({line}) are not the Rust ones ({expected_args}): run `make bindings`",
                signature.name
            );
            assert!(
                line.ends_with(&format!("; returns: {} }};", signature.returns)),
                "{}'s result in TypeScript ({line}) is not the Rust one ({}): run `make bindings`",
                signature.name,
                signature.returns
            );
        }
        assert_eq!(
            committed.len(),
            registered.len(),
            "bindings.ts types a command that is not registered: run `make bindings`"
        );
    }

    /// `build.rs` reads the areas' lists for the capability file; the
    /// handler and the signatures come from the same lists compiled, so the
    /// permitted commands are exactly the ones that are handled and typed.
    #[test]
    fn the_permitted_commands_are_exactly_the_registered_ones() {
        let permissions = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("permissions/app-commands.toml"),
        )
        .expect("build.rs writes the permission set");
        let mut permitted: Vec<String> = permissions
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"allow-"))
            .map(|l| l.trim_end_matches("\",").replace('-', "_"))
            .collect();
        let mut registered: Vec<String> = crate::commands::names().map(str::to_owned).collect();
        permitted.sort();
        registered.sort();
        assert_eq!(permitted, registered);
    }

    #[test]
    fn every_registered_command_has_one_signature_of_its_own_name() {
        let cfg = ts_rs::Config::new();
        let typed: Vec<&str> = crate::commands::signatures(&cfg)
            .iter()
            .map(|s| s.name)
            .collect();
        let names: Vec<&str> = crate::commands::names().collect();
        assert_eq!(typed, names);
    }
}
