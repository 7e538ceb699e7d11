import { JsonObject } from '@whdb/core';

export type OutboundProviderName = 'signalwire' | 'front';

/** How a command ended (`whdb_outbound_sender_sends_total{provider, outcome}`). */
export type SendOutcome =
  /** The provider accepted the call now. */
  | 'sent'
  /** The allowlist blocked the SMS: no call, sid `skipped`. */
  | 'skipped'
  /** Already done: the stored result was published again, no call. */
  | 'replayed'
  /** An interrupted call's result was found at the provider and adopted, no new call. */
  | 'adopted'
  /** An interrupted Front import that cannot be looked up: recorded as unconfirmed, not imported again. */
  | 'unconfirmed'
  /** A SignalWire business error (JSON `code`): alerted, no result, the reconciler's sweep re-issues. */
  | 'business_error'
  /** A final refusal (a 4xx that will not change): alerted and dead-lettered. */
  | 'refused';

/** The sender's metrics (docs/behaviour/outbound-sender.md#metrics), behind a port so use cases stay free of prom-client. */
export interface SenderMetrics {
  outcome(provider: OutboundProviderName, outcome: SendOutcome): void;
  /** An answer that makes the command retry with backoff: `429`, `5xx`, `unreachable`. */
  retry(provider: OutboundProviderName, reason: '429' | '5xx' | 'unreachable'): void;
  /** A call found in flight and resolved: `adopted`, `not_found` (sent now), `unconfirmed`. */
  inFlightResolution(provider: OutboundProviderName, outcome: 'adopted' | 'not_found' | 'unconfirmed'): void;
}

export const NO_SENDER_METRICS: SenderMetrics = { outcome: () => undefined, retry: () => undefined, inFlightResolution: () => undefined };

/** What executing a command produced. */
export type ExecutionOutcome =
  /** Publish the command's row with `patch` as a `delivery.result` (nothing when the command has no row). */
  | { readonly kind: 'result'; readonly patch: JsonObject }
  /** Nothing to publish: no result this time (a business error). */
  | { readonly kind: 'no_result' };
