import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import ts from "typescript-eslint";

export default ts.config(
  { ignores: ["dist/", "node_modules/", "src/lib/backend/bindings.ts"] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    rules: {
      // Imported strings are rendered as text only; {@html} is never allowed.
      "svelte/no-at-html-tags": "error",
      // Every @tauri-apps import goes through src/lib/backend.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@tauri-apps/*"], message: "Import from $lib/backend instead." }] },
      ],
    },
  },
  {
    files: ["src/lib/backend/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // The portal's pages run in participants' browsers and talk to the
    // portal server through ./server; from the backend module they take
    // only the generated types.
    files: ["src/portal/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@tauri-apps/*"], message: "The portal's pages run in a browser." },
            {
              regex: "^\\$lib/backend(/index)?$",
              message:
                "Talk to the portal server through ./server; types from $lib/backend/bindings.",
            },
          ],
        },
      ],
    },
  },
);
