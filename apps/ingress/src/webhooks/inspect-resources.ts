import { inboundPartitionKey, isAppError, Replicator, WebhookRequest } from '@whdb/core';

export type ResourceInspection = { readonly ok: true; readonly partitionKey: string } | { readonly ok: false; readonly reason: string };

/**
 * Extracts a verified delivery's resources and prepares their rows exactly as the projector will
 * (docs/behaviour/webhooks.md#processing-order), so a body the projector could not store is refused
 * now with a 400 instead of being acknowledged and then dead-lettered. Also gives the Kafka key:
 * `<opaque_id>:<remote key>` when the delivery holds exactly one resource, so one resource's events
 * stay in order on one partition while an integration's load spreads; else `<opaque_id>`.
 */
export function inspectResources(replicator: Replicator, request: WebhookRequest, opaqueId: string, now: Date): ResourceInspection {
  try {
    return { ok: true, partitionKey: inboundPartitionKey(replicator, request, opaqueId, now) };
  } catch (error) {
    if (isAppError(error) && !error.retriable) return { ok: false, reason: `unusable body: ${error.message}` };
    throw error;
  }
}
