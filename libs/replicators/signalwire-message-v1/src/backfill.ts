import {
  BackfillContext,
  BackfillPage,
  expectOk,
  IntegrationSettings,
  isJsonObject,
  JsonObject,
  parseJsonResponse,
  ResourceShapeError,
  signalwireBaseUrl,
} from '@whdb/core';

/** Messages per page (WebhookDB asks for 100; SignalWire allows up to 1000). */
export const SIGNALWIRE_PAGE_SIZE = 100;
/** The list asks for messages sent on or before this many days from now (UTC), as WebhookDB does. */
const DATE_SENT_HORIZON_DAYS = 2;

/** `/api/laml/2010-04-01/Accounts/<project id>/Messages.json` */
export function signalwireMessagesPath(projectId: string): string {
  return `/api/laml/2010-04-01/Accounts/${encodeURIComponent(projectId)}/Messages.json`;
}

/** The headers of every SignalWire call: Basic `project:token`, JSON answers. */
export function signalwireHeaders(integration: IntegrationSettings): Record<string, string> {
  const basic = Buffer.from(`${integration.backfillKey}:${integration.backfillSecret}`).toString('base64');
  return { authorization: `Basic ${basic}`, accept: 'application/json' };
}

/**
 * Page 1: `?PageSize=100&DateSent%3C=<UTC date of now + 2 days>` (the documented `DateSent<`
 * filter, docs/replicators/signalwire_message_v1.md#backfill); later pages: the previous page's
 * `next_page_uri`, a path with its own query, on the same base. Only a path is followed: an
 * absolute URL keeps its path and query but never moves the credentials to another host.
 */
function pageUrl(context: BackfillContext, token: string | null, now: Date): string {
  const base = signalwireBaseUrl(context.providers, context.integration.apiUrl);
  if (token !== null) {
    const relative = /^https?:\/\//i.test(token) ? token.replace(/^https?:\/\/[^/]+/i, '') : token;
    if (!relative.startsWith('/')) throw new ResourceShapeError('SignalWire next_page_uri is not a path');
    return `${base}${relative}`;
  }
  const horizon = new Date(now.getTime() + DATE_SENT_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
  const query = new URLSearchParams({ PageSize: String(SIGNALWIRE_PAGE_SIZE), 'DateSent<': horizon });
  return `${base}${signalwireMessagesPath(context.integration.backfillKey)}?${query.toString()}`;
}

/** An incremental run stops after the page whose last (oldest) message was created before the last backfill. */
function reachedLastBackfill(messages: readonly JsonObject[], lastBackfilled: Date | null): boolean {
  if (lastBackfilled === null) return false;
  const last = messages.at(-1);
  const created = last ? Date.parse(String(last['date_created'])) : 0;
  return (Number.isNaN(created) ? 0 : created) < lastBackfilled.getTime();
}

/**
 * One page of SignalWire's message list (docs/replicators/signalwire_message_v1.md#backfill):
 * items from `messages`, the next token is `next_page_uri` (null or blank ends the backfill). With
 * `lastBackfilled` (incremental), the page whose oldest message predates it is the last one.
 * `now` is injectable for tests.
 */
export async function fetchSignalwireMessagePage(context: BackfillContext, token: string | null, now: Date = new Date()): Promise<BackfillPage> {
  const url = pageUrl(context, token, now);
  const response = expectOk(await context.http.request({ method: 'GET', url, headers: signalwireHeaders(context.integration), timeoutMs: context.timeoutMs }), url);
  const body = parseJsonResponse(response, url);
  if (!isJsonObject(body) || !Array.isArray(body['messages'])) throw new ResourceShapeError("SignalWire list response has no 'messages' array");
  const messages = body['messages'].filter(isJsonObject);
  const next = body['next_page_uri'];
  const nextToken = typeof next === 'string' && next.trim() !== '' && !reachedLastBackfill(messages, context.lastBackfilled) ? next : null;
  return { items: messages, nextToken };
}
