// Small helpers the form builder and its preview share. They shape data
// only: whether an answer is valid is the backend's call, never ours.
import {
  FIRST_DUPLICATE_SUFFIX,
  KEY_MAX,
  type Choice,
  type FieldType,
  type Form,
  type FormField,
  type Issue,
  type Validation,
} from "$lib/backend";
import { isBlank } from "$lib/answers";

export { isBlank };

/** Every field type in menu order, and whether one offers choices, as the
 * rest of the UI knows them. */
export { fieldTypeIds as fieldTypes, hasChoiceList as hasChoices } from "$lib/format";

export const isNumeric = (t: FieldType) => t === "integer" || t === "decimal" || t === "currency";
export const isDated = (t: FieldType) => t === "date" || t === "datetime";
export const isTextual = (t: FieldType) =>
  t === "text" || t === "long_text" || t === "email" || t === "phone" || t === "url";

/** Keys and choice ids are at most this long (as the backend says). */
export { KEY_MAX };

/** Letters that carry no accent to strip, spelt as their writers spell
 * them without the letter. Must match `FOLDS` in the core's `form.rs`. */
const folds: Record<string, string> = {
  ä: "ae",
  æ: "ae",
  ö: "oe",
  ø: "oe",
  œ: "oe",
  ü: "ue",
  ß: "ss",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

/** One character of a label in a key: folded, or lower-cased with its
 * accents (the combining marks U+0300–U+036F after decomposition) taken
 * off; empty when what is left is not ASCII letters and digits. */
function foldChar(raw: string): string {
  const lower = raw.toLowerCase();
  const folded = folds[lower];
  if (folded) return folded;
  const base = lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  return /^[a-z0-9]+$/.test(base) ? base : "";
}

/** A snake_case key made from a label, by the same rule as the core's
 * `key_from_label` (both are held to tests/fixtures/rules/key_from_label.json):
 * `Cost centre (EUR)` → `cost_centre_eur`. */
export function keyFromLabel(label: string): string {
  let out = "";
  let gap = false;
  for (const raw of label) {
    const folded = foldChar(raw);
    if (folded) {
      if (gap && out) out += "_";
      gap = false;
      out += folded;
    } else {
      gap = true;
    }
  }
  if (!out) out = "field";
  if (/^[0-9]/.test(out)) out = `f_${out}`;
  if (out.length > KEY_MAX) out = out.slice(0, KEY_MAX).replace(/_+$/, "");
  return out;
}

/** `base`, or `base_2`, `base_3`, … whichever is not taken yet. */
export function unique(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let n = FIRST_DUPLICATE_SUFFIX; ; n++) if (!set.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** What a key input turns typing into: lower case, spaces and dashes as
 * underscores, nothing else that a key cannot hold. */
export function tidyKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s-]+/g, "_")
    .replace(/[^a-z0-9_]/g, "")
    .slice(0, KEY_MAX);
}

export function emptyValidation(): Validation {
  return { min: null, max: null, minLength: null, maxLength: null, pattern: null };
}

export function newField(form: Form, label: string, type: FieldType = "text"): FormField {
  return {
    key: unique(
      keyFromLabel(label),
      form.fields.map((f) => f.key),
    ),
    label,
    help: "",
    type,
    required: false,
    choices: [],
    default: null,
    validation: emptyValidation(),
    section: null,
    showWhen: null,
  };
}

export function newChoice(choices: Choice[], label: string): Choice {
  return {
    id: unique(
      keyFromLabel(label),
      choices.map((c) => c.id),
    ),
    label,
  };
}

/** The guard-rail issues of the field at `index` (0-based). Issues carry
 * the field's position, since keys can be duplicates; without one, the
 * key decides. */
export function issuesAt(issues: Issue[], form: Form, index: number): Issue[] {
  const key = form.fields[index]?.key;
  return issues.filter(
    (i) =>
      i.field !== null &&
      (i.position !== null ? i.position === index + 1 : i.field === key && key !== undefined),
  );
}

/** A default carried over to a field's new type where it still means the
 * same, else none. */
export function convertValue(value: unknown, from: FieldType, to: FieldType): unknown {
  if (isBlank(value)) return null;
  if (from === to) return value;
  if (isTextual(from) && isTextual(to)) return value;
  if (isNumeric(from) && isNumeric(to)) return value;
  if (isDated(from) && isDated(to) && typeof value === "string") {
    return to === "date" ? value.slice(0, 10) : value.length === 10 ? `${value}T00:00` : value;
  }
  if (from === "choice" && to === "multi_choice") return [value];
  if (from === "multi_choice" && to === "choice" && Array.isArray(value)) return value[0] ?? null;
  return null;
}

/** Changes a field's type, keeping what still applies (default, limits)
 * and dropping what the new type cannot have. */
export function changeType(field: FormField, to: FieldType) {
  const from = field.type;
  if (from === to) return;
  field.default = convertValue(field.default, from, to);
  const v = field.validation;
  const bounds =
    (isNumeric(from) && isNumeric(to)) || (isDated(from) && isDated(to))
      ? {
          min: convertValue(v.min, from, to) as Validation["min"],
          max: convertValue(v.max, from, to) as Validation["max"],
        }
      : { min: null, max: null };
  const text = isTextual(to)
    ? { minLength: v.minLength, maxLength: v.maxLength, pattern: v.pattern }
    : { minLength: null, maxLength: null, pattern: null };
  field.validation = { ...bounds, ...text };
  field.type = to;
}

/** Whether a field has limits its type cannot use (say, left from an
 * earlier type). */
export function hasStrayLimits(field: FormField): boolean {
  const v = field.validation;
  const bounds = v.min !== null || v.max !== null;
  const text = v.minLength !== null || v.maxLength !== null || !isBlank(v.pattern);
  return (
    (bounds && !isNumeric(field.type) && !isDated(field.type)) || (text && !isTextual(field.type))
  );
}

/** A condition's value as people read it: a choice's label, Yes or No, or
 * the value itself. */
export function describeValue(field: FormField | undefined, value: unknown): string {
  const choice = field?.choices.find((c) => c.id === value);
  if (choice) return choice.label || choice.id;
  if (value === true) return "Yes";
  if (value === false) return "No";
  if (isBlank(value)) return "…";
  return String(value);
}
