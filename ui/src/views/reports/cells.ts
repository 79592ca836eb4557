import type { Cell } from "$lib/backend";

const decimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A table cell as text: numbers in the user's locale, empty as a dash. */
export function formatCell(cell: Cell): string {
  if (cell === null) return "—";
  if (typeof cell === "number") return decimals.format(cell);
  return cell;
}

/** Hours with one decimal, or a dash. */
export function formatHours(hours: number | null | undefined): string {
  return hours === null || hours === undefined
    ? "—"
    : `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(hours)} h`;
}

/** One line or set of bars of a weekly chart. */
export interface Series {
  label: string;
  values: number[];
  /** A design token name, e.g. "primary" or "success". */
  color: string;
}
