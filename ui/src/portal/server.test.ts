import { afterEach, describe, expect, it, vi } from "vitest";
import { refusalOf } from "$lib/chosenFiles";
import { attach, FILE_MAX_BYTES, queuePath, refusal, submit } from "./server";

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

describe("submitting a request", () => {
  afterEach(() => vi.unstubAllGlobals());

  function capture() {
    const sent: RequestInit[] = [];
    vi.stubGlobal("fetch", (_: string, init: RequestInit) => {
      sent.push(init);
      return Promise.resolve(new Response(JSON.stringify({ id: 9 }), { status: 201 }));
    });
    return sent;
  }

  it("sends the answers alone as JSON when no file comes with them", async () => {
    const sent = capture();
    await submit(3, { kind: "work" });
    expect(sent[0].body).toBe(JSON.stringify({ itemId: 3, answers: { kind: "work" } }));
    expect((sent[0].headers as Record<string, string>)["content-type"]).toBe("application/json");
  });

  it("sends the answers and each file as one form, named by its field", async () => {
    const sent = capture();
    const scan = new File(["%PDF-1.7"], "Reçu.pdf");
    await submit(3, { kind: "work", receipt: "Reçu.pdf" }, [
      {
        fieldKey: "receipt",
        file: { name: "Reçu.pdf", size: scan.size, kind: null, handle: scan },
      },
    ]);
    const form = sent[0].body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect((sent[0].headers as Record<string, string>)["content-type"]).toBeUndefined();
    const request = form.get("request") as Blob;
    expect(JSON.parse(await request.text())).toEqual({
      itemId: 3,
      answers: { kind: "work", receipt: "Reçu.pdf" },
    });
    expect((form.get("file:receipt") as File).name).toBe("Reçu.pdf");
  });

  it("refuses files over what one request may carry before sending them", async () => {
    const sent = capture();
    const big = { name: "a.tif", size: FILE_MAX_BYTES, kind: null, handle: new File([], "a.tif") };
    const files = ["a", "b", "c", "d", "e"].map((fieldKey) => ({ fieldKey, file: big }));
    await expect(submit(3, {}, files)).rejects.toMatchObject({ status: 413 });
    expect(sent).toHaveLength(0);
  });
});

describe("a file chosen in the browser for a form", () => {
  it("is refused in words when empty or over the cap", () => {
    expect(refusalOf({ name: "a.txt", size: 0 })).toContain("“a.txt” is empty");
    expect(refusalOf({ name: "scan.tif", size: FILE_MAX_BYTES + 1 })).toContain(
      "larger than 10 MB",
    );
    expect(refusalOf({ name: "scan.tif", size: FILE_MAX_BYTES })).toBeNull();
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
