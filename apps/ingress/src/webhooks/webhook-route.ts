import type { IncomingMessage } from 'node:http';
import { Logger, normalizeHeaders } from '@whdb/core';
import { RawReply, RawRequestContext, RawRoute, UNEXPECTED_ERROR_BODY } from '@whdb/platform';
import { answerAfterBody, sendIngressReply } from './answer-after-body';
import { readRawBody } from './raw-body';
import { Delivery } from './delivery';
import { IngressReplies, IngressReply } from './ingress-reply';
import { ReceiveWebhookUseCase, RejectionRecorder } from './receive-webhook.use-case';

export const WEBHOOK_PATH_PREFIX = '/v1/service_integrations/';

/** Methods a provider may call an integration with (docs/behaviour/webhooks.md#endpoint). */
const ALLOWED_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOW_HEADER = [...ALLOWED_METHODS].join(', ');
/** Opaque ids are `svi_` + base36; anything else (NUL, control characters, huge ids) names no integration. */
const OPAQUE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

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
      answerAfterBody(req, reply, this.refuse(delivery, 405, `method ${method.replace(/[^A-Z]/g, '?').slice(0, 16)} is not allowed`), { allow: ALLOW_HEADER });
      return;
    }
    if (!OPAQUE_ID.test(opaqueId) || !decodable(path)) {
      answerAfterBody(req, reply, this.refuse(delivery, 400, OPAQUE_ID.test(opaqueId) ? 'malformed request path' : 'No integration with that id'));
      return;
    }
    readRawBody(req, this.maxBodyBytes, {
      onBody: (rawBody) =>
        this.receive.execute({ ...delivery, rawBody }).then(
          (answer) => sendIngressReply(reply, answer),
          (error: unknown) => {
            this.logger.error('webhook failed', { opaque_id: opaqueId, correlation_id: context.correlationId, error });
            reply(500, { 'content-type': 'application/json' }, UNEXPECTED_ERROR_BODY);
          },
        ),
      onTooLarge: () => {
        const answer = this.tooLarge(delivery);
        return (closeConnection) => sendIngressReply(reply, answer, closeConnection ? { connection: 'close' } : {});
      },
    });
  }

  /** Records a refusal made before the use case saw the delivery (an unusable id is not echoed). */
  private refuse(delivery: Delivery, status: number, reason: string): IngressReply {
    const answer = IngressReplies.rejected(status, reason);
    const recorded = OPAQUE_ID.test(delivery.opaqueId) ? delivery : { ...delivery, opaqueId: 'invalid' };
    this.logger.info('webhook refused', { opaque_id: recorded.opaqueId, status, reason, correlation_id: delivery.correlationId });
    this.rejections.record(recorded, null, answer);
    return answer;
  }

  private tooLarge(delivery: Delivery): IngressReply {
    return this.refuse(delivery, 413, `body larger than ${this.maxBodyBytes} bytes`);
  }
}
