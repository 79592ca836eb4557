import { describe, expect, it } from "vitest";
import type { OutboxBatch, OutboxMessage } from "$lib/backend";
import { batchSummary, batchText, outboxHeadline } from "./outbox";

const message = (
  id: number,
  kind: OutboxMessage["kind"],
  email = "ana@example.org",
): OutboxMessage => ({
  id,
  pilotId: 1,
  requestId: 10 + id,
  personId: 7,
  personName: "Ana Lima",
  email,
  kind,
  subject: `Subject ${id}`,
  body: `Body ${id}`,
  createdAt: "2026-11-30T10:00:00Z",
  sentAt: null,
  seenAt: null,
});

const batch = (messages: OutboxMessage[]): OutboxBatch => ({
  personId: 7,
  personName: "Ana Lima",
  mailto: messages[0].email ? "mailto:ana@example.org" : null,
  subject: "2 messages about your requests",
  text: "Subject 1\n\nBody 1",
  messages,
});

describe("the outbox panel's words", () => {
  it("counts a batch's messages by kind, in the singular or plural", () => {
    const b = batch([
      message(1, "approval_needed"),
      message(2, "approval_needed"),
      message(3, "resolved"),
    ]);
    expect(batchSummary(b)).toBe("2 approvals needed, 1 resolved");
    expect(batchSummary(batch([message(4, "sla_breach_soon")]))).toBe("1 SLA warning");
  });

  it("says how many messages wait for how many people, or that none does", () => {
    expect(outboxHeadline([])).toBe("Nothing waits to be sent.");
    expect(outboxHeadline([batch([message(1, "resolved")])])).toBe(
      "1 message for 1 person waits to be sent.",
    );
    expect(
      outboxHeadline([
        batch([message(1, "resolved"), message(2, "please_rate")]),
        batch([message(3, "approval_needed")]),
      ]),
    ).toBe("3 messages for 2 people wait to be sent.");
  });

  it("copies a batch with its addressee and subject on top", () => {
    expect(batchText(batch([message(1, "resolved")]))).toBe(
      "To: Ana Lima <ana@example.org>\nSubject: 2 messages about your requests\n\nSubject 1\n\nBody 1\n",
    );
    expect(batchText(batch([message(1, "resolved", "")]))).toMatch(/^To: Ana Lima\n/);
  });
});
