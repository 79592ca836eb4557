// What the share panel says about personal links: the newest link of a
// participant, whether it still signs in, and the message that sends it.
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

/** The prepared e-mail that gives a participant their personal link. */
export function invitation(
  personName: string,
  pilotName: string,
  url: string,
): { subject: string; body: string } {
  return {
    subject: `Your link to the pilot “${pilotName}”`,
    body:
      `Hello ${personName},\n\n` +
      `you take part in the pilot “${pilotName}”. Open this personal link in your browser to sign in:\n\n` +
      `${url}\n\n` +
      `The link is yours alone: do not forward it. It works on the office network while the pilot is open.\n`,
  };
}

/** The invitation as one text to paste into a mail. */
export function invitationText(message: { subject: string; body: string }): string {
  return `Subject: ${message.subject}\n\n${message.body}`;
}

/** A QR code's SVG (drawn by the app's Rust side) as an image address:
 * shown through `<img>`, where an SVG runs no script, and allowed by the
 * window's CSP (`img-src 'self' data:`). */
export function svgImage(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
