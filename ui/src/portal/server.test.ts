import { describe, expect, it } from "vitest";
import { attach, FILE_MAX_BYTES, queuePath, refusal } from "./server";

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

describe("attaching a file", () => {
  it("refuses a file over the server's cap before sending it", async () => {
    const big = new File([new Uint8Array(FILE_MAX_BYTES + 1)], "scan.tif");
    await expect(attach(1, big)).rejects.toMatchObject({ status: 413, code: "too_large" });
  });

  it("words a refusal of a too large body, whatever the server sent", () => {
    expect(refusal(413, "length limit exceeded").message).toContain("at most 10 MB");
  });
});

describe("the address of a page of the queue", () => {
  it("asks for every open request when nothing narrows it", () => {
    expect(queuePath({ mine: false, state: "", item: null }, null, 50)).toBe("/api/queue?limit=50");
  });

  it("carries the filters and where the page starts, encoded", () => {
    const path = queuePath(
      { mine: true, state: "on_hold", item: 7 },
      { dueAt: "2026-03-04T16:00:00Z", id: 12 },
      20,
    );
    const params = new URL(path, "http://portal.test").searchParams;
    expect(Object.fromEntries(params)).toEqual({
      limit: "20",
      mine: "true",
      state: "on_hold",
      item: "7",
      afterDue: "2026-03-04T16:00:00Z",
      afterId: "12",
    });
  });
});
