import { randomUUID } from 'node:crypto';
import {
  BackfillResourceEvent,
  boundByteLength,
  extractColumnValue,
  IntegrationSettings,
  JsonObject,
  MAX_INDEXED_TEXT_BYTES,
  normalizeColumnValue,
  Replicator,
  Topics,
} from '@whdb/core';
import { KafkaPublisher, OutgoingMessage } from '@whdb/kafka';

const SOURCE = '/whdb/backfiller';

/**
 * The Kafka key of a backfilled resource (docs/topics.md#keys), like a webhook's:
 * `<opaque_id>:<remote key>`, so a resource's backfilled and webhook events stay in order on one
 * partition; `<opaque_id>` when the resource has no usable remote key (the projector dead-letters it).
 * Only the remote key column is extracted, as `prepareRow` extracts it: the other columns (dates
 * to parse, `data` to check) are the projector's work, and were a tenth of the backfiller's CPU
 * (docs/performance.md#backfill).
 */
export function backfillResourceKey(replicator: Pick<Replicator, 'schema'>, resource: JsonObject, opaqueId: string, now: Date): string {
  const column = replicator.schema.remoteKey;
  try {
    const value = normalizeColumnValue(column, extractColumnValue(column, { resource, event: null }, now));
    if (value === null || value === '' || boundByteLength(value) > MAX_INDEXED_TEXT_BYTES) return opaqueId;
    return `${opaqueId}:${String(value)}`;
  } catch {
    return opaqueId;
  }
}

/**
 * Publishes one page's resources to `whdb.inbound.<service_name>` as `backfill.resource` events
 * (docs/behaviour/backfill.md#output), so the replicator's projector writes them exactly as
 * webhooks: the same upsert guard decides between a backfilled page and a newer webhook. Resolves
 * once Kafka acknowledged every message of the page.
 */
export class BackfillResourcePublisher {
  constructor(private readonly publisher: KafkaPublisher) {}

  async publishPage(replicator: Replicator, integration: IntegrationSettings, jobOpaqueId: string, correlationId: string, items: readonly JsonObject[]): Promise<void> {
    if (items.length === 0) return;
    const now = new Date();
    const fetchedAt = now.toISOString();
    const ref = { opaque_id: integration.opaqueId, service_name: integration.serviceName, organization_id: integration.organizationId };
    const messages: OutgoingMessage[] = items.map((resource) => {
      const event: BackfillResourceEvent = { type: 'backfill.resource', id: randomUUID(), correlation_id: correlationId, fetched_at: fetchedAt, integration: ref, backfill_job_id: jobOpaqueId, resource };
      return {
        topic: Topics.inbound(integration.serviceName),
        key: backfillResourceKey(replicator, resource, integration.opaqueId, now),
        value: event,
        metadata: { id: event.id, type: event.type, source: SOURCE, time: fetchedAt, correlationId },
      };
    });
    await this.publisher.publish(messages);
  }
}
