import {
  AppError,
  authedApiPath,
  DependencyCandidate,
  dependencyStep,
  HttpClient,
  IntegrationSettings,
  NotImplementedError,
  orgSchemaName,
  ProviderEndpoints,
  Replicator,
  SetupContext,
  SetupResult,
  StateMachineStep,
  unauthedWebhookPath,
} from '@whdb/core';
import { ServiceIntegrationRepository } from '@whdb/persistence';
import { ReplicatorCatalog } from './replicator-catalog';

export type MachineKind = 'webhook' | 'backfill';

export interface SetupMachineDependencies {
  readonly publicUrl: string;
  readonly http: HttpClient;
  readonly timeoutMs: number;
  /** Provider API locations (SIGNALWIRE_URL_TEMPLATE, FRONT_API_URL); the production ones when absent. */
  readonly providers?: ProviderEndpoints;
  readonly catalog: ReplicatorCatalog;
}

/** A possible parent, with the settings the `dependency_choice` transition stores. */
export type DependencyCandidateSettings = DependencyCandidate & { readonly settings: IntegrationSettings };

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
    const pending = await this.dependencyStep(replicator, settings, repository);
    if (pending) return { result: { step: pending }, settings };
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

  /** The replicator this one depends on (docs/behaviour/state-machines.md#dependencies), or null. */
  dependencyOf(replicator: Replicator): Replicator | null {
    const name = replicator.descriptor.dependencyName;
    if (!name) return null;
    const dependency = this.deps.catalog.find(name);
    if (!dependency) throw new AppError('invariant_violated', `${replicator.descriptor.name} depends on ${name}, which is not a known replicator`);
    return dependency;
  }

  /** The organization's integrations that can be the parent: those of the dependency's service, oldest first. */
  async dependencyCandidates(dependency: Replicator, settings: IntegrationSettings, repository: ServiceIntegrationRepository): Promise<DependencyCandidateSettings[]> {
    const all = await repository.listForOrganization(settings.organizationId);
    return all
      .filter((candidate) => candidate.serviceName === dependency.descriptor.name && candidate.id !== settings.id)
      .map((candidate) => ({ id: candidate.id, opaqueId: candidate.opaqueId, tableName: candidate.tableName, settings: candidate }));
  }

  /**
   * Every machine of a replicator with a dependency starts with the dependency step until a parent
   * is chosen (docs/behaviour/state-machines.md#dependencies); null when there is nothing to ask.
   */
  async dependencyStep(replicator: Replicator, settings: IntegrationSettings, repository: ServiceIntegrationRepository): Promise<StateMachineStep | null> {
    const dependency = this.dependencyOf(replicator);
    if (!dependency || settings.dependsOnId !== null) return null;
    const candidates = await this.dependencyCandidates(dependency, settings, repository);
    return dependencyStep({
      dependent: replicator.descriptor,
      dependency: dependency.descriptor,
      candidates,
      authedApiPath: authedApiPath(settings.organizationId, settings.opaqueId),
    });
  }
}
