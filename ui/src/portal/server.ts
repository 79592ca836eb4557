// How the portal's pages talk to the portal server: JSON over `fetch` on
// the same origin, the session cookie sent along, and on every change the
// session's CSRF token in the header the server checks. Failures arrive as
// the server's `{code, message, field?}` and are thrown as `ServerError`.
import type {
  Attachment,
  ParticipantRole,
  PilotState,
  PreviewCheck,
  Form,
  QueueRow,
  QueueCursor,
  QueuePage,
  Request,
  RequestState,
  RequestAction,
  PilotView,
  ShownArticle,
  OutboxMessage,
  PersonChoice,
} from "$lib/backend/bindings";
import { FILE_MAX_BYTES, type FieldChoice } from "$lib/chosenFiles";

/** Who is signed in where (`GET /api/me`). */
export interface Me {
  linkId: number;
  pilotId: number;
  pilotName: string;
  departmentName: string | null;
  pilotState: PilotState;
  personId: number;
  personName: string;
  role: ParticipantRole;
  csrfToken: string;
}

/** A service a requester can ask for, with its published form. */
export interface Offer {
  id: number;
  name: string;
  shortDescription: string;
  longDescription: string;
  category: string;
  icon: string;
  version: number;
  form: Form;
}

/** A refusal or failure, as the server words it. `status` 0 means the
 * server could not be reached at all. */
export class ServerError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** The header the server reads the CSRF token from (`guard::CSRF_HEADER`). */
export const CSRF_HEADER = "x-csrf-token";

/** The session's CSRF token, once `/api/me` has said it. */
let csrf = "";

/** The largest file the server takes (`attachments::FILE_MAX_BYTES`). A
 * bigger one is refused here: a server refusing it mid-upload closes the
 * connection, which a browser reports as an unreachable server. */
export { FILE_MAX_BYTES };

/** The header naming an uploaded file (`attachments::FILE_NAME_HEADER`). */
export const FILE_NAME_HEADER = "x-file-name";

/** One call; a `Blob` body (a file) is sent as it is, `FormData` (a form
 * with its files) as `multipart/form-data`, anything else as JSON. */
async function exchange<T>(
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<T> {
  const file = body instanceof Blob;
  const parts = body instanceof FormData;
  const headers: Record<string, string> = { accept: "application/json", ...extra };
  if (method !== "GET") {
    headers[CSRF_HEADER] = csrf;
    // The browser writes a form's Content-Type itself, with its boundary.
    if (!parts) headers["content-type"] = file ? "application/octet-stream" : "application/json";
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : file || parts ? body : JSON.stringify(body),
    });
  } catch {
    throw new ServerError(
      0,
      "unreachable",
      "The pilot's server cannot be reached. Check your network, or ask the analyst whether the portal is open.",
    );
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw refusal(response.status, payload);
  return payload as T;
}

/** The server's `{code, message, field?}`, or words for a status when the
 * answer is not that shape (a proxy's page, say). */
export function refusal(status: number, payload: unknown): ServerError {
  if (
    typeof payload === "object" &&
    payload !== null &&
    typeof (payload as { code?: unknown }).code === "string" &&
    typeof (payload as { message?: unknown }).message === "string"
  ) {
    const p = payload as { code: string; message: string; field?: string };
    return new ServerError(status, p.code, p.message, p.field);
  }
  if (status === 413) {
    return new ServerError(
      status,
      "too_large",
      "That is more than the pilot's server takes at once: a file can be at most 10 MB, and the files sent with one request at most 40 MB together.",
    );
  }
  return new ServerError(
    status,
    "internal",
    `The pilot's server answered with an error (HTTP ${status}). Try again in a moment.`,
  );
}

/** Who is signed in; remembers the CSRF token for the changes to come. */
export async function me(): Promise<Me> {
  const who = await exchange<Me>("GET", "/api/me");
  csrf = who.csrfToken;
  return who;
}

export const signOut = () => exchange<void>("POST", "/api/sign-out");
export const catalog = () => exchange<Offer[]>("GET", "/api/catalog");
export const check = (itemId: number, answers: Record<string, unknown>) =>
  exchange<PreviewCheck>("POST", "/api/check", { itemId, answers });
/** The most the files sent with one request may weigh together
 * (`Limits::submission_bytes`, less room for the answers). */
export const SUBMISSION_FILES_MAX_BYTES = 4 * FILE_MAX_BYTES;

/** Submits a request; with files, the answers and the files go together as
 * one form (`multipart/form-data`), stored together or not at all. */
export async function submit(
  itemId: number,
  answers: Record<string, unknown>,
  files: FieldChoice[] = [],
): Promise<Request> {
  if (files.length === 0) return exchange<Request>("POST", "/api/requests", { itemId, answers });
  const total = files.reduce((n, f) => n + f.file.size, 0);
  if (total > SUBMISSION_FILES_MAX_BYTES) throw refusal(413, null);
  const form = new FormData();
  form.append(
    "request",
    new Blob([JSON.stringify({ itemId, answers })], { type: "application/json" }),
  );
  for (const { fieldKey, file } of files) {
    if (file.handle instanceof File) form.append(`file:${fieldKey}`, file.handle, file.name);
  }
  return exchange<Request>("POST", "/api/requests", form);
}
export const mine = () => exchange<QueueRow[]>("GET", "/api/requests");
/** Whom a form's person field may name: a few people matching `query`. */
export const people = (query: string) =>
  exchange<PersonChoice[]>("GET", `/api/people?q=${encodeURIComponent(query)}`);
export const request = (id: number) => exchange<Request>("GET", `/api/requests/${id}`);
export const act = (id: number, action: RequestAction) =>
  exchange<Request>("POST", `/api/requests/${id}/actions`, action);

/** Attaches a file the person picked in the browser to a request. */
export async function attach(id: number, file: File): Promise<Attachment> {
  if (file.size > FILE_MAX_BYTES) throw refusal(413, null);
  return exchange<Attachment>("POST", `/api/requests/${id}/attachments`, file, {
    [FILE_NAME_HEADER]: encodeURIComponent(file.name),
  });
}
/** Where a request's file downloads from (as an attachment, never shown). */
export const attachmentPath = (id: number, attachmentId: number) =>
  `/api/requests/${id}/attachments/${attachmentId}`;
/** Which part of the queue a fulfiller looks at. */
export interface QueueQuery {
  mine: boolean;
  /** Empty: every open state. */
  state: RequestState | "";
  item: number | null;
}

/** An item the queue can be narrowed to. */
export interface ItemChoice {
  id: number;
  name: string;
}

/** One page of the queue (`GET /api/queue`), with the pilot's items. */
export interface QueueAnswer extends QueuePage {
  items: ItemChoice[];
}

/** Rows the queue page asks for at a time. */
export const QUEUE_PAGE = 50;

/** The address of one page of the queue: the filters, and where the page
 * starts (the previous page's `next`). */
export function queuePath(query: QueueQuery, after: QueueCursor | null, limit = QUEUE_PAGE) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (query.mine) params.set("mine", "true");
  if (query.state) params.set("state", query.state);
  if (query.item !== null) params.set("item", String(query.item));
  if (after) {
    params.set("afterDue", after.dueAt);
    params.set("afterId", String(after.id));
  }
  return `/api/queue?${params}`;
}

export const queue = (query: QueueQuery, after: QueueCursor | null = null) =>
  exchange<QueueAnswer>("GET", queuePath(query, after));
/** The published articles of the pilot's department matching `query`
 * (all of them when it is empty), rendered safely by the server. */
export const knowledge = (query = "") =>
  exchange<ShownArticle[]>("GET", `/api/knowledge?${new URLSearchParams({ q: query.trim() })}`);
/** Records whether an article answered the reader's question. */
export const answerArticle = (id: number, answered: boolean) =>
  exchange<void>("POST", `/api/knowledge/${id}/answer`, { answered });
export const approvals = () => exchange<QueueRow[]>("GET", "/api/approvals");
export const pilot = () => exchange<PilotView>("GET", "/api/pilot");
/** The signed-in person's messages in the pilot, newest first. */
export const messages = () => exchange<OutboxMessage[]>("GET", "/api/messages");
/** Marks the signed-in person's messages seen. */
export const messagesSeen = (ids: number[]) =>
  exchange<{ marked: number }>("POST", "/api/messages/seen", { ids });
