import { describe, expect, it } from "vitest";
import type { Form, FormField } from "$lib/backend";
import rule from "../../../../../tests/fixtures/rules/key_from_label.json";
import {
  KEY_MAX,
  changeType,
  convertValue,
  describeValue,
  hasStrayLimits,
  keyFromLabel,
  newChoice,
  newField,
  tidyKey,
  unique,
} from "./fields";

describe("a key made from a label", () => {
  it.each(rule.examples)("turns $label into $key, as the core does", ({ label, key }) => {
    expect(keyFromLabel(label)).toBe(key);
  });

  it("is at most as long as the core allows", () => {
    expect(KEY_MAX).toBe(rule.keyMax);
  });
});

describe("a unique name", () => {
  it("is the base when the base is free", () => {
    expect(unique("name", ["other"])).toBe("name");
  });

  it("gets the first free number from 2 on when the base is taken", () => {
    expect(unique("name", ["name", "name_2"])).toBe("name_3");
  });
});

describe("a key typed by hand", () => {
  it("becomes lower case with underscores for spaces and dashes", () => {
    expect(tidyKey("Cost Centre-code")).toBe("cost_centre_code");
  });

  it("loses what a key cannot hold and stops at the length limit", () => {
    expect(tidyKey("größe!")).toBe("gre");
    expect(tidyKey("x".repeat(100))).toHaveLength(KEY_MAX);
  });
});

const empty: Form = { fields: [] };

function field(overrides: Partial<FormField>): FormField {
  return { ...newField(empty, "Field"), ...overrides };
}

describe("a new field", () => {
  it("takes a key from its label that no other field has", () => {
    const form: Form = { fields: [field({ key: "cost_centre" })] };
    expect(newField(form, "Cost centre").key).toBe("cost_centre_2");
  });

  it("starts optional, with no default, choices or limits", () => {
    const made = newField(empty, "Name");
    expect(made).toMatchObject({ required: false, default: null, choices: [], showWhen: null });
    expect(Object.values(made.validation).every((v) => v === null)).toBe(true);
  });
});

describe("a new choice", () => {
  it("takes an id from its label that no other choice has", () => {
    expect(newChoice([{ id: "yes", label: "Yes" }], "Yes!")).toEqual({
      id: "yes_2",
      label: "Yes!",
    });
  });
});

describe("a default carried to another type", () => {
  it("stays when both types are text, numbers, or dates", () => {
    expect(convertValue("a@b.c", "email", "text")).toBe("a@b.c");
    expect(convertValue(3, "integer", "currency")).toBe(3);
  });

  it("is cut to the day, or given midnight, between dates and date-times", () => {
    expect(convertValue("2026-03-01T10:30", "datetime", "date")).toBe("2026-03-01");
    expect(convertValue("2026-03-01", "date", "datetime")).toBe("2026-03-01T00:00");
  });

  it("becomes a one-item list, or the first item, between choice kinds", () => {
    expect(convertValue("a", "choice", "multi_choice")).toEqual(["a"]);
    expect(convertValue(["a", "b"], "multi_choice", "choice")).toBe("a");
  });

  it("is dropped where it no longer means the same", () => {
    expect(convertValue("12", "text", "integer")).toBeNull();
    expect(convertValue("", "text", "text")).toBeNull();
  });
});

describe("changing a field's type", () => {
  it("keeps the bounds between number types and drops text limits", () => {
    const f = field({
      type: "integer",
      validation: { min: 1, max: 9, minLength: null, maxLength: null, pattern: null },
    });
    changeType(f, "decimal");
    expect(f.validation).toMatchObject({ min: 1, max: 9 });
    changeType(f, "text");
    expect(f.validation).toMatchObject({ min: null, max: null });
  });

  it("is noticed as stray limits when limits stay that the type cannot use", () => {
    const f = field({
      type: "yes_no",
      validation: { min: null, max: null, minLength: 2, maxLength: null, pattern: null },
    });
    expect(hasStrayLimits(f)).toBe(true);
    expect(hasStrayLimits(field({ type: "text", validation: f.validation }))).toBe(false);
  });
});

describe("a condition's value as people read it", () => {
  const colour = field({
    type: "choice",
    choices: [
      { id: "red", label: "Red" },
      { id: "blue", label: "" },
    ],
  });

  it("is the choice's label, or its id when the label is empty", () => {
    expect(describeValue(colour, "red")).toBe("Red");
    expect(describeValue(colour, "blue")).toBe("blue");
  });

  it("is Yes or No for a yes/no answer, and … for none", () => {
    expect(describeValue(undefined, true)).toBe("Yes");
    expect(describeValue(undefined, false)).toBe("No");
    expect(describeValue(undefined, null)).toBe("…");
  });
});
