import { prepareRow } from '../replicator/prepare-row';
import { Replicator } from '../replicator/replicator';
import { WebhookRequest } from './webhook-request';

/**
 * The Kafka key of an inbound delivery (docs/topics.md#keys): `<opaque_id>:<remote key>` when it
 * holds exactly one resource, so one resource's events stay in order on one partition while an
 * integration's load spreads; else `<opaque_id>`. Throws what the replicator's extraction throws.
 */
export function inboundPartitionKey(replicator: Replicator, request: WebhookRequest, opaqueId: string, now: Date): string {
  const items = replicator.resourcesFrom(request) ?? [];
  const rows = items.map((item) => prepareRow(replicator, item, now));
  return rows.length === 1 ? `${opaqueId}:${rows[0]!.remoteKey}` : opaqueId;
}
