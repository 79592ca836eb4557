import { describe, expect, it } from "vitest";
import type { IntakeSummary, ItemIntake } from "$lib/backend";
import { goneLines, intakeHeadline, itemCounts, leftAloneLines } from "./intake";

const item = (over: Partial<ItemIntake> = {}): ItemIntake => ({
  itemId: 1,
  itemName: "Work order",
  added: 3,
  updated: 0,
  events: 0,
  unchanged: 0,
  baseline: 5,
  leftAlone: [{ line: 9, reason: "“zoe@example.org” is not in the directory." }],
  noLongerInExport: [],
  ...over,
});

const summary = (items: ItemIntake[]): IntakeSummary => ({
  pilotId: 1,
  fileName: "export.csv",
  importId: 2,
  replaced: 1,
  items,
});

describe("an intake's summary", () => {
  it("counts what was added, updated and left alone, then what stayed quiet", () => {
    expect(itemCounts(item())).toBe(
      "3 added · 0 updated · 1 left alone. 5 rows from before the pilot stay the baseline.",
    );
    expect(itemCounts(item({ added: 0, updated: 1, events: 2, unchanged: 1, leftAlone: [] }))).toBe(
      "0 added · 1 updated (2 events) · 0 left alone. 1 row taken in before, unchanged; 5 rows from before the pilot stay the baseline.",
    );
  });

  it("names each row left alone by its line", () => {
    expect(leftAloneLines(item())).toEqual(["Line 9: “zoe@example.org” is not in the directory."]);
  });

  it("names each request whose response the export no longer has, and what was done", () => {
    const gone = {
      requestId: 12,
      openedAt: "2026-03-04T12:16:40Z",
      requesterName: "Ben Ohm",
      cancelled: true,
      note: "Its response is no longer in export.csv: it was deleted from the source, so the request is cancelled.",
    };
    expect(goneLines(item({ noLongerInExport: [gone] }))).toEqual([
      "Request 12 of Ben Ohm, sent 2026-03-04T12:16:40Z: Its response is no longer in export.csv: it was deleted from the source, so the request is cancelled.",
    ]);
  });

  it("says when an export brought nothing new", () => {
    expect(intakeHeadline(summary([item({ added: 0 })]))).toBe(
      "export.csv: nothing new to take in.",
    );
    expect(intakeHeadline(summary([item(), item({ added: 1, updated: 1 })]))).toBe(
      "export.csv: 4 new requests, 1 request updated.",
    );
  });
});
