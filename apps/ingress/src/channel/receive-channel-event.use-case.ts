import { randomUUID } from 'node:crypto';
import {
  AppError,
  headersForStorage,
  isAppError,
  Logger,
  parseWebhookBody,
  Replicator,
  WebhookReceivedEvent,
  WebhookRequest,
} from '@whdb/core';
import {
  CHANNEL_SUPPORT_NUMBER_HEADER,
  ChannelEvent,
  channelMessageAnswer,
  channelMessageResources,
  FRONT_SIGNALWIRE_CHANNEL_PATH,
  isChannelMessageType,
  parseChannelEvent,
  verifyChannelSignature,
} from '@whdb/replicators';
import { ResolvedIntegration } from '@whdb/service-kit';
import { IngressReplies, IngressReply } from '../webhooks/ingress-reply';
import { inspectResources } from '../webhooks/inspect-resources';
import { InboundEventSink, RejectionRecorder } from '../webhooks/receive-webhook.use-case';
import { ChannelDelivery } from './channel-delivery';
import { ChannelReplies } from './channel-replies';

/** The control-plane reads and writes the channel endpoint needs (docs/behaviour/channel.md#endpoint). */
export interface ChannelIntegrations {
  /** The integration an API key belongs to (`findByApiKey`, by its digest), or null. */
  findByApiKey(apiKey: string): Promise<ResolvedIntegration | null>;
  /** `authorization`: stores the Front channel id in `backfill_key`. */
  recordFrontChannelId(integration: ResolvedIntegration, channelId: string, apiKey: string): Promise<void>;
  /**
   * `delete`: destroys the integration and its table (the SignalWire parent stays); the key stops
   * resolving; every dropped row is announced as a `d` row-change event with the correlation id.
   */
  destroy(integration: ResolvedIntegration, apiKey: string, correlationId?: string): Promise<void>;
}

export interface ReceiveChannelEventDependencies {
  /** `FRONT_SIGNALWIRE_CHANNEL_APP_SECRET`; unset, the endpoint answers 503. */
  readonly appSecret: string | undefined;
  readonly toleranceMs: number;
  /** `WHDB_PUBLIC_URL`: the authorization answer's `webhook_url` is on it. */
  readonly publicUrl: string;
  readonly replicator: Replicator;
  readonly integrations: ChannelIntegrations;
  readonly publisher: InboundEventSink;
  readonly rejections: RejectionRecorder;
  readonly logger: Logger;
}

/** The id refusals are logged under before an integration is known. */
export const CHANNEL_LOG_ID = 'front-signalwire-channel';

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reply: IngressReply; readonly integration?: ResolvedIntegration };

/**
 * The Front SignalWire channel endpoint (docs/behaviour/channel.md#endpoint, SPEC 15.3, 11.4, 11.2):
 * checks in this order, each refusal a clear 4xx recorded like the generic endpoint's:
 * 1. params: a JSON object whose `type` is one of the channel's five (400);
 * 2. the API key: `Authorization: Bearer <key>` of a channel integration (401, `code: unauthenticated`;
 *    on the `/message/{opaque_id}` alias the key must be that integration's);
 * 3. Front's signature with the channel app secret and a fresh timestamp (401).
 * Then answers synchronously from the payload alone: messages are durable in Kafka before the 200.
 */
export class ReceiveChannelEventUseCase {
  constructor(private readonly deps: ReceiveChannelEventDependencies) {}

  async execute(input: ChannelDelivery): Promise<IngressReply> {
    const { delivery } = input;
    if (!this.deps.appSecret) {
      this.deps.logger.error('channel event refused: FRONT_SIGNALWIRE_CHANNEL_APP_SECRET is not configured', { correlation_id: delivery.correlationId });
      return ChannelReplies.notConfigured();
    }
    const rawBody = delivery.rawBody.toString('utf8');
    const params = this.params(delivery.method, rawBody, delivery.headers['content-type']);
    if (!params.ok) return this.refuse(input, params);
    const key = await this.authenticate(input);
    if (!key.ok) return this.refuse(input, key);
    const { integration, apiKey } = key.value;
    const signature = verifyChannelSignature({ headers: delivery.headers, rawBody }, this.deps.appSecret, delivery.receivedAt, this.deps.toleranceMs);
    if (signature.status !== 200) return this.refuse(input, { reply: IngressReplies.fromVerification(signature), integration });
    try {
      return await this.process(input, params.value, integration, apiKey, rawBody);
    } catch (error) {
      if (isAppError(error) && error.retriable) {
        this.deps.logger.warn('channel event not accepted: a dependency is unavailable', { code: error.code, correlation_id: delivery.correlationId });
        return IngressReplies.unavailable(5);
      }
      throw error;
    }
  }

  private params(method: string, rawBody: string, contentType: string | undefined): Step<ChannelEvent> {
    const parsed = parseWebhookBody(rawBody, contentType);
    if (!parsed.ok) return { ok: false, reply: IngressReplies.rejected(400, parsed.reason) };
    const event = parseChannelEvent(method, parsed.body);
    return event.ok ? { ok: true, value: event.event } : { ok: false, reply: IngressReplies.rejected(400, event.reason) };
  }

  private async authenticate(input: ChannelDelivery): Promise<Step<{ integration: ResolvedIntegration; apiKey: string }>> {
    const header = input.delivery.headers['authorization'];
    if (header === undefined || header.trim() === '') return { ok: false, reply: ChannelReplies.unauthenticated('Missing Authorization header') };
    const match = /^Bearer (\S+)\s*$/.exec(header);
    if (!match) return { ok: false, reply: ChannelReplies.unauthenticated('Expected Bearer authorization') };
    const apiKey = match[1]!;
    let integration: ResolvedIntegration | null;
    try {
      integration = await this.deps.integrations.findByApiKey(apiKey);
    } catch (error) {
      if (!(error instanceof AppError && error.retriable)) throw error;
      this.deps.logger.warn('channel event not accepted: integration lookup unavailable', { code: error.code, correlation_id: input.delivery.correlationId });
      return { ok: false, reply: IngressReplies.unavailable(5) };
    }
    if (!integration || integration.settings.serviceName !== this.deps.replicator.descriptor.name) return { ok: false, reply: ChannelReplies.unauthenticated('Invalid API key') };
    if (input.path.kind === 'message' && input.path.opaqueId !== integration.settings.opaqueId) {
      return { ok: false, reply: ChannelReplies.unauthenticated('The API key does not belong to the integration in the path'), integration };
    }
    return { ok: true, value: { integration, apiKey } };
  }

  private async process(input: ChannelDelivery, event: ChannelEvent, integration: ResolvedIntegration, apiKey: string, rawBody: string): Promise<IngressReply> {
    switch (event.type) {
      case 'authorization': {
        const channelId = event.payload['channel_id'];
        if (typeof channelId !== 'string' || channelId.trim() === '') return this.refuse(input, { reply: IngressReplies.rejected(400, 'payload.channel_id must be a non-empty string'), integration });
        await this.deps.integrations.recordFrontChannelId(integration, channelId.trim(), apiKey);
        this.deps.logger.info('Front channel authorized', { opaque_id: integration.settings.opaqueId, correlation_id: input.delivery.correlationId });
        return ChannelReplies.ok({ type: 'success', webhook_url: `${this.deps.publicUrl.replace(/\/+$/, '')}${FRONT_SIGNALWIRE_CHANNEL_PATH}` });
      }
      case 'delete':
        await this.deps.integrations.destroy(integration, apiKey, input.delivery.correlationId);
        this.deps.logger.info('Front channel deleted: integration and table destroyed', { opaque_id: integration.settings.opaqueId, correlation_id: input.delivery.correlationId });
        return ChannelReplies.ok({});
      case 'message':
      case 'message_autoreply':
        return this.acceptMessage(input, event, integration, rawBody);
      case 'message_imported':
        return ChannelReplies.ok({});
    }
  }

  /** One row per `to` recipient, published as one `webhook.received` event, then Front's success answer. */
  private async acceptMessage(input: ChannelDelivery, event: ChannelEvent, integration: ResolvedIntegration, rawBody: string): Promise<IngressReply> {
    const { delivery } = input;
    const { settings } = integration;
    if (!isChannelMessageType(event.type)) throw new AppError('invariant_violated', `${event.type} is not a message`);
    let answer: ReturnType<typeof channelMessageAnswer>;
    try {
      answer = channelMessageAnswer(channelMessageResources(event.type, event.body, settings.apiUrl));
    } catch (error) {
      if (isAppError(error) && !error.retriable) return this.refuse(input, { reply: IngressReplies.rejected(400, error.message), integration });
      throw error;
    }
    // The support number rides along as a header we set, so the projector builds the same rows (any such header from outside is replaced).
    const headers = { ...delivery.headers, [CHANNEL_SUPPORT_NUMBER_HEADER]: settings.apiUrl };
    const request: WebhookRequest = { method: delivery.method, path: delivery.path, headers, rawBody, body: event.body };
    const inspection = inspectResources(this.deps.replicator, request, settings.opaqueId, delivery.receivedAt);
    if (!inspection.ok) return this.refuse(input, { reply: IngressReplies.rejected(400, inspection.reason), integration });
    const received: WebhookReceivedEvent = {
      type: 'webhook.received',
      id: randomUUID(),
      correlation_id: delivery.correlationId,
      received_at: delivery.receivedAt.toISOString(),
      integration: { opaque_id: settings.opaqueId, service_name: settings.serviceName, organization_id: settings.organizationId },
      request: { method: delivery.method, path: delivery.path, headers: headersForStorage(headers), body: rawBody },
      response_status: 200,
    };
    await this.deps.publisher.publishReceived(received, inspection.partitionKey);
    return ChannelReplies.ok(answer);
  }

  private refuse(input: ChannelDelivery, step: { readonly reply: IngressReply; readonly integration?: ResolvedIntegration }): IngressReply {
    const { delivery } = input;
    const integration = step.integration;
    const recorded = { ...delivery, opaqueId: integration?.settings.opaqueId ?? CHANNEL_LOG_ID };
    this.deps.logger.info('channel event refused', { opaque_id: recorded.opaqueId, status: step.reply.status, reason: step.reply.rejectedReason, correlation_id: delivery.correlationId });
    if (step.reply.status < 500) this.deps.rejections.record(recorded, integration?.settings.organizationId ?? null, step.reply);
    return step.reply;
  }
}
