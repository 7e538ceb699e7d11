import { randomUUID } from 'node:crypto';
import { AppError, headersForStorage, isRejected, Logger, parseWebhookBody, Replicator, WebhookReceivedEvent, WebhookRequest, webhookResponseFor } from '@whdb/core';
import { ResolvedIntegration } from '@whdb/service-kit';
import { Delivery, isBotProbe } from './delivery';
import { IngressReplies, IngressReply } from './ingress-reply';
import { inspectResources } from './inspect-resources';
import { TenantLimitDecision } from '../admission/tenant-rate-limits';

/** Where accepted deliveries go (Kafka in production): resolves only once the event is durable. */
export interface InboundEventSink {
  publishReceived(event: WebhookReceivedEvent, key: string): Promise<void>;
}

/** Where refused deliveries are recorded for the audit log (best effort). */
export interface RejectionRecorder {
  record(delivery: Delivery, organizationId: number | null, reply: IngressReply): void;
}

export interface ReceiveWebhookDependencies {
  /** Resolves an opaque id; rejects with a retriable `AppError` while the control plane cannot be read and nothing cached may answer. */
  readonly integrations: {
    get(opaqueId: string): Promise<ResolvedIntegration | null>;
    /** A fresh read when the cached entry is old enough (see `StaleWhileErrorCache.refresh`); `undefined` when none was made. */
    refresh?(opaqueId: string, minAgeMs: number): Promise<ResolvedIntegration | null | undefined>;
  };
  readonly findReplicator: (serviceName: string) => Replicator | undefined;
  readonly publisher: InboundEventSink;
  readonly rejections: RejectionRecorder;
  readonly logger: Logger;
  /** Per-integration and per-organization rate limits (docs/operations.md#noisy-tenant); none when absent. */
  readonly limits?: {
    check(opaqueId: string, organizationId: number): TenantLimitDecision;
    admit(opaqueId: string, organizationId: number): TenantLimitDecision;
  };
  /** Called for each webhook refused by a rate limit (a metric: refusals of a flood are not logged one by one). */
  readonly onLimited?: (scope: 'integration' | 'organization') => void;
}

/** A refused signature re-reads its integration at most this often (docs/behaviour/webhooks.md#secret-changes). */
const SECRET_RECHECK_MIN_AGE_MS = 1000;

/**
 * The generic webhook endpoint (docs/behaviour/webhooks.md#processing-order): resolve the integration, verify the
 * raw bytes, parse, and acknowledge only once the event is durable in Kafka. Every refusal is a
 * clear 4xx with a reason, published to the audit log; an outage is a 503, never a 2xx.
 */
export class ReceiveWebhookUseCase {
  constructor(private readonly deps: ReceiveWebhookDependencies) {}

  async execute(delivery: Delivery): Promise<IngressReply> {
    let resolved: ResolvedIntegration | null;
    try {
      resolved = await this.deps.integrations.get(delivery.opaqueId);
    } catch (error) {
      if (!(error instanceof AppError && error.retriable)) throw error;
      // The control plane cannot be read: the provider should retry, not give up on a 4xx.
      this.deps.logger.warn('webhook not accepted: integration lookup unavailable', { opaque_id: delivery.opaqueId, code: error.code, correlation_id: delivery.correlationId });
      return IngressReplies.unavailable(5);
    }
    if (!resolved) return this.refuse(delivery, null, IngressReplies.rejected(400, 'No integration with that id'));
    const replicator = this.deps.findReplicator(resolved.settings.serviceName);
    if (!replicator) return this.refuse(delivery, resolved, IngressReplies.rejected(400, `Unknown service ${resolved.settings.serviceName}`));
    if (isBotProbe(delivery)) return this.refuse(delivery, resolved, IngressReplies.botRefused());
    // A tenant over its rate is refused before any parsing or HMAC: during a flood, that is most deliveries.
    const limited = this.limited(resolved, 'check');
    if (limited) return limited;

    const rawBody = delivery.rawBody.toString('utf8');
    const parsed = parseWebhookBody(rawBody, delivery.headers['content-type']);
    const request: WebhookRequest = {
      method: delivery.method,
      path: delivery.path,
      headers: delivery.headers,
      rawBody,
      body: parsed.ok ? parsed.body : rawBody,
    };
    let verification = webhookResponseFor(replicator, request, resolved.settings, delivery.receivedAt);
    if (isRejected(verification) && this.deps.integrations.refresh) {
      // The secret may have changed since it was cached: verify once more against a fresh read.
      const fresh = await this.deps.integrations.refresh(delivery.opaqueId, SECRET_RECHECK_MIN_AGE_MS);
      if (fresh && fresh.settings.serviceName === resolved.settings.serviceName) {
        resolved = fresh;
        verification = webhookResponseFor(replicator, request, resolved.settings, delivery.receivedAt);
      }
    }
    if (isRejected(verification)) return this.refuse(delivery, resolved, IngressReplies.fromVerification(verification));
    // Only verified webhooks spend a tenant's budget: nobody can exhaust it without its secret.
    const overBudget = this.limited(resolved, 'admit');
    if (overBudget) return overBudget;
    if (!parsed.ok) return this.refuse(delivery, resolved, IngressReplies.rejected(400, parsed.reason));
    const inspection = inspectResources(replicator, request, resolved.settings.opaqueId, delivery.receivedAt);
    if (!inspection.ok) return this.refuse(delivery, resolved, IngressReplies.rejected(400, inspection.reason));

    const event: WebhookReceivedEvent = {
      type: 'webhook.received',
      id: randomUUID(),
      correlation_id: delivery.correlationId,
      received_at: delivery.receivedAt.toISOString(),
      integration: { opaque_id: resolved.settings.opaqueId, service_name: resolved.settings.serviceName, organization_id: resolved.settings.organizationId },
      request: { method: delivery.method, path: delivery.path, headers: headersForStorage(delivery.headers), body: rawBody },
      response_status: verification.status,
    };
    try {
      await this.deps.publisher.publishReceived(event, inspection.partitionKey);
    } catch (error) {
      if (error instanceof AppError && error.retriable) {
        this.deps.logger.warn('webhook not accepted: event store unavailable', { opaque_id: delivery.opaqueId, code: error.code, correlation_id: delivery.correlationId });
        return IngressReplies.unavailable(5);
      }
      throw error;
    }
    return IngressReplies.fromVerification(verification);
  }

  /** The 429 when the tenant is over its rate (`check` only looks; `admit` also spends), else null. */
  private limited(resolved: ResolvedIntegration, how: 'check' | 'admit'): IngressReply | null {
    const decision = this.deps.limits?.[how](resolved.settings.opaqueId, resolved.settings.organizationId);
    if (!decision || decision.ok) return null;
    this.deps.onLimited?.(decision.scope);
    return IngressReplies.rateLimited(decision.scope, decision.retryAfterSeconds);
  }

  private refuse(delivery: Delivery, resolved: ResolvedIntegration | null, reply: IngressReply): IngressReply {
    this.deps.logger.info('webhook refused', { opaque_id: delivery.opaqueId, status: reply.status, reason: reply.rejectedReason, correlation_id: delivery.correlationId });
    this.deps.rejections.record(delivery, resolved?.settings.organizationId ?? null, reply);
    return reply;
  }
}
