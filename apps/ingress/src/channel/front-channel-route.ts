import type { IncomingMessage } from 'node:http';
import { Logger } from '@whdb/core';
import { RawReply, RawRequestContext, RawRoute, UNEXPECTED_ERROR_BODY } from '@whdb/platform';
import { answerAfterBody, sendIngressReply } from '../webhooks/answer-after-body';
import { Delivery, routeDelivery } from '../webhooks/delivery';
import { IngressReplies, IngressReply } from '../webhooks/ingress-reply';
import { readRawBody } from '../webhooks/raw-body';
import { RejectionRecorder } from '../webhooks/receive-webhook.use-case';
import { ChannelPath } from './channel-delivery';
import { CHANNEL_LOG_ID, ReceiveChannelEventUseCase } from './receive-channel-event.use-case';

export const FRONT_SIGNALWIRE_INSTALL_PREFIX = '/v1/install/front_signalwire/';
/** The paths this route answers; others under the prefix (the api's `/setup` page) are not the ingress's. */
const CHANNEL_ROUTE_PREFIXES = ['channel', 'authorization', 'message/'].map((p) => `${FRONT_SIGNALWIRE_INSTALL_PREFIX}${p}`);
const OPAQUE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/** The path's route and the methods it takes, or null for a path we do not serve (404). */
function channelPathOf(path: string): { path: ChannelPath; methods: readonly string[] } | { invalidOpaqueId: true } | null {
  const rest = path.slice(FRONT_SIGNALWIRE_INSTALL_PREFIX.length).replace(/\/$/, '');
  if (rest === 'channel') return { path: { kind: 'channel' }, methods: ['POST', 'DELETE'] };
  if (rest === 'authorization') return { path: { kind: 'authorization' }, methods: ['POST'] };
  const message = /^message\/([^/]*)$/.exec(rest);
  if (!message) return null;
  let opaqueId: string;
  try {
    opaqueId = decodeURIComponent(message[1]!);
  } catch {
    return { invalidOpaqueId: true };
  }
  return OPAQUE_ID.test(opaqueId) ? { path: { kind: 'message', opaqueId }, methods: ['POST', 'DELETE'] } : { invalidOpaqueId: true };
}

/** The route registered once per channel path prefix (raw routes match by prefix). */
export function channelRawRoutes(route: FrontChannelRoute): RawRoute[] {
  return CHANNEL_ROUTE_PREFIXES.map((prefix) => ({ prefix, template: route.template, handle: (req, context, reply) => route.handle(req, context, reply) }));
}

/**
 * `POST|DELETE /v1/install/front_signalwire/channel` and the seed's aliases `POST .../authorization`
 * and `POST|DELETE .../message/{opaque_id}` (docs/behaviour/channel.md#endpoint), a raw route like
 * the generic endpoint: exact body bytes (the signature covers them) up to `WHDB_MAX_BODY_BYTES`
 * (413 beyond), another method 405, an unknown path 404, a malformed opaque id 400; then
 * `ReceiveChannelEventUseCase`.
 */
export class FrontChannelRoute {
  readonly template = '/v1/install/front_signalwire/:channel_path';

  constructor(
    private readonly receive: ReceiveChannelEventUseCase,
    private readonly rejections: RejectionRecorder,
    private readonly maxBodyBytes: number,
    private readonly logger: Logger,
  ) {}

  handle(req: IncomingMessage, context: RawRequestContext, reply: RawReply): void {
    const delivery = routeDelivery(req, context, CHANNEL_LOG_ID);
    const { path, method } = delivery;
    const route = channelPathOf(path);
    if (route === null) {
      answerAfterBody(req, reply, IngressReplies.rejected(404, 'no such route'));
      return;
    }
    if ('invalidOpaqueId' in route) {
      answerAfterBody(req, reply, this.refuse(delivery, 400, 'No integration with that id'));
      return;
    }
    readRawBody(req, this.maxBodyBytes, {
      onBody: (rawBody) => {
        if (!route.methods.includes(method)) {
          sendIngressReply(reply, this.refuse({ ...delivery, rawBody }, 405, `method ${method.replace(/[^A-Z]/g, '?').slice(0, 16)} is not allowed`), { allow: route.methods.join(', ') });
          return;
        }
        this.receive.execute({ path: route.path, delivery: { ...delivery, rawBody } }).then(
          (answer) => sendIngressReply(reply, answer),
          (error: unknown) => {
            this.logger.error('channel event failed', { correlation_id: context.correlationId, error });
            reply(500, { 'content-type': 'application/json' }, UNEXPECTED_ERROR_BODY);
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
