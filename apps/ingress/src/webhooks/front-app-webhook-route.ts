import type { IncomingMessage } from 'node:http';
import { Logger } from '@whdb/core';
import { RawReply, RawRequestContext, RawRoute } from '@whdb/platform';
import { Delivery, routeDelivery } from './delivery';
import { IngressReplies, IngressReply } from './ingress-reply';
import { readRawBody } from './raw-body';
import { answerAfterBody, sendIngressReply } from './answer-after-body';
import { ReceiveFrontAppEventUseCase } from './receive-front-app-event.use-case';
import { RejectionRecorder } from './receive-webhook.use-case';

export const FRONT_APP_WEBHOOK_PATH = '/v1/install/front/webhook';
/** The id rejected deliveries of this route are logged under (it names no integration). */
export const FRONT_APP_WEBHOOK_LOG_ID = 'front-app-webhook';


/**
 * `POST /v1/install/front/webhook` (docs/replicators/front_message_v1.md#routing), a raw route like
 * the generic endpoint: exact body bytes up to `WHDB_MAX_BODY_BYTES` (413 beyond, whatever the
 * method), other methods 405, then `ReceiveFrontAppEventUseCase`.
 */
export class FrontAppWebhookRoute implements RawRoute {
  readonly prefix = FRONT_APP_WEBHOOK_PATH;
  readonly template = FRONT_APP_WEBHOOK_PATH;

  constructor(
    private readonly receive: ReceiveFrontAppEventUseCase,
    private readonly rejections: RejectionRecorder,
    private readonly maxBodyBytes: number,
    private readonly logger: Logger,
  ) {}

  handle(req: IncomingMessage, context: RawRequestContext, reply: RawReply): void {
    const delivery = routeDelivery(req, context, FRONT_APP_WEBHOOK_LOG_ID);
    const { path, method } = delivery;
    if (path !== FRONT_APP_WEBHOOK_PATH && path !== `${FRONT_APP_WEBHOOK_PATH}/`) {
      answerAfterBody(req, reply, IngressReplies.rejected(404, 'no such route'));
      return;
    }
    // The body is read (and dropped) even for a method we refuse: answering while the client is
    // still sending would reset the connection before it sees the answer.
    readRawBody(req, this.maxBodyBytes, {
      onBody: (rawBody) => {
        if (method !== 'POST') {
          sendIngressReply(reply, this.refuse({ ...delivery, rawBody }, 405, `method ${method.slice(0, 16)} is not allowed`), { allow: 'POST' });
          return;
        }
        this.receive.execute({ ...delivery, rawBody }).then(
          (answer) => sendIngressReply(reply, answer),
          (error: unknown) => {
            this.logger.error('Front application event failed', { correlation_id: context.correlationId, error });
            reply(500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'An unexpected error occurred; retry later.' }));
          },
        );
      },
      onTooLarge: () => {
        const answer = this.refuse(delivery, 413, `body larger than ${this.maxBodyBytes} bytes`);
        return (closeConnection) => sendIngressReply(reply, answer, closeConnection ? { connection: 'close' } : {});
      },
    });
  }

  private refuse(delivery: Delivery, status: number, reason: string): IngressReply {
    const answer = IngressReplies.rejected(status, reason);
    this.rejections.record(delivery, null, answer);
    return answer;
  }
}
