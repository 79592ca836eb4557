import { describe, expect, it } from "vitest";
import { once } from "./views";

describe("a view loaded on first use", () => {
  it("is loaded once and then kept", async () => {
    let loads = 0;
    const view = once(async () => {
      loads += 1;
      return { default: "the view" };
    });
    expect(await view()).toBe("the view");
    expect(await view()).toBe("the view");
    expect(loads).toBe(1);
  });

  it("is tried again after a failed load", async () => {
    let loads = 0;
    const view = once(async () => {
      loads += 1;
      if (loads === 1) throw new Error("missing file");
      return { default: "the view" };
    });
    await expect(view()).rejects.toThrow("missing file");
    expect(await view()).toBe("the view");
    expect(loads).toBe(2);
  });
});
