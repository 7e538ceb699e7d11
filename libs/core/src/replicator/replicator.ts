import { JsonObject } from '../json/json';
import { HttpClient } from '../http/http-client';
import { StateMachineStep } from '../state-machine/state-machine-step';
import { WebhookRequest } from '../webhooks/webhook-request';
import { WebhookResponse } from '../webhooks/webhook-response';
import { ReplicatorDescriptor } from './descriptor';
import { IntegrationSettings, IntegrationSettingsPatch } from './integration-settings';
import { ProviderEndpoints } from './provider-endpoints';
import { ReplicatorSchema } from './replicator-schema';

/**
 * A resource to upsert, with the event that wrapped it when there was one
 * (docs/behaviour/replicator-framework.md#hooks).
 */
export interface ResourceAndEvent {
  readonly resource: JsonObject;
  readonly event: JsonObject | null;
}

export interface BackfillPage {
  readonly items: readonly JsonObject[];
  readonly nextToken: string | null;
}

export interface BackfillContext {
  readonly integration: IntegrationSettings;
  readonly http: HttpClient;
  /** Set for incremental backfills: only fetch what changed since. */
  readonly lastBackfilled: Date | null;
  readonly timeoutMs: number;
  /** Provider API locations from the service's config; `DEFAULT_PROVIDER_ENDPOINTS` when absent. */
  readonly providers?: ProviderEndpoints;
}

export interface SetupContext {
  readonly integration: IntegrationSettings;
  /** `WHDB_PUBLIC_URL` + the integration's webhook path. */
  readonly webhookUrl: string;
  /** `/v1/organizations/<org id>/service_integrations/<opaque id>` */
  readonly authedApiPath: string;
  /** How analysts name the table: `whdb_org_<key>.<table>`. */
  readonly qualifiedTableName: string;
  readonly http: HttpClient;
  readonly timeoutMs: number;
  /** Provider API locations from the service's config; `DEFAULT_PROVIDER_ENDPOINTS` when absent. */
  readonly providers?: ProviderEndpoints;
}

/** A step plus the settings the machine wants changed (applied in the same transaction). */
export interface SetupResult {
  readonly step: StateMachineStep;
  readonly patch?: IntegrationSettingsPatch;
}

/**
 * The code for one `service_name` (docs/behaviour/replicator-framework.md#hooks), free of I/O:
 * everything it needs from the outside (HTTP, time) is passed in. Read a replicator's folder top to
 * bottom: descriptor, schema, webhook verification + resource extraction, backfill, state machines.
 */
export interface Replicator {
  readonly descriptor: ReplicatorDescriptor;
  readonly schema: ReplicatorSchema;

  /** Verifies a delivery against the raw bytes. Rejections are values, never throws. */
  verifyWebhook(request: WebhookRequest, integration: IntegrationSettings, now: Date): WebhookResponse;

  /**
   * Resources in a verified delivery; `null` (or `[]`) means "nothing to store"
   * (docs/behaviour/replicator-framework.md#hooks). Throws `ResourceShapeError` for bodies it
   * cannot understand.
   */
  resourcesFrom(request: WebhookRequest): readonly ResourceAndEvent[] | null;

  /** The value stored in `data`; defaults to the resource. */
  resourceToData?(item: ResourceAndEvent): JsonObject;

  /**
   * One page of the provider's list endpoint (docs/behaviour/backfill.md#paging-loop). Present when
   * backfill is supported.
   */
  fetchBackfillPage?(context: BackfillContext, token: string | null): Promise<BackfillPage>;

  /** The webhook setup machine (docs/behaviour/state-machines.md). Present when webhooks are supported. */
  webhookStateMachine?(context: SetupContext): Promise<SetupResult>;

  /** The backfill setup machine (docs/behaviour/state-machines.md). Present when backfill is supported. */
  backfillStateMachine?(context: SetupContext): Promise<SetupResult>;

  /** Normalizes a transition value before it is saved (e.g. a SignalWire space URL). */
  normalizeSetting?(field: 'api_url' | 'backfill_key' | 'backfill_secret' | 'webhook_secret', value: string): string;
}
