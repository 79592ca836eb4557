// What the portal says about a person's messages: their kind in words,
// and which of them are new.
import type { MessageKind, OutboxMessage } from "$lib/backend/bindings";

const KIND_LABELS: Record<MessageKind, string> = {
  approval_needed: "Approval needed",
  resolved: "Resolved",
  please_rate: "Please rate",
  sla_breach_soon: "SLA about to breach",
};

/** A message kind in words. */
export function messageKindLabel(kind: MessageKind): string {
  return KIND_LABELS[kind];
}

/** The ids of the messages not yet seen. */
export function unseenIds(messages: readonly OutboxMessage[]): number[] {
  return messages.filter((m) => m.seenAt === null).map((m) => m.id);
}
