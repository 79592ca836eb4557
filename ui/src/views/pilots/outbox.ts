// What the outbox panel says about the messages waiting to be sent.
import type { MessageKind, OutboxBatch } from "$lib/backend";

const KIND_WORDS: Record<MessageKind, [string, string]> = {
  approval_needed: ["approval needed", "approvals needed"],
  resolved: ["resolved", "resolved"],
  please_rate: ["please rate", "please rate"],
  sla_breach_soon: ["SLA warning", "SLA warnings"],
};

/** What a batch holds, e.g. "2 approvals needed, 1 resolved". */
export function batchSummary(batch: OutboxBatch): string {
  const counts = new Map<MessageKind, number>();
  for (const m of batch.messages) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${KIND_WORDS[kind][n === 1 ? 0 : 1]}`).join(", ");
}

/** The outbox's headline, e.g. "5 messages for 3 people wait to be sent". */
export function outboxHeadline(batches: readonly OutboxBatch[]): string {
  const messages = batches.reduce((n, b) => n + b.messages.length, 0);
  if (messages === 0) return "Nothing waits to be sent.";
  const m = messages === 1 ? "1 message" : `${messages} messages`;
  const p = batches.length === 1 ? "1 person" : `${batches.length} people`;
  return `${m} for ${p} ${messages === 1 ? "waits" : "wait"} to be sent.`;
}

/** A batch as one text to paste into a mail, its address on top. */
export function batchText(batch: OutboxBatch): string {
  const to = batch.messages[0]?.email.trim();
  const head = to ? `To: ${batch.personName} <${to}>\n` : `To: ${batch.personName}\n`;
  return `${head}Subject: ${batch.subject}\n\n${batch.text}\n`;
}
