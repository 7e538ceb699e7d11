import { AppError, ResourceShapeError } from '../errors/app-error';
import { InboundEvent } from '../events/envelopes';
import { RowChangeInboundPosition } from '../events/row-change-envelope';
import { isJsonObject } from '../json/json';
import { Replicator, ResourceAndEvent } from '../replicator/replicator';
import { parseWebhookBody } from '../webhooks/webhook-request';

/** The resources one inbound event carries, with where they came from. */
export interface DecodedEvent {
  readonly opaqueId: string;
  readonly correlationId: string;
  readonly items: readonly ResourceAndEvent[];
  /** The Kafka message it was read from, when the caller knows it (row changes' `source.inbound`). */
  readonly inbound?: RowChangeInboundPosition;
  /**
   * True for a backfilled resource: the provider's history read by a backfill, Debezium's snapshot
   * read, so a row it inserts is announced with `op: "r"` (docs/topics.md#the-envelope).
   */
  readonly snapshot?: boolean;
}

/**
 * Turns an inbound event into resources with the replicator's own extraction, exactly as the
 * webhook path would (docs/behaviour/upserts.md#from-event-to-rows). A backfilled resource, a
 * channel row and a delivery result arrive bare. Bad events throw
 * non-retriable errors so the consumer dead-letters them and moves on.
 */
export function decodeInboundEvent(replicator: Replicator, event: InboundEvent): DecodedEvent {
  if (!isJsonObject(event as unknown) || typeof event.integration?.opaque_id !== 'string') {
    throw new ResourceShapeError('inbound event has no integration');
  }
  if (event.integration.service_name !== replicator.descriptor.name) {
    throw new AppError('invariant_violated', `event for ${event.integration.service_name} reached the ${replicator.descriptor.name} projector`);
  }
  const base = { opaqueId: event.integration.opaque_id, correlationId: event.correlation_id ?? '' };
  switch (event.type) {
    case 'webhook.received': {
      const { request } = event;
      const parsed = parseWebhookBody(request.body, request.headers['content-type']);
      if (!parsed.ok) throw new ResourceShapeError(parsed.reason);
      const items = replicator.resourcesFrom({ method: request.method, path: request.path, headers: request.headers, rawBody: request.body, body: parsed.body });
      return { ...base, items: items ?? [] };
    }
    case 'backfill.resource':
      if (!isJsonObject(event.resource)) throw new ResourceShapeError(`${event.type} resource is not an object`);
      return { ...base, items: [{ resource: event.resource, event: null }], snapshot: true };
    case 'channel.resource':
    case 'delivery.result':
      // A complete resource, as the replicator's own rows are shaped: upserted as it is (a
      // backfilled one too, above).
      if (!isJsonObject(event.resource)) throw new ResourceShapeError(`${event.type} resource is not an object`);
      return { ...base, items: [{ resource: event.resource, event: null }] };
    default:
      throw new ResourceShapeError(`unknown inbound event type ${JSON.stringify((event as { type?: unknown }).type)}`);
  }
}
