import type {
  HoldReason,
  ParticipantRole,
  PilotState,
  RequestState,
  SlaVerdict,
} from "$lib/backend";

export const participantRoles: { id: ParticipantRole; label: string }[] = [
  { id: "requester", label: "Requester" },
  { id: "fulfiller", label: "Fulfiller" },
  { id: "approver", label: "Approver" },
  { id: "department_head", label: "Department head" },
  { id: "observer", label: "Observer" },
];

export function participantRoleLabel(role: ParticipantRole): string {
  return participantRoles.find((r) => r.id === role)?.label ?? role;
}

const pilotStates: Record<PilotState, string> = {
  planned: "Planned",
  running: "Running",
  ended: "Ended",
};

export function pilotStateLabel(state: PilotState): string {
  return pilotStates[state];
}

const requestStates: Record<RequestState, string> = {
  submitted: "Submitted",
  awaiting_approval: "Awaiting approval",
  in_progress: "In progress",
  on_hold: "On hold",
  resolved: "Resolved",
  closed: "Closed",
  rejected: "Rejected",
  cancelled: "Cancelled",
};

export function requestStateLabel(state: RequestState): string {
  return requestStates[state];
}

export const holdReasons: { id: HoldReason; label: string }[] = [
  { id: "waiting_for_requester", label: "Waiting for the requester (pauses the SLA)" },
  { id: "waiting_for_third_party", label: "Waiting for a third party" },
  { id: "other", label: "Other" },
];

const verdicts: Record<SlaVerdict, string> = {
  on_track: "On track",
  at_risk: "About to breach",
  paused: "Paused",
  met: "SLA met",
  breached: "SLA breached",
};

export function verdictLabel(verdict: SlaVerdict): string {
  return verdicts[verdict];
}

export function verdictClass(verdict: SlaVerdict): string {
  switch (verdict) {
    case "breached":
      return "border-destructive/40 bg-destructive/10 text-destructive";
    case "at_risk":
      return "border-amber-500/50 bg-amber-500/15 text-foreground";
    case "met":
      return "border-success/40 bg-success/10 text-success";
    default:
      return "bg-muted text-muted-foreground";
  }
}

const eventWords: Record<string, string> = {
  submitted: "submitted the request",
  approved: "approved",
  rejected: "rejected",
  assigned: "assigned",
  started: "started work",
  on_hold: "put it on hold",
  resumed: "resumed",
  task_done: "finished a task",
  comment: "commented",
  attached: "attached a file",
  work_note: "added a work note",
  resolved: "resolved it",
  reopened: "reopened it",
  rated: "rated it",
  closed: "closed it",
  cancelled: "cancelled it",
};

export function eventLabel(kind: string): string {
  return eventWords[kind] ?? kind;
}

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** A stored UTC time in the viewer's zone. */
export function formatTime(utc: string | null | undefined): string {
  return utc ? when.format(new Date(utc)) : "—";
}

/** Working seconds as "3 h 20 min"; negative ones as "… over". */
export function formatWorking(seconds: number): string {
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const text = h > 0 ? `${h} h ${m} min` : `${m} min`;
  return seconds < 0 ? `${text} over` : text;
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined
    ? "—"
    : value.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** Whoever the analyst acts as on a pilot's page. */
export interface Acting {
  personId: number;
  name: string;
  role: ParticipantRole;
}
