import { describe, expect, it } from "vitest";
import type { CatalogSummary } from "$lib/backend";
import { byCategory } from "./groups";

function item(id: number, name: string, category: string): CatalogSummary {
  return {
    id,
    name,
    shortDescription: "",
    icon: "box",
    category,
    departmentId: null,
    departmentName: null,
    requestType: "service",
    status: "draft",
    publishedVersion: null,
    hasUnpublishedChanges: false,
    updatedAt: "2026-01-01T00:00:00Z",
    assignmentGroup: "",
  };
}

describe("the catalog's groups", () => {
  it("are the categories in alphabetical order, items kept in the order they came", () => {
    const groups = byCategory([
      item(1, "Laptop", "Hardware"),
      item(2, "Onboarding", "HR"),
      item(3, "Monitor", "Hardware"),
    ]);
    expect(groups.map(([name, items]) => [name, items.map((i) => i.name)])).toEqual([
      ["Hardware", ["Laptop", "Monitor"]],
      ["HR", ["Onboarding"]],
    ]);
  });

  it("put items without a category under Uncategorised", () => {
    expect(byCategory([item(1, "Misc", "")])[0][0]).toBe("Uncategorised");
  });

  it("are none for no items", () => {
    expect(byCategory([])).toEqual([]);
  });
});
