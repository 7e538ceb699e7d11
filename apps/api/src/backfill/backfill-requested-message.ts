import { randomUUID } from 'node:crypto';
import { BackfillJobRecord, BackfillRequestedEvent, encodeEventHeaders, IntegrationSettings, OutboxMessage, Topics } from '@whdb/core';

/**
 * The `backfill.requested` event of a job (docs/topics.md#values): topic `whdb.backfill.requests`,
 * key the integration's opaque id, CloudEvents headers with the request's correlation id.
 */
export function backfillRequestedMessage(job: BackfillJobRecord, settings: IntegrationSettings, correlationId: string, now: Date): OutboxMessage {
  const event: BackfillRequestedEvent = {
    type: 'backfill.requested',
    id: randomUUID(),
    correlation_id: correlationId,
    requested_at: now.toISOString(),
    integration: { opaque_id: settings.opaqueId, service_name: settings.serviceName, organization_id: settings.organizationId },
    job_id: job.opaqueId,
  };
  return {
    topic: Topics.backfillRequests,
    key: settings.opaqueId,
    value: JSON.stringify(event),
    headers: encodeEventHeaders({ id: event.id, type: event.type, source: '/whdb/api', time: event.requested_at, correlationId }),
  };
}
