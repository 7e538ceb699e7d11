import type { IncomingMessage } from 'node:http';
import { normalizeHeaders } from '@whdb/core';
import { RawRequestContext } from '@whdb/platform';

/** One HTTP delivery to a webhook route, as captured by the controller. */
export interface Delivery {
  readonly opaqueId: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: Buffer;
  readonly correlationId: string;
  readonly receivedAt: Date;
}

const BOT_USER_AGENT = /bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|monitor/i;

/** docs/behaviour/webhooks.md#processing-order: a GET from a bot user agent without `?skipbotcheck` is refused. */
export function isBotProbe(delivery: Delivery): boolean {
  if (delivery.method !== 'GET' || 'skipbotcheck' in delivery.query) return false;
  return BOT_USER_AGENT.test(delivery.headers['user-agent'] ?? '');
}

/**
 * A delivery to a route that names no integration in its path (the Front app routes), logged under
 * `logId`, before its body is read: no query, an empty body for now.
 */
export function routeDelivery(req: IncomingMessage, context: RawRequestContext, logId: string): Delivery {
  const url = req.url ?? '';
  const queryAt = url.indexOf('?');
  return {
    opaqueId: logId,
    method: (req.method ?? 'GET').toUpperCase(),
    path: queryAt < 0 ? url : url.slice(0, queryAt),
    query: {},
    headers: normalizeHeaders(req.headers),
    rawBody: Buffer.alloc(0),
    correlationId: context.correlationId,
    receivedAt: context.receivedAt,
  };
}
