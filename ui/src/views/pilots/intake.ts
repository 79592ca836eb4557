// The words of an intake's summary: what taking in a newer export added,
// updated and left alone, per item, as the pilot page shows them.
import type { IntakeSummary, ItemIntake } from "$lib/backend";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line of counts for an item. */
export function itemCounts(item: ItemIntake): string {
  const parts = [
    `${item.added} added`,
    item.events > 0
      ? `${item.updated} updated (${count(item.events, "event", "events")})`
      : `${item.updated} updated`,
    `${item.leftAlone.length} left alone`,
  ];
  const quiet = [
    item.unchanged > 0 ? `${count(item.unchanged, "row", "rows")} taken in before, unchanged` : "",
    item.baseline > 0
      ? `${count(item.baseline, "row", "rows")} from before the pilot stay the baseline`
      : "",
  ].filter(Boolean);
  return parts.join(" · ") + (quiet.length > 0 ? `. ${quiet.join("; ")}.` : ".");
}

/** Each row left alone as "Line 9: why". */
export function leftAloneLines(item: ItemIntake): string[] {
  return item.leftAlone.map((l) => `Line ${l.line}: ${l.reason}`);
}

/** Each open request whose response the export no longer has, as
 * "Request 12 of Ben Ohm, sent 2026-03-04T12:16:40Z: what was done". */
export function goneLines(item: ItemIntake): string[] {
  return item.noLongerInExport.map(
    (g) =>
      `Request ${g.requestId}${g.requesterName ? ` of ${g.requesterName}` : ""}, sent ${g.openedAt}: ${g.note}`,
  );
}

/** The headline: the file and how many requests it added in all. */
export function intakeHeadline(summary: IntakeSummary): string {
  const added = summary.items.reduce((n, i) => n + i.added, 0);
  const updated = summary.items.reduce((n, i) => n + i.updated, 0);
  if (added === 0 && updated === 0) {
    return `${summary.fileName}: nothing new to take in.`;
  }
  return `${summary.fileName}: ${count(added, "new request", "new requests")}, ${count(updated, "request", "requests")} updated.`;
}
