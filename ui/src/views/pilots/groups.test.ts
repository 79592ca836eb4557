import { describe, expect, it } from "vitest";
import { groupsLabel, pilotGroups, stillThere, toggled } from "./groups";

const items = [
  { id: 1, assignmentGroup: "Payroll" },
  { id: 2, assignmentGroup: "HR Services" },
  { id: 3, assignmentGroup: " Payroll " },
  { id: 4, assignmentGroup: "" },
  { id: 5, assignmentGroup: "Facilities desk" },
];

describe("a pilot's assignment groups", () => {
  it("are the groups of the items in scope, each once, alphabetically", () => {
    expect(pilotGroups(items, [1, 2, 3, 4])).toEqual(["HR Services", "Payroll"]);
  });

  it("leave out items outside the scope and items that name no group", () => {
    expect(pilotGroups(items, [4])).toEqual([]);
    expect(pilotGroups(items, [5])).toEqual(["Facilities desk"]);
  });
});

describe("a fulfiller's groups", () => {
  it("gain and lose a group, kept in alphabetical order", () => {
    expect(toggled(["Payroll"], "HR Services", true)).toEqual(["HR Services", "Payroll"]);
    expect(toggled(["HR Services", "Payroll"], "Payroll", false)).toEqual(["HR Services"]);
    expect(toggled(["Payroll"], "Payroll", true)).toEqual(["Payroll"]);
  });

  it("lose a group whose items all left the pilot's scope", () => {
    expect(stillThere(["HR Services", "Payroll"], ["Payroll"])).toEqual(["Payroll"]);
  });

  it("read as all groups when none were given", () => {
    expect(groupsLabel([])).toBe("All groups");
    expect(groupsLabel(["HR Services", "Payroll"])).toBe("HR Services, Payroll");
  });
});
