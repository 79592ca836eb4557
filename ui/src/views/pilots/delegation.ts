// An approver's absence as the app asks for it (whole days in the viewer's
// zone) and as the core keeps it (UTC instants, the end not included).

/** `YYYY-MM-DD` of a local date. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight at the start of `day` (`YYYY-MM-DD`), or null when it is
 * not a date. */
function midnight(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The period from the start of `first` to the end of `last` (both local
 * days, included), as the core takes it; null when a day is missing. */
export function periodOfDays(
  first: string,
  last: string,
): { startsAt: string; endsAt: string } | null {
  const start = midnight(first);
  const end = midnight(last);
  if (!start || !end) return null;
  // The day after `last`, built from the calendar date rather than by adding
  // 24 hours, so a day with a clock change still ends at midnight.
  const after = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1);
  return { startsAt: start.toISOString(), endsAt: after.toISOString() };
}

const day = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

/** A stored period as the days it covers in the viewer's zone:
 * "3 Mar 2026 – 5 Mar 2026", or one day alone. */
export function formatDays(startsAt: string, endsAt: string): string {
  const first = new Date(startsAt);
  // The end is not included: the last day is the one just before it.
  const last = new Date(new Date(endsAt).getTime() - 1);
  const a = day.format(first);
  const b = day.format(last);
  return a === b ? a : `${a} – ${b}`;
}
