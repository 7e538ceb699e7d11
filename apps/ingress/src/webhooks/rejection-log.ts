import { randomUUID } from 'node:crypto';
import { headersForStorage, Logger, WebhookRejectedEvent } from '@whdb/core';
import { KafkaPublisher, Topics } from '@whdb/kafka';
import { Delivery } from './delivery';
import { IngressReply } from './ingress-reply';

const MAX_LOGGED_BODY_BYTES = 4096;

/**
 * Publishes refused deliveries to `whdb.webhooks.rejected` for the audit log (docs/behaviour/webhooks.md#rejected-deliveries: log
 * rejected and malformed deliveries too). Best effort: the caller's answer never waits on it.
 */
export class RejectionLog {
  constructor(
    private readonly publisher: KafkaPublisher,
    private readonly logger: Logger,
  ) {}

  record(delivery: Delivery, organizationId: number | null, reply: IngressReply): void {
    const event: WebhookRejectedEvent = {
      type: 'webhook.rejected',
      id: randomUUID(),
      correlation_id: delivery.correlationId,
      received_at: delivery.receivedAt.toISOString(),
      opaque_id: delivery.opaqueId,
      organization_id: organizationId,
      status: reply.status,
      reason: reply.rejectedReason ?? `status ${reply.status}`,
      request: {
        method: delivery.method,
        path: delivery.path,
        headers: headersForStorage(delivery.headers),
        body: delivery.rawBody.subarray(0, MAX_LOGGED_BODY_BYTES).toString('utf8'),
      },
    };
    this.publisher
      .publish([
        {
          topic: Topics.webhooksRejected,
          key: delivery.opaqueId,
          value: event,
          metadata: { id: event.id, type: event.type, source: '/whdb/ingress', time: event.received_at, correlationId: event.correlation_id },
        },
      ])
      .catch((error: unknown) => this.logger.warn('could not publish a rejected delivery to the audit log', { opaque_id: delivery.opaqueId, error }));
  }
}
