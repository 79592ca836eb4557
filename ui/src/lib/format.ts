import type {
  BusinessHours,
  ColumnRole,
  FieldType,
  RequestType,
  Role,
  Source,
  Status,
  Weekday,
} from "$lib/backend";

export const weekdays: { id: Weekday; short: string }[] = [
  { id: "mon", short: "Mon" },
  { id: "tue", short: "Tue" },
  { id: "wed", short: "Wed" },
  { id: "thu", short: "Thu" },
  { id: "fri", short: "Fri" },
  { id: "sat", short: "Sat" },
  { id: "sun", short: "Sun" },
];

export const roles: { id: Role; label: string }[] = [
  { id: "requester", label: "Requester" },
  { id: "fulfiller", label: "Fulfiller" },
  { id: "approver", label: "Approver" },
  { id: "analyst", label: "Business analyst" },
  { id: "department_head", label: "Department head" },
  { id: "champion", label: "Champion" },
];

/** The label of `id` in a list of labelled ids, or the id itself. */
function labelIn<T extends string>(list: readonly { id: T; label: string }[], id: T): string {
  return list.find((r) => r.id === id)?.label ?? id;
}

export function roleLabel(role: Role): string {
  return labelIn(roles, role);
}

/** "Mon–Fri", or "Mon, Wed, Fri" where the days are not a run. */
export function formatDays(days: Weekday[]): string {
  const idx = days.map((d) => weekdays.findIndex((w) => w.id === d)).sort((a, b) => a - b);
  if (idx.length === 0) return "No working days";
  const isRun = idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
  if (isRun && idx.length > 2) {
    return `${weekdays[idx[0]].short}–${weekdays[idx[idx.length - 1]].short}`;
  }
  return idx.map((i) => weekdays[i].short).join(", ");
}

export function formatHours(hours: BusinessHours): string {
  return `${formatDays(hours.workingDays)} · ${hours.dayStart}–${hours.dayEnd}`;
}

const fieldTypes: Record<FieldType, string> = {
  text: "Text",
  long_text: "Long text",
  integer: "Whole number",
  decimal: "Decimal",
  currency: "Amount",
  date: "Date",
  datetime: "Date and time",
  yes_no: "Yes / No",
  choice: "Choice",
  multi_choice: "Multiple choice",
  email: "E-mail",
  phone: "Phone",
  url: "Link",
  person: "Person",
  attachment: "Attachment",
};

export function fieldTypeLabel(type: FieldType): string {
  return fieldTypes[type] ?? type;
}

const sources: Record<Source, string> = {
  sharepoint: "SharePoint list",
  "microsoft-forms": "Microsoft Forms responses",
  "google-forms": "Google Forms responses",
  "form-definition": "A paper form, one row per field",
  table: "A table",
};

export function sourceLabel(source: Source): string {
  return sources[source] ?? source;
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

export const requestTypes: { id: RequestType; label: string; hint: string }[] = [
  { id: "product", label: "A product", hint: "something the requester receives, like a laptop" },
  { id: "service", label: "A service", hint: "work done for the requester, like onboarding" },
  { id: "information", label: "Information", hint: "an answer or a document" },
  { id: "change", label: "A change", hint: "a change to something that exists" },
  { id: "assistance", label: "Assistance with an issue", hint: "help when something is wrong" },
];

export function requestTypeLabel(type: RequestType): string {
  return labelIn(requestTypes, type);
}

export function statusLabel(status: Status, version: number | null): string {
  if (status === "published") return version ? `Published · v${version}` : "Published";
  if (status === "retired") return "Retired";
  return "Draft";
}

/** Every field type, in the order a type menu lists them. */
export const fieldTypeIds = Object.keys(fieldTypes) as FieldType[];

/** Whether a field of this type offers a list of choices. */
export function hasChoiceList(type: FieldType): boolean {
  return type === "choice" || type === "multi_choice";
}

/** What an imported column can be used for, as the import wizard names it. */
export const columnRoles: { id: ColumnRole; label: string }[] = [
  { id: "field", label: "Form field" },
  { id: "ignore", label: "Ignore" },
  { id: "id", label: "Record id" },
  { id: "opened_at", label: "Opened at" },
  { id: "first_response_at", label: "First response at" },
  { id: "resolved_at", label: "Resolved at" },
  { id: "closed_at", label: "Closed at" },
  { id: "requester", label: "Requester" },
  { id: "requested_for", label: "Requested for" },
  { id: "assignee", label: "Assignee" },
  { id: "assignment_group", label: "Assignment group" },
  { id: "status", label: "Status" },
  { id: "priority", label: "Priority" },
  { id: "category", label: "Category" },
];

export function columnRoleLabel(role: ColumnRole): string {
  return labelIn(columnRoles, role);
}
