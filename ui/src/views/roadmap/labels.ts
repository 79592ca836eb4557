import type { UseCaseChannel, UseCaseStatus } from "$lib/backend";

export const statuses: { id: UseCaseStatus; label: string }[] = [
  { id: "idea", label: "Idea" },
  { id: "candidate", label: "Candidate" },
  { id: "piloting", label: "Piloting" },
  { id: "live", label: "Live" },
  { id: "retired", label: "Retired" },
];

/** The moves the lifecycle allows from a status (the backend checks them
 * too): one step forward or back, retire from anywhere, retired back to an
 * idea. */
export function nextStatuses(from: UseCaseStatus): UseCaseStatus[] {
  const moves: Record<UseCaseStatus, UseCaseStatus[]> = {
    idea: ["candidate", "retired"],
    candidate: ["idea", "piloting", "retired"],
    piloting: ["candidate", "live", "retired"],
    live: ["retired"],
    retired: ["idea"],
  };
  return [from, ...moves[from]];
}

export function statusLabel(status: UseCaseStatus): string {
  return statuses.find((s) => s.id === status)?.label ?? status;
}

/** Badge colours per status, the same as the exported roadmap picture. */
export const statusClass: Record<UseCaseStatus, string> = {
  idea: "bg-slate-100 text-slate-700 border-slate-300",
  candidate: "bg-blue-50 text-blue-800 border-blue-300",
  piloting: "bg-amber-50 text-amber-800 border-amber-300",
  live: "bg-green-50 text-green-800 border-green-300",
  retired: "bg-neutral-100 text-neutral-500 border-neutral-300",
};

export const channels: { id: UseCaseChannel; label: string }[] = [
  { id: "paper", label: "Paper" },
  { id: "email", label: "E-mail" },
  { id: "sharepoint_list", label: "SharePoint list" },
  { id: "spreadsheet", label: "Spreadsheet" },
  { id: "other", label: "Other" },
];

export function channelLabel(channel: UseCaseChannel): string {
  return channels.find((c) => c.id === channel)?.label ?? channel;
}

/** Whole money units in the estimate's currency; a currency that is not an
 * ISO code is written before the number as it is. */
export function money(value: number, currency: string): string {
  // A department with nothing to gain sums to -0, which would show as "-€ 0".
  if (Object.is(value, -0)) value = 0;
  try {
    return new Intl.NumberFormat(undefined, {
      style: "currency",
      currency,
      maximumFractionDigits: 0,
    }).format(value);
  } catch {
    return `${currency} ${Math.round(value).toLocaleString()}`;
  }
}

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
export function number(value: number): string {
  return oneDecimal.format(value);
}

/** The quarter `n` quarters after `quarter` (`2027-Q1` → `2027-Q2`). */
export function shiftQuarter(quarter: string, n: number): string {
  const [year, q] = quarter.split("-Q").map(Number);
  const index = year * 4 + (q - 1) + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}
