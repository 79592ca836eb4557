// One piece of work at a time for a panel: its buttons are disabled while
// it runs, a second start meanwhile is ignored (a double click sends one
// e-mail, not two), and a failure goes to the panel's way of showing it.

export type Work = {
  /** Whether work is under way. */
  readonly busy: boolean;
  /** Runs `work` unless other work is under way; `after` runs either way. */
  run: (work: () => Promise<void>) => Promise<void>;
};

/** Work for a panel: `failed` hears each failure (the toast reporter, or
 * the panel's own error line); `after` runs when any work ends (a reload). */
export function oneAtATime(failed: (error: unknown) => void, after?: () => Promise<void>): Work {
  let busy = $state(false);
  return {
    get busy() {
      return busy;
    },
    async run(work) {
      if (busy) return;
      busy = true;
      try {
        await work();
      } catch (e) {
        failed(e);
      } finally {
        busy = false;
        await after?.();
      }
    },
  };
}
