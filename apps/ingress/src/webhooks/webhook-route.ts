import type { IncomingMessage } from 'node:http';
import { Logger, normalizeHeaders } from '@whdb/core';
import { RawReply, RawRequestContext, RawRoute } from '@whdb/platform';
import { Delivery } from './delivery';
import { IngressReplies, IngressReply } from './ingress-reply';
import { ReceiveWebhookUseCase, RejectionRecorder } from './receive-webhook.use-case';

export const WEBHOOK_PATH_PREFIX = '/v1/service_integrations/';

/** Methods a provider may call an integration with (docs/behaviour/webhooks.md#endpoint). */
const ALLOWED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOW_HEADER = [...ALLOWED_METHODS].join(', ');
/** How much of a refused body is read (and dropped) before the connection is cut, and for how long. */
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
const DISCARD_TIMEOUT_MS = 30_000;
/** Opaque ids are `svi_` + base36; anything else (NUL, control characters, huge ids) names no integration. */
const OPAQUE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

function send(reply: RawReply, answer: IngressReply, extra: Record<string, string> = {}): void {
  const headers = answer.rejectedReason ? { ...answer.headers, ...extra, 'whdb-rejected-reason': headerSafe(answer.rejectedReason) } : { ...answer.headers, ...extra };
  reply(answer.status, headers, answer.body);
}

/** A reason as an HTTP header value: printable ASCII only, bounded. */
function headerSafe(reason: string): string {
  return reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/** Whether every percent-escape of the path decodes to UTF-8 (a path that does not is malformed). */
function decodable(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) query[name] = value;
  return query;
}

/**
 * `ANY /v1/service_integrations/{opaque_id}[/...]` (docs/behaviour/webhooks.md#endpoint), served
 * as a raw route: reads the exact body bytes (signatures are computed over them) up to
 * `WHDB_MAX_BODY_BYTES`, then hands one `Delivery` to the use case and sends its answer.
 */
export class WebhookRoute implements RawRoute {
  readonly prefix = WEBHOOK_PATH_PREFIX;
  readonly template = '/v1/service_integrations/:opaque_id';

  constructor(
    private readonly receive: ReceiveWebhookUseCase,
    private readonly rejections: RejectionRecorder,
    private readonly maxBodyBytes: number,
    private readonly logger: Logger,
  ) {}

  handle(req: IncomingMessage, context: RawRequestContext, reply: RawReply): void {
    const url = req.url ?? '';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const rest = path.slice(WEBHOOK_PATH_PREFIX.length);
    const slash = rest.indexOf('/');
    const method = (req.method ?? 'GET').toUpperCase();
    let opaqueId: string;
    try {
      opaqueId = decodeURIComponent(slash < 0 ? rest : rest.slice(0, slash));
    } catch {
      opaqueId = '';
    }
    const delivery: Delivery = {
      opaqueId,
      method,
      path,
      query: queryAt < 0 ? {} : parseQuery(url.slice(queryAt + 1)),
      headers: normalizeHeaders(req.headers),
      rawBody: Buffer.alloc(0),
      correlationId: context.correlationId,
      receivedAt: context.receivedAt,
    };
    if (!ALLOWED_METHODS.has(method)) {
      req.resume();
      send(reply, this.refuse(delivery, 405, `method ${method.slice(0, 16)} is not allowed`), { allow: ALLOW_HEADER });
      return;
    }
    if (!OPAQUE_ID.test(opaqueId) || !decodable(path)) {
      req.resume();
      send(reply, this.refuse(delivery, 400, OPAQUE_ID.test(opaqueId) ? 'malformed request path' : 'No integration with that id'));
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) {
      this.refuseTooLarge(req, delivery, reply);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > this.maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        this.refuseTooLarge(req, delivery, reply);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const rawBody = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      this.receive.execute({ ...delivery, rawBody }).then(
        (answer) => send(reply, answer),
        (error: unknown) => {
          this.logger.error('webhook failed', { opaque_id: opaqueId, correlation_id: context.correlationId, error });
          reply(500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'An unexpected error occurred; retry later.' }));
        },
      );
    });
    req.on('error', () => {
      refused = true; // the client went away; nothing to answer
    });
  }

  private refuse(delivery: Delivery, status: number, reason: string): IngressReply {
    const answer = IngressReplies.rejected(status, reason);
    this.rejections.record(delivery, null, answer);
    return answer;
  }

  /**
   * 413 for a body over the limit. The rest of the body is read and dropped first: answering and
   * closing while the client is still sending makes the kernel reset the connection, and the
   * client would never see the answer. A body beyond `DISCARD_LIMIT_BYTES`, or one that takes
   * longer than `DISCARD_TIMEOUT_MS`, gets its answer at once and the connection is cut.
   */
  private refuseTooLarge(req: IncomingMessage, delivery: Delivery, reply: RawReply): void {
    const answer = this.refuse(delivery, 413, `body larger than ${this.maxBodyBytes} bytes`);
    const giveUp = (): void => {
      send(reply, answer, { connection: 'close' });
      req.socket.destroySoon();
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DISCARD_LIMIT_BYTES) return giveUp();
    let discarded = 0;
    const cutOff = setTimeout(giveUp, DISCARD_TIMEOUT_MS);
    req.removeAllListeners('data');
    req.removeAllListeners('end');
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DISCARD_LIMIT_BYTES) {
        clearTimeout(cutOff);
        giveUp();
      }
    });
    req.once('end', () => {
      clearTimeout(cutOff);
      send(reply, answer);
    });
    req.once('close', () => clearTimeout(cutOff));
    req.resume();
  }
}
