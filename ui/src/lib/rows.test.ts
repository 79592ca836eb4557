import { describe, expect, it } from "vitest";
import { byNumber, byText, scrollToShow, sortRows, visibleRange } from "./rows";

describe("the rows a long table draws", () => {
  it("are the visible ones and a few around them, not all 100,000", () => {
    const { start, end } = visibleRange(40 * 50_000, 400, 40, 100_000, 5);
    expect(start).toBe(50_000 - 5);
    expect(end).toBe(50_000 + 11 + 5);
  });

  it("start at the top and stop at the last row", () => {
    expect(visibleRange(0, 400, 40, 3)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(0, 400, 40, 0)).toEqual({ start: 0, end: 0 });
  });

  it("fill a screen before the viewport is measured", () => {
    expect(visibleRange(0, 0, 40, 1000).end).toBeGreaterThan(20);
  });

  it("stay within the rows when scrolled past the end", () => {
    const { start, end } = visibleRange(1_000_000, 400, 40, 100);
    expect(end).toBe(100);
    expect(start).toBeLessThanOrEqual(end);
  });
});

describe("scrolling to a row", () => {
  it("moves only when the row is out of view", () => {
    expect(scrollToShow(5, 0, 400, 40)).toBe(0);
    expect(scrollToShow(20, 0, 400, 40)).toBe(21 * 40 - 400);
    expect(scrollToShow(2, 400, 400, 40)).toBe(80);
  });
});

describe("sorting rows", () => {
  const people = [
    { name: "émile", age: 30 },
    { name: "Ada", age: 30 },
    { name: "bob", age: 20 },
  ];

  it("orders names by letters, ignoring case and accents", () => {
    const sorted = sortRows(
      people,
      byText((p) => p.name),
      "ascending",
    );
    expect(sorted.map((p) => p.name)).toEqual(["Ada", "bob", "émile"]);
  });

  it("keeps the order of equal rows in both directions", () => {
    const up = sortRows(
      people,
      byNumber((p) => p.age),
      "ascending",
    );
    const down = sortRows(
      people,
      byNumber((p) => p.age),
      "descending",
    );
    expect(up.map((p) => p.name)).toEqual(["bob", "émile", "Ada"]);
    expect(down.map((p) => p.name)).toEqual(["émile", "Ada", "bob"]);
  });

  it("leaves the rows as they came without a column to sort by", () => {
    expect(sortRows(people, undefined, "descending")).toEqual(people);
  });
});
