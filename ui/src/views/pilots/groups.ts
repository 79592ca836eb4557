// The assignment groups a pilot's fulfillers work in. The pilot's groups
// are those of the items in its scope; a fulfiller given none works every
// group, and the core refuses a group none of the items is assigned to.

/** Anything with an id and the group that works its requests. */
export interface Worked {
  id: number;
  assignmentGroup: string;
}

/** The groups of the items chosen, each once, in alphabetical order. */
export function pilotGroups(items: readonly Worked[], itemIds: readonly number[]): string[] {
  const chosen = items.filter((i) => itemIds.includes(i.id));
  const names = chosen.map((i) => i.assignmentGroup.trim()).filter((g) => g !== "");
  return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

/** A fulfiller's groups with `group` added or taken out. */
export function toggled(groups: readonly string[], group: string, on: boolean): string[] {
  const rest = groups.filter((g) => g !== group);
  return on ? [...rest, group].sort((a, b) => a.localeCompare(b)) : rest;
}

/** A fulfiller's groups that are still the pilot's: a group goes with the
 * last item of it taken out of scope, instead of making the save fail. */
export function stillThere(groups: readonly string[], pilot: readonly string[]): string[] {
  return groups.filter((g) => pilot.includes(g));
}

/** How a fulfiller's groups read: "All groups" when none were given. */
export function groupsLabel(groups: readonly string[]): string {
  return groups.length === 0 ? "All groups" : groups.join(", ");
}
