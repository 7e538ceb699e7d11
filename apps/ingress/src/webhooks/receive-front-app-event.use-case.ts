import { randomUUID } from 'node:crypto';
import {
  AppError,
  FRONT_CHALLENGE_HEADER,
  frontEventRoute,
  headersForStorage,
  isJsonObject,
  Logger,
  parseWebhookBody,
  Replicator,
  verifyFrontSignature,
  WebhookReceivedEvent,
  WebhookRequest,
} from '@whdb/core';
import { ResolvedIntegration } from '@whdb/service-kit';
import { Delivery } from './delivery';
import { IngressReplies, IngressReply } from './ingress-reply';
import { inspectResources } from './inspect-resources';
import { InboundEventSink, RejectionRecorder } from './receive-webhook.use-case';

/** Finds the integrations of a service whose `api_url` is a company's Front API URL. */
export interface FrontIntegrationFinder {
  find(serviceName: string, apiUrl: string): Promise<readonly ResolvedIntegration[]>;
}

export interface ReceiveFrontAppEventDependencies {
  /** `FRONT_APP_SECRET`; unset means the route cannot verify anything (503). */
  readonly appSecret: string | undefined;
  readonly toleranceMs: number;
  readonly integrations: FrontIntegrationFinder;
  readonly findReplicator: (serviceName: string) => Replicator | undefined;
  readonly publisher: InboundEventSink;
  readonly rejections: RejectionRecorder;
  readonly logger: Logger;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const OK: IngressReply = { status: 200, headers: JSON_TYPE, body: '{"o":"k"}' };

/**
 * `POST /v1/install/front/webhook` (docs/replicators/front_message_v1.md#routing): Front
 * application events, signed with `FRONT_APP_SECRET` (constant time, timestamp within the
 * tolerance, seconds or milliseconds). The `X-Front-Challenge` handshake is answered with the
 * challenge. An event is routed by its company (`payload._links.self` host = the integration's
 * `api_url`) and target type (`front_<type>_v1`), published to every matching integration's inbound
 * topic, and answered 200 only once durable. Refusals are clear 4xx recorded like the generic
 * endpoint's; event types we do not replicate are acknowledged and dropped.
 */
export class ReceiveFrontAppEventUseCase {
  constructor(private readonly deps: ReceiveFrontAppEventDependencies) {}

  async execute(delivery: Delivery): Promise<IngressReply> {
    if (!this.deps.appSecret) {
      this.deps.logger.error('Front application event refused: FRONT_APP_SECRET is not configured', { correlation_id: delivery.correlationId });
      return { ...IngressReplies.unavailable(60), body: JSON.stringify({ message: 'Front application events are not configured here yet; retry later.' }) };
    }
    const rawBody = delivery.rawBody.toString('utf8');
    const check = verifyFrontSignature(delivery.headers, rawBody, this.deps.appSecret, delivery.receivedAt, this.deps.toleranceMs);
    const challenge = delivery.headers[FRONT_CHALLENGE_HEADER];
    if (challenge !== undefined) {
      if (!check.ok) return this.refuse(delivery, null, { ...IngressReplies.rejected(401, 'invalid credentials'), rejectedReason: `invalid credentials (${check.reason})` });
      return { status: 200, headers: JSON_TYPE, body: JSON.stringify({ challenge }) };
    }
    if (!check.ok) return this.refuse(delivery, null, IngressReplies.rejected(401, check.reason));

    const parsed = parseWebhookBody(rawBody, delivery.headers['content-type']);
    if (!parsed.ok) return this.refuse(delivery, null, IngressReplies.rejected(400, parsed.reason));
    if (!isJsonObject(parsed.body)) return this.refuse(delivery, null, IngressReplies.rejected(400, 'a Front application event must be a JSON object'));
    if (!('payload' in parsed.body)) return OK; // e.g. the `sync` body: nothing to store
    const route = frontEventRoute(parsed.body);
    if (!route) return this.refuse(delivery, null, IngressReplies.rejected(400, 'a Front event must name its company in payload._links.self'));
    const replicator = this.deps.findReplicator(route.serviceName);
    if (!replicator) {
      this.deps.logger.debug('Front event of a type we do not replicate', { service_name: route.serviceName, correlation_id: delivery.correlationId });
      return OK;
    }

    let integrations: readonly ResolvedIntegration[];
    try {
      integrations = await this.deps.integrations.find(route.serviceName, `https://${route.host}`);
    } catch (error) {
      if (!(error instanceof AppError && error.retriable)) throw error;
      this.deps.logger.warn('Front event not accepted: integration lookup unavailable', { code: error.code, correlation_id: delivery.correlationId });
      return IngressReplies.unavailable(5);
    }
    if (integrations.length === 0) return this.refuse(delivery, null, IngressReplies.rejected(400, `No ${route.serviceName} integration for ${route.host}`));

    const request: WebhookRequest = { method: delivery.method, path: delivery.path, headers: delivery.headers, rawBody, body: parsed.body };
    const events: { event: WebhookReceivedEvent; key: string }[] = [];
    for (const { settings } of integrations) {
      const inspection = inspectResources(replicator, request, settings.opaqueId, delivery.receivedAt);
      if (!inspection.ok) return this.refuse(delivery, settings.organizationId, IngressReplies.rejected(400, inspection.reason));
      events.push({ event: this.receivedEvent(delivery, settings, rawBody), key: inspection.partitionKey });
    }
    try {
      await Promise.all(events.map(({ event, key }) => this.deps.publisher.publishReceived(event, key)));
    } catch (error) {
      if (error instanceof AppError && error.retriable) {
        this.deps.logger.warn('Front event not accepted: event store unavailable', { code: error.code, correlation_id: delivery.correlationId });
        return IngressReplies.unavailable(5);
      }
      throw error;
    }
    return OK;
  }

  private receivedEvent(delivery: Delivery, settings: ResolvedIntegration['settings'], rawBody: string): WebhookReceivedEvent {
    return {
      type: 'webhook.received',
      id: randomUUID(),
      correlation_id: delivery.correlationId,
      received_at: delivery.receivedAt.toISOString(),
      integration: { opaque_id: settings.opaqueId, service_name: settings.serviceName, organization_id: settings.organizationId },
      request: { method: delivery.method, path: delivery.path, headers: headersForStorage(delivery.headers), body: rawBody },
    };
  }

  private refuse(delivery: Delivery, organizationId: number | null, reply: IngressReply): IngressReply {
    this.deps.logger.info('Front event refused', { status: reply.status, reason: reply.rejectedReason, correlation_id: delivery.correlationId });
    this.deps.rejections.record(delivery, organizationId, reply);
    return reply;
  }
}
