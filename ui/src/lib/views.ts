/**
 * The sections' views, loaded when a section is first opened rather than
 * with the first screen: the window then parses only the shell and Home
 * before it shows content, and each view's code (charts, the import
 * wizard, the story) arrives on first use from the app's own files. A
 * view, once loaded, is kept, so coming back to it waits for nothing.
 */

/** `load`, run once: every later call gets the same promise. */
export function once<T>(load: () => Promise<{ default: T }>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().then((module) => module.default);
    // A failed load (a file missing from a broken install) is tried again
    // next time rather than remembered.
    loading.catch(() => (loading = null));
    return loading;
  };
}

export const views = {
  catalog: once(() => import("../views/catalog/Catalog.svelte")),
  knowledge: once(() => import("../views/knowledge/Knowledge.svelte")),
  pilots: once(() => import("../views/pilots/Pilots.svelte")),
  reports: once(() => import("../views/reports/Reports.svelte")),
  roadmap: once(() => import("../views/roadmap/Roadmap.svelte")),
  directory: once(() => import("../views/Directory.svelte")),
  importWizard: once(() => import("../views/import/ImportWizard.svelte")),
  welcome: once(() => import("../views/Welcome.svelte")),
};
