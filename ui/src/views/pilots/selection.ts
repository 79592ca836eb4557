// The queue's selection of requests for bulk assignment: a click toggles
// one request, a shift-click sets every request between the last one
// clicked (the anchor) and this one to the state the click gave it, as
// file managers and mail clients do.

import type { ViewFilter } from "$lib/backend";

/** The selection after clicking the request at `index` of `ids`. */
export function clickSelection(
  selected: ReadonlySet<number>,
  ids: readonly number[],
  index: number,
  anchor: number | null,
  range: boolean,
): Set<number> {
  const next = new Set(selected);
  const id = ids[index];
  if (id === undefined) return next;
  const on = !selected.has(id);
  const from = range && anchor !== null && anchor < ids.length ? anchor : index;
  const [low, high] = from <= index ? [from, index] : [index, from];
  for (const each of ids.slice(low, high + 1)) {
    if (on) next.add(each);
    else next.delete(each);
  }
  return next;
}

/** The selection kept after the list changed: only what is still listed. */
export function keepListed(selected: ReadonlySet<number>, ids: readonly number[]): Set<number> {
  const listed = new Set(ids);
  return new Set([...selected].filter((id) => listed.has(id)));
}

/** Whether two views filter the same requests (the order of states aside). */
export function sameFilter(a: ViewFilter, b: ViewFilter): boolean {
  const key = (f: ViewFilter) =>
    JSON.stringify([
      [...f.states].sort(),
      f.itemId,
      f.priority,
      f.atRisk,
      f.mine,
      f.group?.trim() || null,
    ]);
  return key(a) === key(b);
}
