import type { CatalogSummary } from "$lib/backend";

/** Catalog items grouped by category, the way a requester browses a
 * catalog: categories in alphabetical order, items without one under
 * "Uncategorised", each group in the order the items came. */
export function byCategory(items: readonly CatalogSummary[]): [string, CatalogSummary[]][] {
  const groups: Record<string, CatalogSummary[]> = {};
  for (const item of items) {
    (groups[item.category || "Uncategorised"] ??= []).push(item);
  }
  return Object.entries(groups).sort(([a], [b]) => a.localeCompare(b));
}
