import { describe, expect, it } from "vitest";
import { hrefOf, parseRoute } from "./route";

describe("a portal address's fragment", () => {
  it("names a request or a service by id, and goes back to the same fragment", () => {
    expect(parseRoute("#/requests/12")).toEqual({ page: "request", id: 12 });
    expect(parseRoute("#/services/3")).toEqual({ page: "service", id: 3 });
    expect(hrefOf({ page: "request", id: 12 })).toBe("#/requests/12");
    expect(hrefOf({ page: "service", id: 3 })).toBe("#/services/3");
  });

  it("names the messages page, and goes back to the same fragment", () => {
    expect(parseRoute("#/messages")).toEqual({ page: "messages" });
    expect(hrefOf({ page: "messages" })).toBe("#/messages");
    expect(parseRoute("#/messages/1")).toEqual({ page: "home" });
  });

  it("is the home page when empty or not understood", () => {
    for (const hash of [
      "",
      "#",
      "#/",
      "#/requests/",
      "#/requests/x",
      "#/other/1",
      "#/requests/1/2",
    ]) {
      expect(parseRoute(hash)).toEqual({ page: "home" });
    }
  });
});
