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
);
