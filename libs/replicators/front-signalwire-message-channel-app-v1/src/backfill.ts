import { BackfillContext, BackfillPage, expectOk, isJsonObject, parseJsonResponse, ResourceShapeError } from '@whdb/core';
import { FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL } from './descriptor';

/** TODO(provider): the largest page the list endpoint serves. */
export const FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_PAGE_LIMIT = 100;

/** TODO(provider): the list endpoint and its paging parameters. */
function listUrl(apiUrl: string, cursor: string | null): string {
  const base = (apiUrl || FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_DEFAULT_API_URL).replace(/\/+$/, '');
  const query = new URLSearchParams({ limit: String(FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_PAGE_LIMIT) });
  if (cursor !== null) query.set('cursor', cursor);
  return `${base}/signalwire_message_channel_apps?${query.toString()}`;
}

/**
 * One page of `GET <api url>/signalwire_message_channel_apps?limit=<n>[&cursor=<next_cursor>]` with
 * `Authorization: Bearer <backfill key>`: items in `data`, the next cursor in `next_cursor` (null on
 * the last page). The core loop (`runBackfill`) pages, retries 429/5xx and never retries a 401;
 * see docs/adding-a-replicator.md, "Backfill".
 * TODO(provider): the auth header, where items and the next cursor are in the answer.
 */
export async function fetchFrontSignalwireMessageChannelAppV1Page(context: BackfillContext, cursor: string | null): Promise<BackfillPage> {
  const url = listUrl(context.integration.apiUrl, cursor);
  const response = expectOk(
    await context.http.request({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${context.integration.backfillKey}`, accept: 'application/json' },
      timeoutMs: context.timeoutMs,
    }),
    url,
  );
  const body = parseJsonResponse(response, url);
  if (!isJsonObject(body) || !Array.isArray(body['data'])) throw new ResourceShapeError("Front SignalWire list response has no 'data' array");
  const next = body['next_cursor'];
  return { items: body['data'].filter(isJsonObject), nextToken: typeof next === 'string' && next !== '' ? next : null };
}
