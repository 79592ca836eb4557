// How answers look in inputs, for every place that asks for one: the form
// builder's defaults and conditions, the live preview and the portal.
import type { FieldType } from "$lib/backend";

/** Whether a value counts as no answer (null, blank text, empty list). */
export function isBlank(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** A value as an input shows it: text and numbers as text, anything else
 * (no answer, a list) as nothing. */
export function asText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** A number input's value: a finite number, or null when it is blank or
 * not a number. */
export function numberOrNull(raw: string): number | null {
  if (raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** The HTML input type of a field type that has its own. */
export const inputTypes: Partial<Record<FieldType, string>> = {
  email: "email",
  phone: "tel",
  url: "url",
  date: "date",
  datetime: "datetime-local",
};

/** The step of a number field's input. */
export const steps: Partial<Record<FieldType, string>> = {
  integer: "1",
  currency: "0.01",
  decimal: "any",
};
