import { describe, expect, it } from "vitest";
import {
  columnRoleLabel,
  fieldTypeLabel,
  formatBytes,
  formatDays,
  formatHours,
  requestTypeLabel,
  roleLabel,
  statusLabel,
} from "./format";

describe("working days", () => {
  it("read as a run when three or more follow each other", () => {
    expect(formatDays(["mon", "tue", "wed", "thu", "fri"])).toBe("Mon–Fri");
  });

  it("are listed in week order when they are not a run", () => {
    expect(formatDays(["fri", "mon", "wed"])).toBe("Mon, Wed, Fri");
    expect(formatDays(["mon", "tue"])).toBe("Mon, Tue");
  });

  it("say so when there are none", () => {
    expect(formatDays([])).toBe("No working days");
  });
});

describe("business hours", () => {
  it("show the days and the working day", () => {
    const hours = {
      timeZone: "Europe/Prague",
      workingDays: ["mon", "tue", "wed"] as const,
      dayStart: "08:00",
      dayEnd: "16:30",
      holidays: [],
    };
    expect(formatHours({ ...hours, workingDays: [...hours.workingDays] })).toBe(
      "Mon–Wed · 08:00–16:30",
    );
  });
});

describe("file sizes", () => {
  it("are in bytes below a kilobyte and in the largest fitting unit above", () => {
    expect(formatBytes(512)).toMatch(/^512 bytes$/);
    expect(formatBytes(1536)).toMatch(/^1[.,]5 KB$/);
    expect(formatBytes(5 * 1024 * 1024)).toMatch(/^5 MB$/);
  });
});

describe("labels of closed sets", () => {
  it("name roles, field types, request types and column roles as the UI shows them", () => {
    expect(roleLabel("department_head")).toBe("Department head");
    expect(fieldTypeLabel("yes_no")).toBe("Yes / No");
    expect(requestTypeLabel("assistance")).toBe("Assistance with an issue");
    expect(columnRoleLabel("opened_at")).toBe("Opened at");
  });

  it("say which version is published", () => {
    expect(statusLabel("published", 3)).toBe("Published · v3");
    expect(statusLabel("published", null)).toBe("Published");
    expect(statusLabel("draft", 2)).toBe("Draft");
    expect(statusLabel("retired", 1)).toBe("Retired");
  });
});
