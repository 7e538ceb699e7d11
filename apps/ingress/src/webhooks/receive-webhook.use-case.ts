import { randomUUID } from 'node:crypto';
import {
  AppError,
  extractColumnValue,
  headersForStorage,
  isRejected,
  Logger,
  parseWebhookBody,
  Replicator,
  WebhookReceivedEvent,
  WebhookRequest,
  webhookResponseFor,
} from '@whdb/core';
import { Delivery, isBotProbe } from './delivery';
import { IngressReplies, IngressReply } from './ingress-reply';
import { IntegrationCache, ResolvedIntegration } from '@whdb/service-kit';
import { IngressReply as Reply } from './ingress-reply';

/** Where accepted deliveries go (Kafka in production): resolves only once the event is durable. */
export interface InboundEventSink {
  publishReceived(event: WebhookReceivedEvent, key: string): Promise<void>;
}

/** Where refused deliveries are recorded for the audit log (best effort). */
export interface RejectionRecorder {
  record(delivery: Delivery, organizationId: number | null, reply: Reply): void;
}

export interface ReceiveWebhookDependencies {
  readonly integrations: Pick<IntegrationCache, 'get'>;
  readonly findReplicator: (serviceName: string) => Replicator | undefined;
  readonly publisher: InboundEventSink;
  readonly rejections: RejectionRecorder;
  readonly logger: Logger;
}

/**
 * The generic webhook endpoint (SPEC 9.1, CONTRACT: ingress): resolve the integration, verify the
 * raw bytes, parse, and acknowledge only once the event is durable in Kafka. Every refusal is a
 * clear 4xx with a reason, published to the audit log; an outage is a 503, never a 2xx.
 */
export class ReceiveWebhookUseCase {
  constructor(private readonly deps: ReceiveWebhookDependencies) {}

  async execute(delivery: Delivery): Promise<IngressReply> {
    const resolved = await this.deps.integrations.get(delivery.opaqueId);
    if (!resolved) return this.refuse(delivery, null, IngressReplies.rejected(400, 'No integration with that id'));
    const replicator = this.deps.findReplicator(resolved.settings.serviceName);
    if (!replicator) return this.refuse(delivery, resolved, IngressReplies.rejected(400, `Unknown service ${resolved.settings.serviceName}`));
    if (isBotProbe(delivery)) return this.refuse(delivery, resolved, IngressReplies.botRefused());

    const rawBody = delivery.rawBody.toString('utf8');
    const parsed = parseWebhookBody(rawBody, delivery.headers['content-type']);
    const request: WebhookRequest = {
      method: delivery.method,
      path: delivery.path,
      headers: delivery.headers,
      rawBody,
      body: parsed.ok ? parsed.body : rawBody,
    };
    const verification = webhookResponseFor(replicator, request, resolved.settings, delivery.receivedAt);
    if (isRejected(verification)) return this.refuse(delivery, resolved, IngressReplies.fromVerification(verification));
    if (!parsed.ok) return this.refuse(delivery, resolved, IngressReplies.rejected(400, parsed.reason));

    const event: WebhookReceivedEvent = {
      type: 'webhook.received',
      id: randomUUID(),
      correlation_id: delivery.correlationId,
      received_at: delivery.receivedAt.toISOString(),
      integration: { opaque_id: resolved.settings.opaqueId, service_name: resolved.settings.serviceName, organization_id: resolved.settings.organizationId },
      request: { method: delivery.method, path: delivery.path, headers: headersForStorage(delivery.headers), body: rawBody },
    };
    try {
      await this.deps.publisher.publishReceived(event, partitionKey(replicator, request, resolved));
    } catch (error) {
      if (error instanceof AppError && error.retriable) {
        this.deps.logger.warn('webhook not accepted: event store unavailable', { opaque_id: delivery.opaqueId, code: error.code });
        return IngressReplies.unavailable(5);
      }
      throw error;
    }
    return IngressReplies.fromVerification(verification);
  }

  private refuse(delivery: Delivery, resolved: ResolvedIntegration | null, reply: IngressReply): IngressReply {
    this.deps.logger.info('webhook refused', { opaque_id: delivery.opaqueId, status: reply.status, reason: reply.rejectedReason });
    this.deps.rejections.record(delivery, resolved?.settings.organizationId ?? null, reply);
    return reply;
  }
}

/**
 * `<opaque_id>:<remote key>` when the delivery holds exactly one resource, so one resource's
 * events stay in order on one partition while an integration's load spreads; else `<opaque_id>`.
 */
function partitionKey(replicator: Replicator, request: WebhookRequest, resolved: ResolvedIntegration): string {
  const opaqueId = resolved.settings.opaqueId;
  try {
    const items = replicator.resourcesFrom(request);
    if (!items || items.length !== 1) return opaqueId;
    const key = extractColumnValue(replicator.schema.remoteKey, items[0]!, new Date());
    return key === null || key === undefined ? opaqueId : `${opaqueId}:${String(key)}`;
  } catch {
    return opaqueId;
  }
}
