import { describe, expect, it } from "vitest";
import type { ViewFilter } from "$lib/backend";
import { clickSelection, keepListed, sameFilter } from "./selection";

const ids = [11, 12, 13, 14, 15];
const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe("selecting requests in the queue", () => {
  it("a click toggles the one request", () => {
    const once = clickSelection(new Set(), ids, 1, null, false);
    expect(sorted(once)).toEqual([12]);
    expect(sorted(clickSelection(once, ids, 1, 1, false))).toEqual([]);
  });

  it("a shift-click selects every request from the anchor to it, either way", () => {
    expect(sorted(clickSelection(new Set([12]), ids, 3, 1, true))).toEqual([12, 13, 14]);
    expect(sorted(clickSelection(new Set([15]), ids, 2, 4, true))).toEqual([13, 14, 15]);
  });

  it("a shift-click on a selected request clears the range instead", () => {
    const all = new Set(ids);
    expect(sorted(clickSelection(all, ids, 3, 1, true))).toEqual([11, 15]);
  });

  it("a shift-click without an anchor toggles the one request", () => {
    expect(sorted(clickSelection(new Set(), ids, 2, null, true))).toEqual([13]);
  });

  it("requests no longer listed leave the selection", () => {
    expect(sorted(keepListed(new Set([11, 99, 14]), ids))).toEqual([11, 14]);
  });
});

describe("recognising the saved view in use", () => {
  const base: ViewFilter = {
    states: ["in_progress", "on_hold"],
    itemId: null,
    priority: 2,
    atRisk: false,
    mine: true,
    group: null,
  };

  it("ignores the order of states and an empty group", () => {
    expect(sameFilter(base, { ...base, states: ["on_hold", "in_progress"], group: " " })).toBe(
      true,
    );
  });

  it("tells apart filters that show other requests", () => {
    expect(sameFilter(base, { ...base, mine: false })).toBe(false);
    expect(sameFilter(base, { ...base, priority: null })).toBe(false);
  });
});
