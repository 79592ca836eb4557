// One way to load something from the backend: it keeps the last answer,
// says whether it is loading and what went wrong, and drops answers that
// arrive after a newer request was made.
import { latestOnly } from "./latest";
import { messageOf } from "./message";

export type Loader<T> = {
  /** The last answer, or the initial value before one arrived. */
  readonly value: T;
  /** What went wrong with the latest request, or null. */
  readonly error: string | null;
  readonly loading: boolean;
  /** Whether any request has answered yet (so "nothing found" can show). */
  readonly loaded: boolean;
  /** Runs the request again; resolves once it has answered or failed. */
  run: () => Promise<void>;
  /** Replaces the value by hand (an optimistic change the next run confirms). */
  set: (value: T) => void;
};

/** A loader for `request`. `onerror` hears every failure of the latest
 * request (the pages pass the toast reporter; a form shows `error` itself). */
export function loader<T>(
  request: () => Promise<T>,
  initial: T,
  onerror?: (error: unknown) => void,
): Loader<T> {
  let value = $state.raw(initial);
  let error = $state<string | null>(null);
  let loading = $state(false);
  let loaded = $state(false);
  const guard = latestOnly();

  async function run() {
    const current = guard.begin();
    loading = true;
    try {
      const answer = await request();
      if (!current()) return;
      value = answer;
      error = null;
      loaded = true;
    } catch (e) {
      if (!current()) return;
      error = messageOf(e);
      onerror?.(e);
    } finally {
      if (current()) loading = false;
    }
  }

  return {
    get value() {
      return value;
    },
    get error() {
      return error;
    },
    get loading() {
      return loading;
    },
    get loaded() {
      return loaded;
    },
    run,
    set(next: T) {
      value = next;
    },
  };
}
