import { describe, expect, it } from "vitest";
import { safeHref } from "./article";

describe("a link in an article", () => {
  it("is followed to web and e-mail addresses", () => {
    expect(safeHref("https://intranet.example.org/hr")).toBe("https://intranet.example.org/hr");
    expect(safeHref("mailto:hr@example.org")).toBe("mailto:hr@example.org");
  });

  it("is not followed anywhere else", () => {
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref(" JavaScript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("/relative")).toBeNull();
    expect(safeHref(undefined)).toBeNull();
  });
});
