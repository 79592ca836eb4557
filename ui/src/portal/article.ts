// Links in an article's body: the server keeps only http, https and mailto
// addresses; the page checks again rather than trust what it is sent.

const SCHEMES = new Set(["http:", "https:", "mailto:"]);

/** `href` when it is an absolute http, https or mailto address, else null. */
export function safeHref(href: string | undefined): string | null {
  if (!href) return null;
  try {
    return SCHEMES.has(new URL(href).protocol) ? href : null;
  } catch {
    return null;
  }
}
