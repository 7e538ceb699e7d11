import {
  authedApiPath,
  HttpClient,
  IntegrationSettings,
  NotImplementedError,
  orgSchemaName,
  ProviderEndpoints,
  Replicator,
  SetupContext,
  SetupResult,
  unauthedWebhookPath,
} from '@whdb/core';
import { ServiceIntegrationRepository } from '@whdb/persistence';

export type MachineKind = 'webhook' | 'backfill';

export interface SetupMachineDependencies {
  readonly publicUrl: string;
  readonly http: HttpClient;
  readonly timeoutMs: number;
  /** Provider API locations (SIGNALWIRE_URL_TEMPLATE, FRONT_API_URL); the production ones when absent. */
  readonly providers?: ProviderEndpoints;
}

/**
 * Runs a replicator's setup state machines (docs/behaviour/state-machines.md) for an integration
 * and saves the settings a machine asks to change (e.g. clearing credentials that failed
 * verification).
 */
export class SetupMachines {
  constructor(private readonly deps: SetupMachineDependencies) {}

  webhookUrl(settings: IntegrationSettings): string {
    return `${this.deps.publicUrl.replace(/\/+$/, '')}${unauthedWebhookPath(settings.opaqueId)}`;
  }

  /** The webhook machine when webhooks are supported, otherwise the backfill machine. */
  preferred(replicator: Replicator): MachineKind {
    return replicator.descriptor.supportsWebhooks ? 'webhook' : 'backfill';
  }

  /** Which machine a transition of `field` recomputes (docs/behaviour/state-machines.md#transitions). */
  forField(replicator: Replicator, field: 'webhook_secret' | 'backfill_key' | 'backfill_secret' | 'api_url'): MachineKind {
    const { supportsWebhooks, supportsBackfill } = replicator.descriptor;
    if (field === 'webhook_secret') return supportsWebhooks ? 'webhook' : 'backfill';
    return supportsBackfill ? 'backfill' : 'webhook';
  }

  async run(
    kind: MachineKind,
    replicator: Replicator,
    settings: IntegrationSettings,
    repository: ServiceIntegrationRepository,
    organizationKey: string,
  ): Promise<{ result: SetupResult; settings: IntegrationSettings }> {
    const machine = kind === 'webhook' ? replicator.webhookStateMachine : replicator.backfillStateMachine;
    if (!machine) throw new NotImplementedError(`The ${kind} state machine of ${replicator.descriptor.name}`);
    const context: SetupContext = {
      integration: settings,
      webhookUrl: this.webhookUrl(settings),
      authedApiPath: authedApiPath(settings.organizationId, settings.opaqueId),
      qualifiedTableName: `${orgSchemaName(organizationKey)}.${settings.tableName}`,
      http: this.deps.http,
      timeoutMs: this.deps.timeoutMs,
      providers: this.deps.providers,
    };
    const result = await machine(context);
    const updated = result.patch && Object.keys(result.patch).length > 0 ? await repository.updateSettings(settings.id, result.patch) : settings;
    return { result, settings: updated };
  }
}
