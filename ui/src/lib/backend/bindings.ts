// Generated from the Rust types by `make bindings`. Do not edit by hand.

/** Where a long command reports progress (a Tauri channel). */
export type ProgressChannel<T> = import("@tauri-apps/api/core").Channel<T>;

export type ErrorCode = "not_a_workspace" | "corrupt_workspace" | "newer_version" | "invalid" | "not_found" | "no_workspace" | "io" | "storage" | "workspace_busy" | "workspace_locked" | "read_only" | "disk_full" | "import_refused" | "already_imported" | "cancelled" | "internal" | "exists" | "no_file";

export type AppError = { 
/**
 * Stable and machine-readable, e.g. `not_a_workspace`, `invalid`.
 */
code: ErrorCode, 
/**
 * Written for the person in front of the screen.
 */
message: string, 
/**
 * For `invalid`: the input the message belongs to (e.g. `email`).
 */
field?: string, };

export type AppSnapshot = { workspace: WorkspaceInfo | null, recent: Array<RecentWorkspace>, showWelcome: boolean, notice: AppError | null, };

export type RecentWorkspace = { name: string, path: string, };

export type WorkspaceInfo = { path: string, name: string, departments: number, people: number, catalogItems: number, imports: number, };

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export type Holiday = { 
/**
 * ISO date, `YYYY-MM-DD`.
 */
date: string, name: string, };

export type BusinessHours = { 
/**
 * An IANA time zone name such as `Europe/Berlin`.
 */
timeZone: string, workingDays: Array<Weekday>, 
/**
 * `HH:MM`, local time.
 */
dayStart: string, 
/**
 * `HH:MM`, local time.
 */
dayEnd: string, holidays: Array<Holiday>, };

export type Department = { id: number, name: string, isRequester: boolean, isProvider: boolean, headId: number | null, headName: string | null, hours: BusinessHours, peopleCount: number, };

export type DepartmentInput = { name: string, isRequester: boolean, isProvider: boolean, headId: number | null, hours: BusinessHours, };

export type Role = "requester" | "fulfiller" | "approver" | "analyst" | "department_head" | "champion";

export type Person = { id: number, name: string, email: string, departmentId: number | null, departmentName: string | null, managerId: number | null, managerName: string | null, roles: Array<Role>, };

export type PersonInput = { name: string, email: string, departmentId: number | null, managerId: number | null, roles: Array<Role>, };

export type Usage = { 
/**
 * People who belong to the department.
 */
members: number, 
/**
 * People whose manager this person is.
 */
reports: number, 
/**
 * Departments this person heads.
 */
heads: Array<string>, };

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";

export type ImportOptions = { encoding: Encoding | null, delimiter: string | null, 
/**
 * The 1-based physical line of the header row.
 */
headerLine: number | null, 
/**
 * Importing a file whose bytes were imported before replaces that
 * earlier import (an update); without it the import is refused with
 * `already_imported`, so a duplicate never lands silently.
 */
replaceExisting: boolean, 
/**
 * The user's choices per column (by header text), over what inference
 * found; columns not named keep what was found.
 */
columns: Array<ColumnChoice>, 
/**
 * What happens to rows that still have problems after `fixes`.
 */
problemRows: ProblemRows, 
/**
 * Corrected cells for rows with problems.
 */
fixes: Array<RowFix>, };

export type ImportProgress = { bytesRead: number, bytesTotal: number, rows: number, };

export type ImportPreview = { fileName: string, fileSize: number, inspection: Inspection, 
/**
 * The first records as the file has them, cells in column order.
 */
sample: Array<Array<string>>, 
/**
 * Rows with problems (and rows the user fixed), for fixing in a grid.
 */
problemRows: Array<SourceRow>, 
/**
 * Whether the column mapping is the one remembered from an earlier
 * import of the same source.
 */
remembered: boolean, 
/**
 * Whether the whole file was read. A quick preview reads a bounded
 * prefix: its rows are an estimate and it lists no problems yet.
 */
complete: boolean, };

export type Inspection = { 
/**
 * The file's name as the user knows it (no directories).
 */
file: string, 
/**
 * The title a row above the header gives the file (a report's name).
 */
title?: string, encoding: Encoding, 
/**
 * What the user is told about the encoding, in their words, when the
 * file is not UTF-8.
 */
encoding_note?: string, delimiter: string, 
/**
 * The 1-based physical line the header row starts on.
 */
header_line: number, 
/**
 * Data records below the header; for a form definition, its fields.
 */
rows: number, source: Source, fields: Array<Field>, roles: Roles, 
/**
 * Every column of the file with its role and type, as the wizard's
 * column mapping shows them; empty for a form definition, whose columns
 * describe fields rather than hold answers.
 */
columns: Array<ColumnChoice>, 
/**
 * Row-level problems, in file order. Inspection lists at most
 * [`MAX_LISTED_PROBLEMS`]; an import stores every one.
 */
problems: Array<Problem>, };

export type Source = "sharepoint" | "microsoft-forms" | "google-forms" | "form-definition" | "table";

export type Field = { 
/**
 * The header text, or the label on a form definition.
 */
column: string, 
/**
 * A stable snake_case key, unique within the import.
 */
name: string, type: FieldType, required: boolean, choices?: Array<string>, date_order?: DateOrder, 
/**
 * A form definition's codes for the choices, in the same order (`1`
 * for `1, Male`), when it gives them.
 */
codes?: Array<string>, 
/**
 * A form definition's help text or note for the field.
 */
help?: string, 
/**
 * The section a form definition starts with this field.
 */
section?: string, };

export type FieldType = "text" | "long_text" | "integer" | "decimal" | "currency" | "date" | "datetime" | "yes_no" | "choice" | "multi_choice" | "email" | "phone" | "url" | "person" | "attachment";

export type DateOrder = "dmy" | "mdy" | "ymd";

export type Roles = { 
/**
 * The record's own id (`INC0012345`, `HR-123`).
 */
id?: string, opened_at?: string, 
/**
 * When someone first answered.
 */
first_response_at?: string, 
/**
 * When the request was resolved; a baseline's end when no column says when it was closed.
 */
resolved_at?: string, closed_at?: string, requester?: string, 
/**
 * Whom the request is for, when someone else raised it.
 */
requested_for?: string, 
/**
 * The person working on it.
 */
assignee?: string, 
/**
 * The team or queue working on it.
 */
assignment_group?: string, status?: string, priority?: string, category?: string, };

export type ColumnChoice = { 
/**
 * The header text.
 */
column: string, role: ColumnRole, type: FieldType, required: boolean, choices?: Array<string>, 
/**
 * Why the importer gave the column its role ("its header, \"Caller\"",
 * "its values: codes like \"INC0012345\", each different").
 */
why?: string, 
/**
 * What the importer noticed in the column's values: why it stayed
 * text, or which cells are read as empty.
 */
note?: string, 
/**
 * The type most of a text column's cells fit, for the wizard to offer.
 */
suggested?: FieldType, };

export type ColumnRole = "field" | "ignore" | "id" | "opened_at" | "first_response_at" | "resolved_at" | "closed_at" | "requester" | "requested_for" | "assignee" | "assignment_group" | "status" | "priority" | "category";

export type ProblemRows = "keep" | "skip";

export type RowFix = { 
/**
 * The physical line the row starts on.
 */
line: number, cells: Array<string>, };

export type SourceRow = { line: number, 
/**
 * The row's cells, one per header column (missing cells empty, extra
 * cells dropped), with the user's fixes applied.
 */
cells: Array<string>, 
/**
 * Whether the cells are the user's fixes rather than the file's.
 */
fixed: boolean, };

export type Sample = { id: SampleId, title: string, department: string, 
/**
 * What the file is, in a sentence.
 */
description: string, fileName: string, };

export type SampleId = "hr-onboarding" | "expense-claim" | "facilities-work-orders";

export type Problem = { 
/**
 * The 1-based physical line the row starts on.
 */
line: number, 
/**
 * The header text of the column concerned, when one is.
 */
column?: string, message: string, };

export type ImportSummary = { importId: number, 
/**
 * The earlier import of the same bytes this one replaced.
 */
replaced: number | null, 
/**
 * Every problem stored, where `inspection.problems` lists at most
 * [`MAX_LISTED_PROBLEMS`].
 */
problems: number, 
/**
 * Data rows stored.
 */
stored: number, 
/**
 * Rows left out because they had problems (see [`ProblemRows::Skip`]).
 */
skipped: number, 
/**
 * Rows imported with the user's corrected cells.
 */
fixed: number, inspection: Inspection, };

export type ImportRecord = { id: number, fileName: string, fileSize: number, sha256: string, source: string, rowCount: number, problemCount: number, importedAt: string, };

export type RequestType = "product" | "service" | "information" | "change" | "assistance";

export type Status = "draft" | "published" | "retired";

export type SlaUnit = "business_hours" | "business_days";

export type Sla = { amount: number, unit: SlaUnit, };

export type ApprovalKind = "requester_manager" | "person" | "group";

export type ApprovalStep = { kind: ApprovalKind, 
/**
 * For `person`: who approves. Cleared when that person is deleted.
 */
personId: number | null, 
/**
 * Filled in when read; ignored on input.
 */
personName: string | null, 
/**
 * For `group`: the approving group's name.
 */
group: string | null, };

export type Fulfilment = { assignmentGroup: string, approvals: Array<ApprovalStep>, 
/**
 * Task titles, in the order they are done.
 */
tasks: Array<string>, };

export type Choice = { 
/**
 * Stable; left empty on a new choice, it is made from the label.
 */
id: string, label: string, };

export type Validation = { min: number | string | null, max: number | string | null, minLength: number | null, maxLength: number | null, pattern: string | null, };

export type ShowWhen = { field: string, equals: unknown, };

export type FormField = { 
/**
 * Stable snake_case name, unique in the form: answers are kept under
 * it, so it does not change when the label does. Left empty on a new
 * field, it is made from the label when saved.
 */
key: string, label: string, help: string, type: FieldType, required: boolean, 
/**
 * For `choice` and `multi_choice`, in the order shown.
 */
choices: Array<Choice>, 
/**
 * A valid answer for this field (see `validate_answer`), or none.
 */
default: unknown, validation: Validation, 
/**
 * When set, this field starts a new section with this title.
 */
section: string | null, 
/**
 * When set, the field is shown only while the condition holds.
 */
showWhen: ShowWhen | null, };

export type Form = { 
/**
 * In the order the requester sees them.
 */
fields: Array<FormField>, };

export type ItemInput = { name: string, shortDescription: string, longDescription: string, 
/**
 * One of [`ICONS`].
 */
icon: string, 
/**
 * Free text; the catalog is browsed by it.
 */
category: string, 
/**
 * The providing department; its calendar runs the SLA clock.
 */
departmentId: number | null, requestType: RequestType, ownerId: number | null, form: Form, fulfilment: Fulfilment, sla: Sla, };

export type CatalogItem = { id: number, name: string, shortDescription: string, longDescription: string, icon: string, category: string, departmentId: number | null, departmentName: string | null, requestType: RequestType, ownerId: number | null, ownerName: string | null, 
/**
 * The draft form: what the builder edits and the next publish takes.
 */
form: Form, fulfilment: Fulfilment, sla: Sla, status: Status, 
/**
 * The newest published version's number, if it was ever published.
 */
publishedVersion: number | null, 
/**
 * The draft form differs from the newest published version (or there
 * is none yet).
 */
hasUnpublishedChanges: boolean, 
/**
 * The import this item was made from.
 */
sourceImportId: number | null, createdAt: string, updatedAt: string, };

export type CatalogSummary = { id: number, name: string, shortDescription: string, icon: string, category: string, departmentId: number | null, departmentName: string | null, requestType: RequestType, status: Status, publishedVersion: number | null, hasUnpublishedChanges: boolean, updatedAt: string, 
/**
 * Who works its requests (empty: no group named); the pilot editor
 * offers a fulfiller the groups of the pilot's items.
 */
assignmentGroup: string, };

export type CatalogFilter = { 
/**
 * Exactly this category (case-insensitive).
 */
category: string | null, departmentId: number | null, status: Status | null, 
/**
 * Text found anywhere in the name, descriptions or category.
 */
query: string, };

export type CatalogVersion = { itemId: number, 
/**
 * 1, 2, … in the order published.
 */
number: number, form: Form, publishedAt: string, };

export type IssuePart = "name" | "departmentId" | "sla" | "fulfilment" | "form" | "key" | "label" | "choices" | "required" | "showWhen" | "validation" | "default" | "answer";

export type Issue = { 
/**
 * The form field concerned (its key), or none for the item itself.
 */
field: string | null, 
/**
 * The field's 1-based position in the form (keys can be duplicates).
 */
position: number | null, 
/**
 * What is wrong.
 */
part: IssuePart, message: string, };

export type Suggestion = { name: string, 
/**
 * A providing department the file name mentions (`hr` → Human
 * Resources), when exactly one does.
 */
departmentId: number | null, requestType: RequestType, };

export type PreviewCheck = { shown: Array<boolean>, issues: Array<Issue>, };

export type BaselineSummary = { 
/**
 * Baseline requests made (or stored).
 */
created: number, 
/**
 * Rows left out because their opened date is empty or not a date;
 * always 0 for a stored baseline, which does not remember them.
 */
skippedNoDate: number, 
/**
 * When the earliest baseline request was opened.
 */
firstOpened: string | null, 
/**
 * When the latest baseline request was opened.
 */
lastOpened: string | null, };

export type PilotState = "planned" | "running" | "ended";

export type ParticipantRole = "requester" | "fulfiller" | "approver" | "department_head" | "observer";

export type Goals = { 
/**
 * Median hours from opened to resolved.
 */
turnaroundHours: number | null, 
/**
 * Share of resolved requests within their SLA, 0–100.
 */
slaPercent: number | null, 
/**
 * Average rating, 1–5.
 */
satisfaction: number | null, 
/**
 * Requests expected per month.
 */
monthlyVolume: number | null, };

export type ParticipantInput = { personId: number, role: ParticipantRole, 
/**
 * A fulfiller's assignment groups, from the groups of the pilot's
 * items; empty: every group (and always empty for other roles).
 */
groups: Array<string>, };

export type Participant = { personId: number, personName: string, role: ParticipantRole, 
/**
 * The person's manager in the directory (who approves "requester's
 * manager" steps for them).
 */
managerId: number | null, 
/**
 * A fulfiller's assignment groups; empty: every group of the pilot.
 */
groups: Array<string>, };

export type PilotInput = { name: string, departmentId: number | null, 
/**
 * The department head who sponsors the pilot.
 */
sponsorId: number | null, 
/**
 * `YYYY-MM-DD`.
 */
plannedStart: string | null, 
/**
 * `YYYY-MM-DD`.
 */
plannedEnd: string | null, itemIds: number[], participants: Array<ParticipantInput>, goals: Goals, 
/**
 * The backlog's use case the pilot runs: its story's challenge and
 * its place on the roadmap come from it.
 */
useCaseId: number | null, 
/**
 * Days after resolution during which the requester may reopen.
 */
reopenDays: number, 
/**
 * Days after resolution when an unrated request closes by itself.
 */
autoCloseDays: number, 
/**
 * Percent of an SLA target after which a request is at risk.
 */
warningPercent: number, };

export type PilotItem = { id: number, name: string, published: boolean, publishedVersion: number | null, departmentId: number | null, 
/**
 * Who works its requests (empty: no group named).
 */
assignmentGroup: string, };

export type Pilot = { id: number, name: string, departmentId: number | null, departmentName: string | null, sponsorId: number | null, sponsorName: string | null, plannedStart: string | null, plannedEnd: string | null, state: PilotState, startedAt: string | null, endedAt: string | null, 
/**
 * The analyst's words when ending the pilot.
 */
endSummary: string, reopenDays: number, autoCloseDays: number, warningPercent: number, goals: Goals, 
/**
 * The backlog's use case the pilot runs, with its process.
 */
useCaseId: number | null, useCaseProcess: string | null, items: Array<PilotItem>, participants: Array<Participant>, createdAt: string, updatedAt: string, };

export type PilotSummary = { id: number, name: string, departmentName: string | null, state: PilotState, plannedStart: string | null, plannedEnd: string | null, items: number, 
/**
 * Real requests (rehearsal left out).
 */
requests: number, rehearsalRequests: number, };

export type Measures = { requests: number, resolved: number, medianTurnaroundHours: number | null, slaPercent: number | null, satisfaction: number | null, ratings: number, monthlyVolume: number | null, };

export type PilotView = { pilot: Pilot, 
/**
 * What is missing before the pilot can start; empty when ready.
 */
checklist: Array<string>, 
/**
 * How the items performed before the pilot, from their baselines.
 */
baseline: Measures, 
/**
 * The pilot's real requests so far (rehearsal left out).
 */
results: Measures, 
/**
 * The same measures over the rehearsal requests only.
 */
rehearsal: Measures, };

export type RequestState = "submitted" | "awaiting_approval" | "in_progress" | "on_hold" | "resolved" | "closed" | "rejected" | "cancelled";

export type HoldReason = "waiting_for_requester" | "waiting_for_third_party" | "other";

export type Actor = { personId: number | null, acting: boolean, };

export type RequestAction = { "kind": "approve", comment: string, } | { "kind": "reject", comment: string, } | { "kind": "assign", group: string | null, assignee: number | null, } | { "kind": "start" } | { "kind": "hold", reason: HoldReason, note: string, } | { "kind": "resume" } | { "kind": "complete_task", position: number, } | { "kind": "comment", text: string, } | { "kind": "work_note", text: string, } | { "kind": "resolve", note: string, } | { "kind": "reopen", reason: string, } | { "kind": "rate", rating: number, comment: string, } | { "kind": "auto_close" } | { "kind": "cancel", reason: string, };

export type NewRequest = { pilotId: number, itemId: number, 
/**
 * The answers by form field key, validated against the item's newest
 * published form.
 */
answers: Record<string, unknown>, 
/**
 * 1 (critical) – 4 (low); 3 when not given.
 */
priority: number | null, };

export type RequestApproval = { position: number, kind: ApprovalKind, personId: number | null, personName: string | null, group: string | null, 
/**
 * `approved`, `rejected`, or none while undecided.
 */
decision: string | null, decidedByName: string | null, decidedAt: string | null, comment: string, };

export type RequestTask = { position: number, title: string, doneAt: string | null, doneByName: string | null, };

export type Attachment = { id: number, requestId: number, 
/**
 * The form's attachment field the file answers, when it came with
 * the form.
 */
fieldKey: string | null, name: string, 
/**
 * The media type read from the content, e.g. `application/pdf`.
 */
mediaType: string, 
/**
 * The type in words, e.g. "PDF document".
 */
kind: string, size: number, addedByName: string, 
/**
 * UTC.
 */
addedAt: string, };

export type RequestEvent = { id: number, 
/**
 * UTC.
 */
at: string, actorId: number | null, actorName: string, 
/**
 * The analyst did it for `actor_name`.
 */
acting: boolean, 
/**
 * `submitted`, `approved`, `rejected`, `assigned`, `started`,
 * `on_hold`, `resumed`, `task_done`, `comment`, `work_note`,
 * `resolved`, `reopened`, `rated`, `closed`, `cancelled`.
 */
kind: string, fromState: RequestState | null, toState: RequestState | null, detail: string, 
/**
 * A work note: not shown to the requester.
 */
internal: boolean, };

export type SlaVerdict = "on_track" | "at_risk" | "paused" | "met" | "breached";

export type SlaClock = { targetSecs: number, 
/**
 * Working time counted against the target so far.
 */
usedSecs: number, 
/**
 * Working time the clock stood still (waiting for the requester).
 */
pausedSecs: number, 
/**
 * Target minus used: negative once breached.
 */
leftSecs: number, 
/**
 * When the target runs out if the clock keeps running (UTC).
 */
dueAt: string | null, verdict: SlaVerdict, };

export type Scope = { "kind": "item", id: number, } | { "kind": "department", id: number, } | { "kind": "pilot", id: number, } | { "kind": "all" };

export type Origin = "baseline" | "pilot";

export type ReportQuery = { scope: Scope, origin: Origin | null, from: string | null, to: string | null, };

export type Metric<T> = { value: T | null, unsupported: string | null, };

export type WeekVolume = { 
/**
 * The week's Monday, `YYYY-MM-DD`.
 */
week: string, opened: number, resolved: number, };

export type WeekBacklog = { week: string, open: number, };

export type Turnaround = { 
/**
 * Requests measured.
 */
n: number, medianHours: number, p90Hours: number, meanHours: number, };

export type Ratio = { part: number, whole: number, percent: number, };

export type Satisfaction = { mean: number, 
/**
 * How many ratings of 1, 2, 3, 4 and 5.
 */
distribution: number[], 
/**
 * Rated requests of the resolved ones.
 */
responseRate: Ratio, };

export type BreakdownRow = { group: string, opened: number, resolved: number, medianHours: number | null, medianBusinessHours: number | null, slaKeptPercent: number | null, };

export type Breakdown = { 
/**
 * `item`, `requesterDepartment` or `fulfiller`.
 */
dimension: string, title: string, rows: Array<BreakdownRow>, };

export type Report = { query: ReportQuery, 
/**
 * The scope in words, e.g. "Catalog item New hire onboarding".
 */
scopeLabel: string, 
/**
 * The first and last opened wall time in scope.
 */
firstOpened: string | null, lastOpened: string | null, opened: number, resolved: number, 
/**
 * Opened and not resolved.
 */
open: number, volume: Array<WeekVolume>, backlog: Metric<Array<WeekBacklog>>, turnaround: Metric<Turnaround>, businessTurnaround: Metric<Turnaround>, firstResponse: Metric<Turnaround>, slaKept: Metric<Ratio>, reopenRate: Metric<Ratio>, satisfaction: Metric<Satisfaction>, breakdowns: Array<Breakdown>, };

export type Cell = number | string | null;

export type Table = { 
/**
 * Stable, e.g. `summary`, `volume`, `breakdown-item`.
 */
id: string, title: string, columns: Array<string>, rows: Array<Array<Cell>>, };

export type ReportView = { report: Report, tables: Array<Table>, };

export type PeriodSide = { origin: Origin | null, from: string | null, to: string | null, };

export type ComparisonQuery = { scope: Scope, before: PeriodSide, after: PeriodSide, };

export type SideSummary = { 
/**
 * E.g. "Baseline, 2026-01-01 to 2026-03-31".
 */
label: string, 
/**
 * The opened dates the side actually covers.
 */
first: string | null, last: string | null, requests: number, resolved: number, medianHours: number | null, p90Hours: number | null, slaKeptPercent: number | null, };

export type Comparison = { scopeLabel: string, before: SideSummary, after: SideSummary, 
/**
 * Median turnaround after minus before, in hours; none with too few
 * samples.
 */
medianDifferenceHours: number | null, 
/**
 * The 95 % bootstrap interval of that difference.
 */
interval: [number, number] | null, 
/**
 * The comparison in one sentence.
 */
verdict: string, warnings: Array<string>, };

export type ComparisonView = { comparison: Comparison, table: Table, };

export type Measure = "count" | "sum" | "average" | "median";

export type GroupBy = { "kind": "nothing" } | { "kind": "field", key: string, } | { "kind": "week" };

export type TileDefinition = { measure: Measure, 
/**
 * The numeric field measured; none for a count.
 */
field: string | null, groupBy: GroupBy, };

export type Tile = { id: number, name: string, scope: Scope, definition: TileDefinition, };

export type TileRow = { group: string, value: number | null, 
/**
 * Requests with a value in this group.
 */
n: number, };

export type TileResult = { name: string, definition: TileDefinition, rows: Array<TileRow>, };

export type TileView = { tile: Tile, result: TileResult, };

export type ExportFormat = "csv" | "xlsx" | "html" | "pdf";

export type AnswerLine = { key: string, label: string, text: string, };

export type Request = { id: number, pilotId: number, pilotName: string, itemId: number, itemName: string, 
/**
 * The published form version the request was made with.
 */
formVersion: number, requesterId: number | null, requesterName: string | null, state: RequestState, holdReason: HoldReason | null, priority: number, assignmentGroup: string, assigneeId: number | null, assigneeName: string | null, rehearsal: boolean, openedAt: string, firstResponseAt: string | null, resolvedAt: string | null, closedAt: string | null, rating: number | null, ratingComment: string | null, 
/**
 * Until when the requester may reopen (resolved requests only).
 */
reopenUntil: string | null, answers: Record<string, unknown>, 
/**
 * The answers as the requester saw the questions, in the form's order.
 */
answerLines: Array<AnswerLine>, approvals: Array<RequestApproval>, tasks: Array<RequestTask>, 
/**
 * The files attached, oldest first.
 */
attachments: Array<Attachment>, events: Array<RequestEvent>, sla: SlaClock, };

export type QueueCursor = { dueAt: string, id: number, };

export type QueueFilter = { pilotId: number | null, 
/**
 * The assignment group.
 */
group: string | null, 
/**
 * "Assigned to me".
 */
assigneeId: number | null, 
/**
 * Empty: every open state.
 */
states: Array<RequestState>, itemId: number | null, priority: number | null, 
/**
 * Only running clocks past their warning threshold (or breached).
 */
atRisk: boolean, 
/**
 * Only rehearsal (true) or only real (false) requests.
 */
rehearsal: boolean | null, after: QueueCursor | null, limit: number, };

export type QueueRow = { id: number, pilotId: number, itemId: number, itemName: string, requesterName: string | null, assigneeName: string | null, assignmentGroup: string, state: RequestState, holdReason: HoldReason | null, priority: number, openedAt: string, dueAt: string | null, warnAt: string | null, paused: boolean, rehearsal: boolean, resolvedAt: string | null, slaMet: boolean | null, rating: number | null, };

export type QueuePage = { rows: Array<QueueRow>, 
/**
 * The SLA verdict of each row at the time of the query.
 */
verdicts: Array<SlaVerdict>, next: QueueCursor | null, };

export type ViewFilter = { 
/**
 * Empty: every open state.
 */
states: Array<RequestState>, itemId: number | null, 
/**
 * 1 (critical) – 4 (low).
 */
priority: number | null, 
/**
 * Only requests about to breach (or breached).
 */
atRisk: boolean, 
/**
 * Only requests assigned to whoever applies the view.
 */
mine: boolean, 
/**
 * Only requests of this assignment group.
 */
group: string | null, };

export type QueueView = { id: number, name: string, filter: ViewFilter, };

export type Delegation = { id: number, pilotId: number, 
/**
 * The approver who is away.
 */
fromPersonId: number, fromName: string, 
/**
 * Who decides for them meanwhile.
 */
toPersonId: number, toName: string, 
/**
 * When it starts (UTC).
 */
startsAt: string, 
/**
 * When it ends (UTC), not included.
 */
endsAt: string, note: string, createdAt: string, };

export type DelegationInput = { fromPersonId: number, toPersonId: number, startsAt: string, endsAt: string, note: string, };

export type MessageKind = "approval_needed" | "resolved" | "please_rate" | "sla_breach_soon";

export type OutboxMessage = { id: number, pilotId: number, requestId: number, personId: number, personName: string, 
/**
 * The person's e-mail as the directory has it (may be empty).
 */
email: string, kind: MessageKind, subject: string, body: string, createdAt: string, sentAt: string | null, seenAt: string | null, };

export type OutboxBatch = { personId: number, personName: string, 
/**
 * The `mailto:` address of one e-mail holding every message; none
 * when the person has no usable e-mail address ("copy only").
 */
mailto: string | null, 
/**
 * The e-mail's subject and text, for copying.
 */
subject: string, text: string, messages: Array<OutboxMessage>, };

export type RehearsalOptions = { 
/**
 * Requests to generate.
 */
count: number, 
/**
 * Calendar days the arrivals spread over, from the pilot's planned
 * start (or today).
 */
days: number, seed: number, };

export type RehearsalSummary = { created: number, rejected: number, resolved: number, closed: number, slaMet: number, slaBreached: number, };

export type IntakeSource = { importId: number, fileName: string, 
/**
 * The pilot's items made from it.
 */
itemNames: Array<string>, };

export type LeftAlone = { line: number, reason: string, };

export type NoLongerInExport = { requestId: number, 
/**
 * When its response was sent.
 */
openedAt: string, requesterName: string | null, cancelled: boolean, 
/**
 * What was done, in words.
 */
note: string, };

export type ItemIntake = { itemId: number, itemName: string, 
/**
 * New responses taken in as pilot requests.
 */
added: number, 
/**
 * Requests taken in before whose status changed into lifecycle steps.
 */
updated: number, 
/**
 * The lifecycle events those changes made.
 */
events: number, 
/**
 * Rows taken in before with nothing new.
 */
unchanged: number, 
/**
 * Rows opened before the pilot started: they stay the baseline.
 */
baseline: number, 
/**
 * Rows (or the status change of a row) left alone, with why.
 */
leftAlone: Array<LeftAlone>, 
/**
 * Open requests taken in from an earlier export whose response this
 * export no longer has (it was deleted from the source).
 */
noLongerInExport: Array<NoLongerInExport>, };

export type IntakeSummary = { pilotId: number, fileName: string, 
/**
 * The import the newer export is stored as.
 */
importId: number, 
/**
 * The earlier export it replaced.
 */
replaced: number, 
/**
 * Per item of the pilot fed by the source.
 */
items: Array<ItemIntake>, };

export type Assumption = { value: number, 
/**
 * Who set the value (a person's name or e-mail).
 */
setBy: string, 
/**
 * When it was set: an RFC 3339 timestamp.
 */
setAt: string, 
/**
 * Where the number comes from: "Finance's 2026 loaded cost", "time
 * study, March", "default".
 */
source: string, };

export type Assumptions = { 
/**
 * An ISO 4217 code or a symbol; the model does not convert.
 */
currency: string, 
/**
 * Requests handled per month.
 */
monthlyVolume: Assumption, 
/**
 * Minutes of handling saved per request.
 */
minutesSaved: Assumption, 
/**
 * Loaded cost of one hour of the people handling requests.
 */
hourlyCost: Assumption, 
/**
 * Minutes of rework (chasing missing information, re-keying) avoided
 * per request, averaged over all requests.
 */
reworkMinutes: Assumption, 
/**
 * Money spent per request on paper, printing and postage that is no
 * longer spent.
 */
paperCost: Assumption, };

export type AssumptionKey = "monthlyVolume" | "minutesSaved" | "hourlyCost" | "reworkMinutes" | "paperCost";

export type Estimate = { currency: string, hoursPerMonth: number, hoursPerYear: number, moneyPerMonth: number, moneyPerYear: number, 
/**
 * One line per assumption, the widest swing first.
 */
sensitivity: Array<Swing>, };

export type Swing = { key: AssumptionKey, label: string, moneyPerYearLow: number, moneyPerYearHigh: number, };

export type UseCaseChannel = "paper" | "email" | "sharepoint_list" | "spreadsheet" | "other";

export type UseCaseStatus = "idea" | "candidate" | "piloting" | "live" | "retired";

export type UseCase = { id: number, departmentId: number | null, departmentName: string | null, process: string, pain: string, channel: UseCaseChannel, 
/**
 * Minutes a request takes to handle today.
 */
minutesPerRequest: number, outcome: string, kpi: string, 
/**
 * The work to pilot it, in person-days.
 */
effortDays: number, sponsorId: number | null, sponsorName: string | null, status: UseCaseStatus, 
/**
 * Where the roadmap places it: `YYYY-Qn`.
 */
quarter: string | null, assumptions: Assumptions, value: Estimate, 
/**
 * Yearly value per person-day of effort: the ranking's key.
 */
score: number, sourceImportId: number | null, updatedAt: string, 
/**
 * The pilots that run this use case (linked in the pilot editor),
 * oldest first.
 */
pilots: Array<LinkedPilot>, };

export type LinkedPilot = { id: number, name: string, 
/**
 * The pilot's state word (`pilots::PilotState`, which lives above this
 * module, so its word is kept here as stored).
 */
state: "planned" | "running" | "ended", };

export type UseCaseInput = { departmentId: number | null, process: string, pain: string, channel: UseCaseChannel, minutesPerRequest: number, outcome: string, kpi: string, effortDays: number, sponsorId: number | null, status: UseCaseStatus, quarter: string | null, assumptions: Assumptions, };

export type BacklogImport = { importId: number, 
/**
 * The use cases added, in file order.
 */
created: number[], 
/**
 * Which header went to which field: `(field, column)`.
 */
mapped: Array<[string, string]>, 
/**
 * What was not taken as written, per row.
 */
notes: Array<RowNote>, };

export type RowNote = { 
/**
 * The physical line of the file.
 */
line: number, message: string, 
/**
 * Whether the row was left out (the use case was not added).
 */
skipped: boolean, };

export type Timeline = { 
/**
 * The columns, oldest first, as `YYYY-Qn`.
 */
quarters: Array<string>, 
/**
 * The quarter today falls in.
 */
current: string, 
/**
 * One lane per department with scheduled use cases, by name; use cases
 * without a department in a last lane named "No department".
 */
lanes: Array<Lane>, 
/**
 * Use cases not placed on a quarter yet (retired ones left out).
 */
unscheduled: Array<Card>, };

export type Lane = { department: string, cards: Array<Card>, };

export type Card = { useCaseId: number, process: string, status: UseCaseStatus, quarter: string | null, valuePerYear: number, currency: string, 
/**
 * The pilots that run the use case: the chain from use case to pilot
 * to its measured outcome.
 */
pilots: Array<LinkedPilot>, };

export type PictureFormat = "svg" | "png";

export type Programme = { 
/**
 * Departments by name; use cases without a department come last under
 * "No department" when there are any.
 */
departments: Array<DepartmentProgramme>, 
/**
 * Estimated yearly value of every use case not retired.
 */
valuePerYear: number, currency: string, 
/**
 * Whether the workspace holds generated demo data.
 */
demo: boolean, };

export type DepartmentProgramme = { departmentId: number | null, name: string, headName: string | null, 
/**
 * Use cases per status, in lifecycle order (idea … retired).
 */
byStatus: number[], 
/**
 * Use cases being piloted or live, by process.
 */
services: Array<string>, catalogItems: number, publishedItems: number, 
/**
 * Baseline requests of the department's catalog items.
 */
baselineRequests: number, 
/**
 * Baseline requests per month over the months they span.
 */
baselinePerMonth: number, 
/**
 * The sponsors of its use cases, by name, without repeats.
 */
sponsors: Array<string>, 
/**
 * Estimated yearly value of its use cases not retired.
 */
valuePerYear: number, 
/**
 * What is next: the earliest scheduled use case not yet live, else the
 * best-ranked idea or candidate.
 */
next: NextStep | null, };

export type NextStep = { useCaseId: number, process: string, status: UseCaseStatus, quarter: string | null, };

export type Story = { pilotId: number, pilotName: string, department: string | null, sponsor: string | null, 
/**
 * The pilot's state: a story of a running pilot says "so far".
 */
state: PilotState, 
/**
 * Whether the workspace holds generated demo data, which every page
 * then says.
 */
demo: boolean, headline: Wording, challenge: Wording, solution: Wording, nextStepsText: Wording, 
/**
 * The backlog's use case the challenge and the value come from.
 */
useCase: string | null, services: Array<StoryService>, 
/**
 * The report of how things were (the items' baseline) and of the
 * pilot's requests over its dates: `pilot report` with these queries
 * gives the same numbers.
 */
beforeQuery: ReportQuery, afterQuery: ReportQuery, scopeLabel: string, 
/**
 * "2026-03-02 to 2026-04-10", or "from 2026-03-02" while running.
 */
period: string, results: Array<ResultTile>, 
/**
 * Before vs after in one sentence, with the bootstrap interval.
 */
verdict: string, warnings: Array<string>, 
/**
 * The pilot's requests opened and resolved per week.
 */
chart: Array<WeekVolume>, value: ValueRealised | null, 
/**
 * Why no value is shown, when it is not.
 */
valueMissing: string | null, quote: QuoteCandidate | null, 
/**
 * Every rating comment the analyst may pick the quote from.
 */
quotes: Array<QuoteCandidate>, nextSteps: Array<StoryNextStep>, 
/**
 * The sentences the exports print, so the screen shows the same.
 */
printed: Printed, };

export type Wording = { text: string, 
/**
 * The analyst changed it (else it is generated from the data).
 */
edited: boolean, };

export type Printed = { 
/**
 * "Success story · Onboarding pilot · Human Resources · 2026-06-23 to …".
 */
kicker: string, 
/**
 * One sentence per service.
 */
services: Array<string>, valueHeadline: string | null, valueBasis: string | null, 
/**
 * Who said the quote, when one is picked.
 */
attribution: string | null, nextSteps: Array<string>, 
/**
 * Where the numbers come from.
 */
sources: string, };

export type StoryService = { name: string, shortDescription: string, 
/**
 * The form's field labels, in the order a requester sees them.
 */
fields: Array<string>, 
/**
 * Each approval step in words.
 */
approvals: Array<string>, assignmentGroup: string, 
/**
 * "3 business days".
 */
sla: string, 
/**
 * The published request form as a picture (an SVG document).
 */
formSvg: string, };

export type StoryMeasure = "turnaround" | "slaKept" | "volume" | "satisfaction";

export type ResultTile = { measure: StoryMeasure, label: string, before: StorySide, after: StorySide, 
/**
 * Whether after is better than before; none when either is missing
 * or the measure has no better direction (volume).
 */
improved: boolean | null, };

export type StorySide = { value: number | null, 
/**
 * The value as the page prints it ("18.5 h"), or "—".
 */
shown: string, 
/**
 * The sample the value stands on.
 */
n: number, 
/**
 * The sample in words ("42 resolved requests").
 */
sample: string, 
/**
 * Why there is no value, when there is none.
 */
missing: string | null, };

export type ValueRealised = { 
/**
 * The pilot's requests per month, measured.
 */
monthlyVolume: number, 
/**
 * The use case's assumptions with the measured volume in place of
 * the workshop's estimate.
 */
assumptions: Assumptions, estimate: Estimate, };

export type StoryNextStep = { process: string, quarter: string | null, status: UseCaseStatus, valuePerYear: number, currency: string, };

export type StoryText = { headline: string | null, challenge: string | null, solution: string | null, nextSteps: string | null, quoteRequestId: number | null, };

export type QuoteCandidate = { requestId: number, rating: number, comment: string, requester: string | null, department: string | null, };

export type StoryFormat = "html" | "pdf" | "markdown";

export type KitPiece = "newsletterHtml" | "newsletterMarkdown" | "flyerHtml" | "flyerPdf";

export type Paper = "a4" | "letter";

export type Link = { id: number, pilotId: number, personId: number, personName: string, 
/**
 * The participant role the link signs in as (`requester`, ...).
 */
role: string, 
/**
 * UTC.
 */
createdAt: string, 
/**
 * UTC; the link signs nobody in from then on.
 */
expiresAt: string, 
/**
 * UTC, when revoked.
 */
revokedAt: string | null, };

export type PortalBind = "loopback" | "network";

export type PortalTlsFile = "certificate" | "key";

export type NetworkInterface = { 
/**
 * The system's name for it, e.g. `wlan0`.
 */
name: string, 
/**
 * Its address, e.g. `192.168.1.20`.
 */
address: string, };

export type PickedFile = { 
/**
 * What the submission names the file by.
 */
token: number, name: string, size: number, 
/**
 * The type in words, e.g. "PDF document".
 */
kind: string, };

export type PersonChoice = { id: number, name: string, email: string, departmentName: string | null, };

export type FieldFile = { fieldKey: string, token: number, };

export type PortalStatus = { running: boolean, pilotId: number | null, 
/**
 * The address participants open, e.g. `http://192.168.1.20:8080/`.
 */
url: string | null, 
/**
 * The address the server listens on, e.g. `0.0.0.0:8080`.
 */
address: string | null, 
/**
 * Open beyond this computer.
 */
network: boolean, 
/**
 * Served over HTTPS.
 */
https: boolean, 
/**
 * The certificate chosen for HTTPS (the file's path), if any.
 */
certificate: string | null, 
/**
 * The private key chosen for HTTPS (the file's path), if any.
 */
key: string | null, 
/**
 * Browsers active in the last five minutes.
 */
connected: number, 
/**
 * The address as a QR code (an SVG document), for phones in the room.
 */
qrSvg: string | null, };

export type IssuedPortalLink = { link: Link, url: string, 
/**
 * The URL as a QR code (an SVG document), for the participant's phone.
 */
qrSvg: string | null, };

export type LinkMail = { opened: boolean, 
/**
 * The invitation as one text ("Subject: ..." and the message).
 */
text: string, };

export type ArticleStatus = "draft" | "published";

export type Article = { id: number, departmentId: number, departmentName: string, catalogItemId: number | null, catalogItemName: string | null, title: string, 
/**
 * Markdown, kept as written; shown through `knowledge::render`.
 */
body: string, status: ArticleStatus, ownerId: number | null, ownerName: string | null, 
/**
 * `YYYY-MM-DD`: when the owner should check the article is still right.
 */
reviewDate: string, 
/**
 * "Yes, this answered my question": each one a request not made.
 */
answered: number, 
/**
 * "No, it did not".
 */
notAnswered: number, createdAt: string, updatedAt: string, };

export type ArticleInput = { departmentId: number, catalogItemId: number | null, title: string, body: string, ownerId: number | null, 
/**
 * `YYYY-MM-DD`.
 */
reviewDate: string, };

export type ArticleFilter = { 
/**
 * Words looked for in the title and the body, ignoring case.
 */
query: string, departmentId: number | null, catalogItemId: number | null, 
/**
 * Only published articles (what the portal shows).
 */
publishedOnly: boolean, };

export type ArticleNode = { kind: ArticleNodeKind, 
/**
 * The text of a `text` node; empty for the others.
 */
text?: string, 
/**
 * The address of a link.
 */
href?: string, children: Array<ArticleNode>, };

export type ArticleNodeKind = "p" | "h1" | "h2" | "h3" | "h4" | "ul" | "ol" | "li" | "blockquote" | "pre" | "code" | "strong" | "em" | "a" | "hr" | "br" | "text" | "span";

export type ShownArticle = { id: number, title: string, 
/**
 * The body as a tree of nodes (see [`to_nodes`]).
 */
body: Array<ArticleNode>, 
/**
 * The catalog item it answers, if any.
 */
catalogItemId: number | null, };

/** Keys and choice ids are at most this long. */
export const KEY_MAX: number = 64;

/** The first number a taken key or id gets as a suffix: `base_2`, `base_3`, … */
export const FIRST_DUPLICATE_SUFFIX: number = 2;

/** A saved queue view's name is at most this many characters. */
export const VIEW_NAME_MAX: number = 80;

/** A delegation's note is at most this many characters. */
export const DELEGATION_NOTE_MAX: number = 500;

/** A new department's hours (Monday to Friday, office hours) before its time zone is set. */
export const OFFICE_HOURS: Readonly<Omit<BusinessHours, "timeZone">> = {"dayEnd":"17:00","dayStart":"09:00","holidays":[],"workingDays":["mon","tue","wed","thu","fri"]};

/** Every command: its arguments and what it resolves to. */
export type Commands = {
  app_snapshot: { args: Record<string, never>; returns: AppSnapshot };
  workspace_new: { args: Record<string, never>; returns: AppSnapshot };
  workspace_open: { args: Record<string, never>; returns: AppSnapshot };
  workspace_open_recent: { args: { index: number }; returns: AppSnapshot };
  workspace_save_as: { args: Record<string, never>; returns: AppSnapshot };
  workspace_close: { args: Record<string, never>; returns: AppSnapshot };
  welcome_dismiss: { args: Record<string, never>; returns: null };
  demo_open: { args: Record<string, never>; returns: AppSnapshot };
  workspace_revision: { args: Record<string, never>; returns: string };
  departments_list: { args: { query: string }; returns: Array<Department> };
  department_create: { args: { input: DepartmentInput }; returns: Department };
  department_update: { args: { id: number; input: DepartmentInput }; returns: Department };
  department_usage: { args: { id: number }; returns: Usage };
  department_delete: { args: { id: number }; returns: null };
  people_list: { args: { query: string }; returns: Array<Person> };
  person_create: { args: { input: PersonInput }; returns: Person };
  person_update: { args: { id: number; input: PersonInput }; returns: Person };
  person_usage: { args: { id: number }; returns: Usage };
  person_delete: { args: { id: number }; returns: null };
  time_zones: { args: Record<string, never>; returns: Array<string> };
  import_choose: { args: Record<string, never>; returns: ImportPreview | null };
  import_preview: { args: { options: ImportOptions; applyRemembered: boolean; quick: boolean }; returns: ImportPreview };
  samples_list: { args: Record<string, never>; returns: Array<Sample> };
  import_sample: { args: { id: SampleId }; returns: ImportPreview };
  import_run: { args: { options: ImportOptions; onProgress: ProgressChannel<ImportProgress> }; returns: ImportSummary };
  import_cancel: { args: Record<string, never>; returns: null };
  imports_list: { args: Record<string, never>; returns: Array<ImportRecord> };
  catalog_list: { args: { filter: CatalogFilter }; returns: Array<CatalogSummary> };
  catalog_get: { args: { id: number }; returns: CatalogItem };
  catalog_create: { args: { name: string }; returns: CatalogItem };
  catalog_suggest: { args: { importId: number }; returns: Suggestion };
  catalog_create_from_import: { args: { importId: number; suggestion: Suggestion }; returns: CatalogItem };
  catalog_update: { args: { id: number; input: ItemInput }; returns: CatalogItem };
  catalog_check: { args: { input: ItemInput }; returns: Array<Issue> };
  catalog_publish: { args: { id: number }; returns: CatalogItem };
  catalog_retire: { args: { id: number }; returns: CatalogItem };
  catalog_delete: { args: { id: number }; returns: null };
  catalog_versions: { args: { id: number }; returns: Array<CatalogVersion> };
  catalog_categories: { args: Record<string, never>; returns: Array<string> };
  catalog_icons: { args: Record<string, never>; returns: Array<string> };
  catalog_baseline: { args: { id: number }; returns: BaselineSummary };
  catalog_preview_check: { args: { form: Form; answers: Record<string, unknown> }; returns: PreviewCheck };
  articles_list: { args: { filter: ArticleFilter }; returns: Array<Article> };
  article_create: { args: { input: ArticleInput }; returns: Article };
  article_update: { args: { id: number; input: ArticleInput }; returns: Article };
  article_set_status: { args: { id: number; status: ArticleStatus }; returns: Article };
  article_delete: { args: { id: number }; returns: null };
  pilots_list: { args: Record<string, never>; returns: Array<PilotSummary> };
  pilot_view: { args: { id: number }; returns: PilotView };
  pilot_create: { args: { input: PilotInput }; returns: Pilot };
  pilot_from_use_case: { args: { useCaseId: number }; returns: Pilot };
  pilot_update: { args: { id: number; input: PilotInput }; returns: Pilot };
  pilot_delete: { args: { id: number }; returns: null };
  pilot_start: { args: { id: number }; returns: Pilot };
  pilot_end: { args: { id: number; summary: string }; returns: Pilot };
  pilot_rehearse: { args: { id: number; options: RehearsalOptions }; returns: RehearsalSummary };
  pilot_rehearsal_remove: { args: { id: number }; returns: number };
  pilot_intake_sources: { args: { id: number }; returns: Array<IntakeSource> };
  pilot_take_in: { args: { id: number; source: number | null; onProgress: ProgressChannel<ImportProgress> }; returns: IntakeSummary | null };
  request_submit: { args: { request: NewRequest; files: Array<FieldFile>; personId: number }; returns: Request };
  attachment_pick: { args: Record<string, never>; returns: PickedFile | null };
  request_act: { args: { id: number; personId: number; action: RequestAction }; returns: Request };
  request_get: { args: { id: number; internal: boolean }; returns: Request };
  request_attach: { args: { id: number; personId: number }; returns: Request | null };
  attachment_save: { args: { requestId: number; attachmentId: number }; returns: string | null };
  requests_queue: { args: { filter: QueueFilter }; returns: QueuePage };
  requests_mine: { args: { pilotId: number; personId: number }; returns: Array<QueueRow> };
  requests_approvals: { args: { pilotId: number; personId: number }; returns: Array<QueueRow> };
  requests_assign: { args: { ids: Array<number>; personId: number; group: string | null; assignee: number | null }; returns: number };
  delegations: { args: { pilotId: number }; returns: Array<Delegation> };
  delegation_add: { args: { pilotId: number; delegation: DelegationInput }; returns: Delegation };
  delegation_end: { args: { id: number }; returns: null };
  queue_views: { args: Record<string, never>; returns: Array<QueueView> };
  queue_view_save: { args: { name: string; filter: ViewFilter }; returns: QueueView };
  queue_view_rename: { args: { id: number; name: string }; returns: QueueView };
  queue_view_delete: { args: { id: number }; returns: null };
  report_get: { args: { query: ReportQuery }; returns: ReportView };
  report_compare: { args: { query: ComparisonQuery }; returns: ComparisonView };
  report_tiles: { args: { scope: Scope }; returns: Array<TileView> };
  report_tile_save: { args: { scope: Scope; name: string; definition: TileDefinition }; returns: Tile };
  report_tile_delete: { args: { id: number }; returns: null };
  report_export: { args: { query: ReportQuery; format: ExportFormat; table: string | null; comparison: ComparisonQuery | null }; returns: string | null };
  backlog_list: { args: Record<string, never>; returns: Array<UseCase> };
  backlog_create: { args: { input: UseCaseInput }; returns: UseCase };
  backlog_update: { args: { id: number; input: UseCaseInput }; returns: UseCase };
  backlog_schedule: { args: { id: number; quarter: string | null }; returns: UseCase };
  backlog_delete: { args: { id: number }; returns: null };
  backlog_import: { args: Record<string, never>; returns: BacklogImport | null };
  roadmap_timeline: { args: Record<string, never>; returns: Timeline };
  roadmap_export: { args: { format: PictureFormat }; returns: string | null };
  programme_get: { args: Record<string, never>; returns: Programme };
  portal_start: { args: { pilotId: number; bind: PortalBind; interface: string | null; port: number | null }; returns: PortalStatus };
  portal_stop: { args: Record<string, never>; returns: PortalStatus };
  portal_status: { args: Record<string, never>; returns: PortalStatus };
  portal_links: { args: { pilotId: number }; returns: Array<Link> };
  portal_link_issue: { args: { pilotId: number; personId: number; role: ParticipantRole; days: number }; returns: IssuedPortalLink };
  portal_link_revoke: { args: { id: number }; returns: Link };
  portal_link_mail: { args: { id: number }; returns: LinkMail };
  portal_tls_choose: { args: { file: PortalTlsFile }; returns: PortalStatus };
  portal_tls_forget: { args: Record<string, never>; returns: PortalStatus };
  portal_interfaces: { args: Record<string, never>; returns: Array<NetworkInterface> };
  story_get: { args: { pilotId: number }; returns: Story };
  story_save: { args: { pilotId: number; text: StoryText }; returns: Story };
  story_export: { args: { pilotId: number; format: StoryFormat; paper: Paper }; returns: string | null };
  story_kit_export: { args: { pilotId: number; piece: KitPiece; paper: Paper }; returns: string | null };
  outbox_unsent: { args: { pilotId: number }; returns: Array<OutboxBatch> };
  outbox_mail: { args: { pilotId: number; personId: number }; returns: number };
  outbox_mark_sent: { args: { pilotId: number; ids: Array<number> }; returns: number };
};
