// Files chosen for a form's attachment fields before the request is sent.
// The form only shows them; what travels with the submission is the
// handle: the app's token for a path Rust holds, or the browser's File.

/** A file chosen for an attachment field, as the form shows it. */
export interface ChosenFile {
  name: string;
  size: number;
  /** The type in words ("PDF document") when known before sending. */
  kind: string | null;
  handle: number | File;
}

/** How an attachment field gets its file: the app's native dialog (the
 * path stays in Rust), or the browser's own file picker. */
export type FileChooser =
  { mode: "app"; choose: () => Promise<ChosenFile | null> } | { mode: "browser" };

/** A file sent with a request, for the field it answers. */
export interface FieldChoice {
  fieldKey: string;
  file: ChosenFile;
}

/** The largest file a request takes (`attachments::FILE_MAX_BYTES`). */
export const FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Why a file the browser picked cannot be sent, or null when it can: the
 * size is checked here, since a server refusing a body mid-upload closes
 * the connection, which a browser reports as an unreachable server. */
export function refusalOf(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > FILE_MAX_BYTES)
    return `“${file.name}” is larger than 10 MB, the most a file can be.`;
  return null;
}
