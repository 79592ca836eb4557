import type { ImportOptions } from "$lib/backend";

/** Import options that change nothing: the file read as detected, with no
 *  column choices, rows with problems kept and no fixes. */
export function detectedOptions(): ImportOptions {
  return {
    encoding: null,
    delimiter: null,
    headerLine: null,
    replaceExisting: false,
    columns: [],
    problemRows: "keep",
    fixes: [],
  };
}
