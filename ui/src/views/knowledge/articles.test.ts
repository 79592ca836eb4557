import { describe, expect, it } from "vitest";
import { blankArticle, monthsLater, reviewDue } from "./articles";

describe("knowledge articles", () => {
  it("a new article is due for review six months after it is written", () => {
    expect(blankArticle(3, "2026-11-30")).toMatchObject({
      departmentId: 3,
      catalogItemId: null,
      reviewDate: "2027-05-30",
    });
  });

  it("a day the later month lacks becomes its last day", () => {
    expect(monthsLater("2026-08-31", 6)).toBe("2027-02-28");
  });

  it("a review is due on its date and after it", () => {
    expect(reviewDue("2026-11-30", "2026-11-30")).toBe(true);
    expect(reviewDue("2026-12-01", "2026-11-30")).toBe(false);
  });
});
