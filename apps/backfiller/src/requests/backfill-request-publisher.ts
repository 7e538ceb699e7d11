import { randomUUID } from 'node:crypto';
import { BackfillJobRecord, BackfillRequestedEvent, IntegrationSettings, Topics } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';

/**
 * Asks the backfillers to run jobs (`backfill.requested` on `whdb.backfill.requests`, key the
 * integration's opaque id, docs/topics.md#values): the children of a finished job and the
 * scheduler's polls. A lost publish delays a job until the next sweep; it never loses it.
 */
export class BackfillRequestPublisher {
  constructor(private readonly publisher: KafkaPublisher) {}

  async request(jobs: readonly { readonly job: BackfillJobRecord; readonly integration: IntegrationSettings }[], correlationId: string = randomUUID()): Promise<void> {
    if (jobs.length === 0) return;
    const now = new Date().toISOString();
    await this.publisher.publish(
      jobs.map(({ job, integration }) => {
        const event: BackfillRequestedEvent = {
          type: 'backfill.requested',
          id: randomUUID(),
          correlation_id: correlationId,
          requested_at: now,
          integration: { opaque_id: integration.opaqueId, service_name: integration.serviceName, organization_id: integration.organizationId },
          job_id: job.opaqueId,
        };
        return {
          topic: Topics.backfillRequests,
          key: integration.opaqueId,
          value: event,
          metadata: { id: event.id, type: event.type, source: '/whdb/backfiller', time: now, correlationId },
        };
      }),
    );
  }
}
