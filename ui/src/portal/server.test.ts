import { describe, expect, it } from "vitest";
import { refusal } from "./server";

describe("a refusal from the portal server", () => {
  it("keeps the server's code, message and field", () => {
    const e = refusal(422, { code: "invalid", message: "Say when.", field: "when" });
    expect([e.status, e.code, e.message, e.field]).toEqual([422, "invalid", "Say when.", "when"]);
  });

  it("says what happened in words when the answer is not the server's shape", () => {
    const e = refusal(502, "<html>Bad gateway</html>");
    expect(e.code).toBe("internal");
    expect(e.message).toContain("HTTP 502");
  });
});
