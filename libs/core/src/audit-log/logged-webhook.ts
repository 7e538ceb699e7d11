import { ResourceShapeError } from '../errors/app-error';
import { WebhookReceivedEvent, WebhookRejectedEvent } from '../events/envelopes';
import { isJsonObject } from '../json/json';
import { headersForStorage } from '../webhooks/webhook-request';

/** One delivery as the audit log keeps it (`whdb.logged_webhooks`, docs/behaviour/audit-log.md#what-is-kept). */
export interface LoggedWebhookEntry {
  /** The id of the event that recorded it: a redelivered event is written once. */
  readonly eventId: string;
  readonly correlationId: string | null;
  readonly receivedAt: Date;
  readonly opaqueId: string;
  readonly organizationId: number | null;
  readonly method: string;
  readonly path: string;
  /** Lower-case names, credentials redacted (as on Kafka). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly status: number;
  readonly rejectedReason: string | null;
}

/** What the ingress answers an accepted delivery unless its replicator says otherwise. */
export const DEFAULT_ACCEPTED_STATUS = 202;

const str = (value: unknown): value is string => typeof value === 'string';

function requestOf(value: Record<string, unknown>): { method: string; path: string; headers: Record<string, string>; body: string } {
  const request = value['request'];
  if (!isJsonObject(request) || !str(request['method']) || !str(request['path']) || !str(request['body']) || !isJsonObject(request['headers'])) {
    throw new ResourceShapeError('delivery event has no usable request');
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(request['headers'])) if (str(header)) headers[name.toLowerCase()] = header;
  return { method: request['method'], path: request['path'], headers: headersForStorage(headers), body: request['body'] };
}

function receivedAtOf(value: Record<string, unknown>): Date {
  const at = new Date(str(value['received_at']) ? value['received_at'] : NaN);
  if (Number.isNaN(at.getTime())) throw new ResourceShapeError('delivery event has no valid received_at');
  return at;
}

/**
 * The audit-log entry of a message of `whdb.inbound.*` or `whdb.webhooks.rejected`, or null for
 * what is not a delivery (backfilled resources, channel results) and for replays, which are not
 * logged again (SPEC 9.3). A delivery event without its id or request throws a final error: the
 * consumer dead-letters it.
 */
export function loggedWebhookFromEvent(value: unknown): LoggedWebhookEntry | null {
  if (!isJsonObject(value)) throw new ResourceShapeError('event is not an object');
  const type = value['type'];
  if (type !== 'webhook.received' && type !== 'webhook.rejected') return null;
  if (!str(value['id']) || value['id'] === '') throw new ResourceShapeError('delivery event has no id');
  const correlationId = str(value['correlation_id']) ? value['correlation_id'] : null;
  if (type === 'webhook.received') {
    const event = value as unknown as WebhookReceivedEvent;
    if (event.replay_of !== undefined) return null;
    if (!isJsonObject(event.integration as unknown) || !str(event.integration.opaque_id)) throw new ResourceShapeError('delivery event has no integration');
    const organizationId = Number.isInteger(event.integration.organization_id) ? event.integration.organization_id : null;
    const status = Number.isInteger(event.response_status) ? event.response_status! : DEFAULT_ACCEPTED_STATUS;
    return { eventId: event.id, correlationId, receivedAt: receivedAtOf(value), opaqueId: event.integration.opaque_id, organizationId, ...requestOf(value), status, rejectedReason: null };
  }
  const event = value as unknown as WebhookRejectedEvent;
  if (!str(event.opaque_id) || !Number.isInteger(event.status)) throw new ResourceShapeError('rejected delivery has no integration id or status');
  const organizationId = Number.isInteger(event.organization_id) ? event.organization_id : null;
  const reason = str(event.reason) ? event.reason : null;
  return { eventId: event.id, correlationId, receivedAt: receivedAtOf(value), opaqueId: event.opaque_id, organizationId, ...requestOf(value), status: event.status, rejectedReason: reason };
}

/** Accepted deliveries answered below 400; rejected ones 400 and above (SPEC 9.3). */
export type LoggedWebhookStatus = 'accepted' | 'rejected';
export const LOGGED_WEBHOOK_STATUSES: readonly LoggedWebhookStatus[] = ['accepted', 'rejected'];
