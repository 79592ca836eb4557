import { toast } from "svelte-sonner";
import { messageOf } from "./message";

export { messageOf };

/** Shows a failure where the user is looking; messages come from the backend
 * and already say what went wrong and where. */
export function report(error: unknown, duration = 10000): void {
  toast.error(messageOf(error), { duration });
}

/** Tells the user something was deleted and offers to bring it back;
 * `restore` recreates it and `after` refreshes what shows it. */
export function offerUndo(
  message: string,
  restore: () => Promise<unknown>,
  after: () => void,
): void {
  toast(message, {
    action: {
      label: "Undo",
      onClick: () => {
        restore().then(after, report);
      },
    },
  });
}
