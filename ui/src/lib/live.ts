// Following changes made outside the screen on show (the portal's
// participants, `pilot serve`, an intake): a screen asks every few seconds
// whether the workspace's data changed, and refreshes when it did. Asking
// reads no data, and a hidden window does not ask.
import { call } from "$lib/backend";

/** How often a screen asks, in milliseconds. */
export const LIVE_EVERY_MS = 2000;

/** What `followChanges` needs: how to read the revision, and the clock. */
export interface LiveSeams {
  revision: () => Promise<string>;
  hidden: () => boolean;
}

const real: LiveSeams = {
  revision: () => call("workspace_revision", {}),
  hidden: () => document.hidden,
};

/** Calls `onchange` each time the workspace's revision differs from the
 * one seen before; returns the function that stops following. */
export function followChanges(
  onchange: () => void,
  every = LIVE_EVERY_MS,
  seams: LiveSeams = real,
): () => void {
  let last: string | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  async function tick() {
    if (stopped) return;
    if (!seams.hidden()) {
      try {
        const now = await seams.revision();
        if (last !== null && now !== last && !stopped) onchange();
        last = now;
      } catch {
        // No workspace just now (closed or being switched): ask again later.
      }
    }
    if (!stopped) timer = setTimeout(tick, every);
  }
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
