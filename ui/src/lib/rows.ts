// What a long table shows: a window of rows around the scroll position,
// and rows in the order the user sorted them. Pure functions, so the table
// component stays thin and the rules are tested on their own.

/** Rows that are drawn when rows of `rowHeight` pixels are scrolled to
 * `scrollTop` in a viewport `viewport` pixels high: the visible ones and
 * `overscan` more on either side. `end` is exclusive. Before the viewport
 * is measured (0), a screenful is assumed so the first paint is not empty. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): { start: number; end: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight));
  const shown = Math.ceil((viewport > 0 ? viewport : 1200) / rowHeight) + 1;
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, first + shown + overscan);
  return { start, end };
}

/** The scroll position that brings row `index` fully into view, or the
 * current one when it is already visible. */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}

export type SortDirection = "ascending" | "descending";

/** `rows` sorted by `compare`, in `direction`; the input is left as it is
 * and rows that compare equal keep their order. */
export function sortRows<T>(
  rows: readonly T[],
  compare: ((a: T, b: T) => number) | undefined,
  direction: SortDirection,
): T[] {
  if (!compare) return [...rows];
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, i) => [row, i] as const)
    .sort(([a, i], [b, j]) => sign * compare(a, b) || i - j)
    .map(([row]) => row);
}

/** Compares texts as people sort names: by letters, ignoring case and accents, numbers by value. */
const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
export const byText =
  <T>(text: (row: T) => string | null | undefined) =>
  (a: T, b: T) =>
    collator.compare(text(a) ?? "", text(b) ?? "");

export const byNumber =
  <T>(number: (row: T) => number) =>
  (a: T, b: T) =>
    number(a) - number(b);
