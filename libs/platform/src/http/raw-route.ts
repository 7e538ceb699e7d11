import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the platform knows about a request before a raw route sees it. */
export interface RawRequestContext {
  /** The caller's sane `x-correlation-id` / `x-request-id`, or a new UUID (echoed in the response). */
  readonly correlationId: string;
  readonly receivedAt: Date;
}

/**
 * A hot route served by Node's HTTP server directly, before Nest and Express
 * (docs/performance.md#ingress): no router, middleware chain or async context per request. The
 * route answers every request whose path starts with `prefix`, through `reply`, and is
 * responsible for reading (or discarding) the body.
 */
export interface RawRoute {
  readonly prefix: string;
  /** The route template in metrics, e.g. `/v1/service_integrations/:opaque_id`. */
  readonly template: string;
  handle(req: IncomingMessage, context: RawRequestContext, reply: RawReply): void;
}

/** Sends the answer of a raw route (once; later calls are ignored). */
export type RawReply = (status: number, headers: Readonly<Record<string, string>>, body: string | Uint8Array) => void;

/** The body of a 500 from a raw route: no detail (it is logged). */
export const UNEXPECTED_ERROR_BODY = JSON.stringify({ message: 'An unexpected error occurred; retry later.' });

/** Writes a raw answer with the correlation id; returns false if the response was already sent. */
export function writeRawReply(res: ServerResponse, correlationId: string, status: number, headers: Readonly<Record<string, string>>, body: string | Uint8Array): boolean {
  if (res.headersSent || res.writableEnded) return false;
  res.writeHead(status, { ...headers, 'x-correlation-id': correlationId, 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}
