import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";

// Two entries of one UI, built one after the other (`npm run build`):
// the app's window (index.html → dist/, served by Tauri) and, with
// `--mode portal`, the portal's pages (portal.html → dist/portal/, which
// the portal server builds into its binary). Separate builds keep the
// portal's files to what its pages use, with nothing of the app's.
export default defineConfig(({ mode }) => ({
  plugins: [tailwindcss(), svelte()],
  resolve: { alias: { $lib: fileURLToPath(new URL("./src/lib", import.meta.url)) } },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari16",
    // No inline scripts or data-URL modules: the CSP allows 'self' scripts only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    ...(mode === "portal"
      ? { outDir: "dist/portal", emptyOutDir: true, rollupOptions: { input: "portal.html" } }
      : {}),
  },
}));
