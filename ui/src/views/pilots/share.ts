// What the share panel says about personal links: the newest link of a
// participant and whether it still signs in. The message that sends a link
// is made by the backend (`portal_link_mail`), which opens it in the mail
// client.
import type { Link } from "$lib/backend";

export type LinkState = "active" | "revoked" | "expired";

/** Whether a link still signs its person in, as far as its dates tell. */
export function linkState(link: Link, now: Date): LinkState {
  if (link.revokedAt) return "revoked";
  return new Date(link.expiresAt).getTime() <= now.getTime() ? "expired" : "active";
}

/** The newest link of a person in a role (links come newest first). */
export function newestLink(links: readonly Link[], personId: number, role: string): Link | null {
  return links.find((l) => l.personId === personId && l.role === role) ?? null;
}

/** A UTC instant as the local date, e.g. "12 Dec 2026". */
export function formatDate(utc: string): string {
  return new Date(utc).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

/** A QR code's SVG (drawn by the app's Rust side) as an image address:
 * shown through `<img>`, where an SVG runs no script, and allowed by the
 * window's CSP (`img-src 'self' data:`). */
export function svgImage(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
