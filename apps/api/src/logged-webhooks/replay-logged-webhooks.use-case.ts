import { randomUUID } from 'node:crypto';
import { AppError, inboundPartitionKey, isAppError, parseWebhookBody, SecretBox, Topics, WebhookReceivedEvent } from '@whdb/core';
import { KafkaPublisher, OutgoingMessage } from '@whdb/kafka';
import { Database, LoggedWebhookRecord, LoggedWebhookRepository, ServiceIntegrationRepository } from '@whdb/persistence';
import { findReplicator } from '@whdb/replicators';
import { OrganizationRef } from '../organizations/organization-access';
import { isReplayable } from './logged-webhook-view';

/** The header a replayed request carries (SPEC 9.3): the id of the logged webhook it replays. */
export const REPLAY_HEADER = 'whdb-logged-webhook-retry';

export interface ReplayResult {
  readonly items: { id: string; event_id: string; service_integration_opaque_id: string }[];
}

/**
 * `POST /v1/organizations/{org}/logged_webhooks/replay {ids}` (docs/behaviour/audit-log.md#replay):
 * publishes each chosen accepted delivery again, as a new `webhook.received` event (new id, a
 * `replay_of` marker, the `whdb-logged-webhook-retry` header) on its integration's inbound topic,
 * so it goes through the same projection; the conditional upsert makes a replay of old data
 * harmless. All ids are checked before anything is published: unknown ids, rejected or truncated
 * deliveries and deleted integrations are refused with a 4xx naming them.
 */
export class ReplayLoggedWebhooksUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly publisher: KafkaPublisher,
  ) {}

  async execute(organization: OrganizationRef, ids: readonly string[]): Promise<ReplayResult> {
    const unique = [...new Set(ids)];
    const records = await new LoggedWebhookRepository(this.dataSource).findForOrganization(organization.id, unique);
    const found = new Set(records.map((record) => record.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) throw new AppError('not_found', `No logged webhook with id ${missing.join(', ')} in this organization.`, { ids: missing });
    const rejected = records.filter((record) => record.status >= 400).map((record) => record.id);
    if (rejected.length > 0) throw new AppError('conflict', `Rejected deliveries cannot be replayed: ${rejected.join(', ')}.`, { ids: rejected });
    const truncated = records.filter((record) => !isReplayable(record)).map((record) => record.id);
    if (truncated.length > 0) throw new AppError('conflict', `These deliveries were truncated by retention and cannot be replayed: ${truncated.join(', ')}.`, { ids: truncated });

    const integrations = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const now = new Date();
    const messages: OutgoingMessage[] = [];
    for (const record of records) messages.push(await this.messageFor(record, integrations, organization, now));
    await this.publisher.publish(messages);
    return {
      items: messages.map((message, index) => ({ id: records[index]!.id, event_id: message.metadata.id, service_integration_opaque_id: records[index]!.opaqueId })),
    };
  }

  private async messageFor(record: LoggedWebhookRecord, integrations: ServiceIntegrationRepository, organization: OrganizationRef, now: Date): Promise<OutgoingMessage> {
    const integration = await integrations.findByOpaqueId(record.opaqueId);
    const replicator = integration && findReplicator(integration.settings.serviceName);
    if (!integration || integration.settings.organizationId !== organization.id || !replicator) {
      throw new AppError('conflict', `The integration of logged webhook ${record.id} no longer exists; it cannot be replayed.`, { ids: [record.id] });
    }
    const headers: Record<string, string> = { ...record.headers, [REPLAY_HEADER]: record.id };
    const event: WebhookReceivedEvent = {
      type: 'webhook.received',
      id: randomUUID(),
      correlation_id: randomUUID(),
      received_at: now.toISOString(),
      integration: { opaque_id: record.opaqueId, service_name: integration.settings.serviceName, organization_id: organization.id },
      request: { method: record.method, path: record.path, headers, body: record.body },
      response_status: record.status,
      replay_of: { logged_webhook_id: record.id },
    };
    const parsed = parseWebhookBody(record.body, headers['content-type']);
    let key = record.opaqueId;
    try {
      key = inboundPartitionKey(replicator, { ...event.request, rawBody: record.body, body: parsed.ok ? parsed.body : record.body }, record.opaqueId, now);
    } catch (error) {
      // The projector will refuse it the same way (and dead-letter it); the key does not matter then.
      if (!isAppError(error)) throw error;
    }
    return {
      topic: Topics.inbound(integration.settings.serviceName),
      key,
      value: event,
      metadata: { id: event.id, type: event.type, source: '/whdb/api/replay', time: event.received_at, correlationId: event.correlation_id },
    };
  }
}
