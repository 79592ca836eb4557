import { describe, expect, it } from "vitest";
import { formatDays, isoDay, periodOfDays } from "./delegation";

describe("an approver's days away", () => {
  it("run from the first day's local midnight to the midnight after the last", () => {
    const period = periodOfDays("2026-03-03", "2026-03-05");
    expect(period).not.toBeNull();
    expect(new Date(period!.startsAt).getTime()).toBe(new Date(2026, 2, 3).getTime());
    expect(new Date(period!.endsAt).getTime()).toBe(new Date(2026, 2, 6).getTime());
  });

  it("are refused when a day is not a date", () => {
    expect(periodOfDays("", "2026-03-05")).toBeNull();
    expect(periodOfDays("2026-03-03", "next week")).toBeNull();
  });

  it("show as the days they cover, one day alone", () => {
    const one = periodOfDays("2026-03-03", "2026-03-03")!;
    expect(formatDays(one.startsAt, one.endsAt)).not.toContain("–");
    const three = periodOfDays("2026-03-03", "2026-03-05")!;
    const shown = formatDays(three.startsAt, three.endsAt);
    expect(shown).toContain("–");
    expect(shown).toContain("5");
  });

  it("round-trip a local day through its ISO name", () => {
    expect(isoDay(new Date(2026, 11, 1))).toBe("2026-12-01");
  });
});
