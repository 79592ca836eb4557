/** The message of a failure, for showing inside a form or a toast. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
