// The directory's people as the editors' pickers need them: one request,
// one error report, and no late answer overwriting a newer one.
import { call, type Person } from "$lib/backend";
import { loader, type Loader } from "./loader.svelte";
import { report } from "./notify";

/** Everyone in the directory; call `run()` to load or reload. */
export function everyone(): Loader<Person[]> {
  return loader(() => call("people_list", { query: "" }), [], report);
}
