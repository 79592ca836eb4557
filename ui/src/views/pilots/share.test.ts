import { describe, expect, it } from "vitest";
import type { Link } from "$lib/backend";
import { linkState, newestLink, svgImage } from "./share";

const link = (over: Partial<Link> = {}): Link => ({
  id: 1,
  pilotId: 1,
  personId: 7,
  personName: "Ann",
  role: "requester",
  createdAt: "2026-11-01T09:00:00Z",
  expiresAt: "2026-12-01T09:00:00Z",
  revokedAt: null,
  ...over,
});

describe("a personal link", () => {
  const now = new Date("2026-11-15T12:00:00Z");

  it("signs in until it expires", () => {
    expect(linkState(link(), now)).toBe("active");
    expect(linkState(link({ expiresAt: "2026-11-15T12:00:00Z" }), now)).toBe("expired");
  });

  it("is revoked once revoked, expired or not", () => {
    expect(linkState(link({ revokedAt: "2026-11-10T08:00:00Z" }), now)).toBe("revoked");
  });

  it("of a participant is their newest one in that role", () => {
    const links = [link({ id: 3, role: "approver" }), link({ id: 2 }), link({ id: 1 })];
    expect(newestLink(links, 7, "requester")?.id).toBe(2);
    expect(newestLink(links, 8, "requester")).toBeNull();
  });
});

describe("a QR code's image", () => {
  it("is a data address of the SVG, every markup character encoded", () => {
    const src = svgImage('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>');
    expect(src.startsWith("data:image/svg+xml;charset=utf-8,%3Csvg")).toBe(true);
    expect(src).not.toMatch(/[<>"]/);
    expect(decodeURIComponent(src.split(",")[1])).toContain("<path");
  });
});
