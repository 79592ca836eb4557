/** Directory records as the options of a drop-down: the id chosen, the
 * name shown. */
export function byName<T extends { id: number; name: string }>(
  records: readonly T[],
): { value: number; label: string }[] {
  return records.map((r) => ({ value: r.id, label: r.name }));
}

/** Texts that are both the value and the label of their option. */
export function asOptions(texts: readonly string[]): { value: string; label: string }[] {
  return texts.map((t) => ({ value: t, label: t }));
}
