import { JsonObject } from '../json/json';

/** Which integration an event is about. */
export interface IntegrationRef {
  readonly opaque_id: string;
  readonly service_name: string;
  readonly organization_id: number;
}

/** A verified delivery, published by ingress to `whdb.inbound.<service_name>`. */
export interface WebhookReceivedEvent {
  readonly type: 'webhook.received';
  readonly id: string;
  readonly correlation_id: string;
  readonly received_at: string;
  readonly integration: IntegrationRef;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
  /** The status the ingress answered (202 unless the replicator says otherwise); kept in the audit log. */
  readonly response_status?: number;
  /**
   * Set when the api replays a logged delivery (docs/behaviour/audit-log.md#replay): the id of the
   * `whdb.logged_webhooks` row. A replay is projected like any delivery but not logged again.
   */
  readonly replay_of?: { readonly logged_webhook_id: string };
}

/** A resource fetched by a backfill page, published to the same inbound topic. */
export interface BackfillResourceEvent {
  readonly type: 'backfill.resource';
  readonly id: string;
  readonly correlation_id: string;
  readonly fetched_at: string;
  readonly integration: IntegrationRef;
  readonly backfill_job_id: string;
  readonly resource: JsonObject;
}

/**
 * A row the reconciler wants in a channel table (an SMS to mirror into Front, a failed-send notice),
 * published to that channel's inbound topic so the channel table keeps one writer, its projector
 * (docs/behaviour/channel.md). `resource` is the complete upsert body.
 */
export interface ChannelResourceEvent {
  readonly type: 'channel.resource';
  readonly id: string;
  readonly correlation_id: string;
  readonly produced_at: string;
  readonly integration: IntegrationRef;
  readonly resource: JsonObject;
}

/**
 * What the outbound sender learned from a provider call (the SignalWire sid of a sent SMS, the
 * Front message uid of an import, or a skip sentinel), as the complete upsert body of the channel
 * row it completes; published to the channel's inbound topic (docs/behaviour/channel.md).
 */
export interface DeliveryResultEvent {
  readonly type: 'delivery.result';
  readonly id: string;
  readonly correlation_id: string;
  readonly produced_at: string;
  readonly integration: IntegrationRef;
  /** The command this result answers (its idempotency key). */
  readonly command_key: string;
  readonly resource: JsonObject;
}

export type InboundEvent = WebhookReceivedEvent | BackfillResourceEvent | ChannelResourceEvent | DeliveryResultEvent;

/**
 * Asks a backfiller to run a job (`whdb.backfill.requests`, key `<opaque_id>`). The job row (in
 * `whdb.backfill_jobs`) holds the state; the event only names it, so a redelivered request for a
 * finished job does nothing (docs/behaviour/backfill.md#jobs).
 */
export interface BackfillRequestedEvent {
  readonly type: 'backfill.requested';
  readonly id: string;
  readonly correlation_id: string;
  readonly requested_at: string;
  readonly integration: IntegrationRef;
  /** The job's `bfj_...` opaque id. */
  readonly job_id: string;
}

/**
 * An alert for an organization (CONTRACT: error handlers): POSTed as JSON to every error-handler URL
 * of the organization, and always logged (docs/behaviour/alerts.md).
 */
export interface OrgAlert {
  /** What happened, e.g. `errors/generic_backfill`. */
  readonly template: string;
  readonly service_integration: { readonly opaque_id: string; readonly service_name: string; readonly table_name: string };
  /** For people; no secrets. */
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}
export type InboundEventType = InboundEvent['type'];

/** A delivery that was refused, published to `whdb.webhooks.rejected` for the audit log. */
export interface WebhookRejectedEvent {
  readonly type: 'webhook.rejected';
  readonly id: string;
  readonly correlation_id: string;
  readonly received_at: string;
  readonly opaque_id: string;
  readonly organization_id: number | null;
  readonly status: number;
  readonly reason: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    /** Truncated to a few KiB: rejected bodies are kept for diagnosis, not replay. */
    readonly body: string;
  };
}

/** Metadata carried as CloudEvents binary headers (docs/topics.md#headers-every-message). */
export interface EventMetadata {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly time: string;
  readonly correlationId: string;
}
