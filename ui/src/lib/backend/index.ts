// The one module that talks to the Tauri backend. Every `@tauri-apps/*`
// import lives here (lint enforces it), so the rest of the UI sees typed
// functions and plain data only.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AppError, Commands, ErrorCode } from "./bindings";

export type * from "./bindings";
// The core's rules the UI applies as you type, generated with the types.
export {
  DELEGATION_NOTE_MAX,
  FIRST_DUPLICATE_SUFFIX,
  KEY_MAX,
  OFFICE_HOURS,
  VIEW_NAME_MAX,
} from "./bindings";

/** A command failure, carrying the backend's `{code, message, field?}`. */
export class BackendError extends Error {
  readonly code: ErrorCode;
  /** For `invalid`: the input the message belongs to (e.g. `email`), so a
   * form can show the message on that input. */
  readonly field: string | undefined;
  constructor(error: AppError) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
  }
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AppError).code === "string" &&
    typeof (value as AppError).message === "string"
  );
}

/** Calls a backend command with arguments and result typed from Rust. */
export async function call<K extends keyof Commands>(
  command: K,
  args: Commands[K]["args"],
): Promise<Commands[K]["returns"]> {
  try {
    return await invoke<Commands[K]["returns"]>(command, args);
  } catch (error) {
    throw new BackendError(
      isAppError(error) ? error : { code: "internal", message: String(error) },
    );
  }
}

/** Listens to native menu choices; the payload is the menu item's id. */
export function onMenu(handler: (id: string) => void): Promise<UnlistenFn> {
  return listen<string>("menu", (event) => handler(event.payload));
}

/** Listens to CSV files dropped on the window; the payload is the file name.
 * The backend keeps the file itself: the webview never handles its path. */
export function onFileDropped(handler: (fileName: string) => void): Promise<UnlistenFn> {
  return listen<string>("import-file-dropped", (event) => handler(event.payload));
}

/** A channel on which a long command reports progress. */
export function progressChannel<T>(onMessage: (message: T) => void): Channel<T> {
  const channel = new Channel<T>();
  channel.onmessage = onMessage;
  return channel;
}
