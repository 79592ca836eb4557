import type { BusinessHours, Role, Weekday } from "$lib/backend";

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

export function roleLabel(role: Role): string {
  return roles.find((r) => r.id === role)?.label ?? role;
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
