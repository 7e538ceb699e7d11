import {
  BackfillContext,
  BackfillPage,
  expectOk,
  isJsonObject,
  JsonObject,
  parseJsonResponse,
  ResourceShapeError,
} from '@whdb/core';
import { INCREASE_DEFAULT_API_URL } from './descriptor';

function accountsUrl(apiUrl: string, cursor: string | null): string {
  const base = (apiUrl || INCREASE_DEFAULT_API_URL).replace(/\/+$/, '');
  return cursor ? `${base}/accounts?cursor=${encodeURIComponent(cursor)}` : `${base}/accounts`;
}

function nextCursor(body: JsonObject): string | null {
  const metadata = body['response_metadata'];
  const fromMetadata = isJsonObject(metadata) ? metadata['next_cursor'] : undefined;
  const cursor = fromMetadata ?? body['next_cursor'];
  return typeof cursor === 'string' && cursor !== '' ? cursor : null;
}

/**
 * `GET <api_url>/accounts`, then `?cursor=<next>`; items in `data`; the next cursor is
 * `response_metadata.next_cursor` or a top-level `next_cursor`
 * (docs/replicators/increase_account_v1.md#backfill).
 */
export async function fetchIncreaseAccountsPage(context: BackfillContext, token: string | null): Promise<BackfillPage> {
  const url = accountsUrl(context.integration.apiUrl, token);
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
  if (!isJsonObject(body) || !Array.isArray(body['data'])) throw new ResourceShapeError("Increase list response has no 'data' array");
  const items = body['data'].filter(isJsonObject);
  return { items, nextToken: nextCursor(body) };
}
