import { toast } from "svelte-sonner";

/** Shows a failure where the user is looking; messages come from the backend
 * and already say what went wrong and where. */
export function report(error: unknown, duration = 10000): void {
  const message = error instanceof Error ? error.message : String(error);
  toast.error(message, { duration });
}

/** The message of a failure, for showing inside a form. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
