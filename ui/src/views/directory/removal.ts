// Deleting a directory record: at once, with an Undo, when nothing else
// refers to it; otherwise after the user has read what it leaves behind.
import { offerUndo, report } from "$lib/notify";

export type Removal<T> = {
  remove: (row: T) => Promise<unknown>;
  /** What removing `row` would leave behind, said to the user, or null
   * when nothing refers to it. */
  consequences: (row: T) => Promise<string | null>;
  /** A way to put `row` back, taken before it is removed. */
  restorer: (row: T) => () => Promise<unknown>;
};

/** Removes `row`, then tells the lists; a failure is reported. */
export async function removeNow<T>(row: T, removal: Removal<T>, onchange: () => void) {
  try {
    await removal.remove(row);
    onchange();
  } catch (error) {
    report(error);
  }
}

/** Removes `row` offering Undo when nothing refers to it, else passes the
 * consequences to `ask` so the user can confirm. */
export async function removeOrAsk<T extends { name: string }>(
  row: T,
  removal: Removal<T>,
  onchange: () => void,
  ask: (message: string) => void,
) {
  try {
    const message = await removal.consequences(row);
    if (message !== null) {
      ask(message);
      return;
    }
    const restore = removal.restorer(row);
    await removal.remove(row);
    onchange();
    offerUndo(`Deleted ${row.name}`, restore, onchange);
  } catch (error) {
    report(error);
  }
}
