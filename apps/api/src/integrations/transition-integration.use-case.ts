import { AppError, chooseDependency, EMPTY_STEP, IntegrationSettings, IntegrationSettingsPatch, isTransitionField, Replicator, SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { stepResponse } from './integration-summary';
import { ReplicatorCatalog } from './replicator-catalog';
import { MachineTarget, SetupRunner } from './setup-runner';

const PATCH_FIELD = {
  webhook_secret: 'webhookSecret',
  backfill_key: 'backfillKey',
  backfill_secret: 'backfillSecret',
  api_url: 'apiUrl',
} as const;

/**
 * `POST .../{sint}/transition/{field} {value}` (docs/behaviour/state-machines.md#transitions):
 * saves the (normalized) value and answers with the recomputed machine; a backfill machine that
 * completes starts a backfill. `dependency_choice` picks the parent integration by number. An
 * unknown field is a 400, a missing value a 422 prompt.
 */
export class TransitionIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly runner: SetupRunner,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string, field: string, value: unknown, requestPath: string): Promise<Record<string, unknown>> {
    if (!isTransitionField(field)) throw new AppError('invalid_input', `"${field}" is not a field that can be set.`);
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { settings, replicator } = await lookupIntegration(repository, organization.id, ref, this.catalog);
    const target: MachineTarget = { replicator, settings, repository, organizationKey: organization.key };
    if (field === 'dependency_choice' && !replicator.descriptor.dependencyName) {
      throw new AppError('invalid_input', `${replicator.descriptor.resourceNamePlural} do not depend on another integration.`);
    }
    if (field === 'noop_create') {
      const run = await this.runner.runPreferred(target);
      return stepResponse(run.step, run.settings, run.job);
    }
    if (value !== undefined && value !== null && typeof value !== 'string') throw new AppError('invalid_input', 'value must be a string.');
    if (typeof value !== 'string') {
      throw new PromptRequiredError('value', { ...EMPTY_STEP, needsInput: true, prompt: `Paste or type your ${field} here:`, postToUrl: requestPath });
    }
    if (field === 'dependency_choice') {
      const saved = await this.chooseParent(replicator, settings, repository, value);
      const run = await this.runner.runPreferred({ ...target, settings: saved });
      return stepResponse(run.step, run.settings, run.job);
    }
    const cleaned = value.trim();
    const normalized = replicator.normalizeSetting ? replicator.normalizeSetting(field, cleaned) : cleaned;
    const patch: IntegrationSettingsPatch = { [PATCH_FIELD[field]]: normalized };
    const saved = await repository.updateSettings(settings.id, patch);
    const run = await this.runner.run(this.runner.machines.forField(replicator, field), { ...target, settings: saved });
    return stepResponse(run.step, run.settings, run.job);
  }

  /** `dependency_choice` (docs/behaviour/state-machines.md#dependencies): a 1-based number into the candidates, blank = 1. */
  private async chooseParent(replicator: Replicator, settings: IntegrationSettings, repository: ServiceIntegrationRepository, value: string): Promise<IntegrationSettings> {
    const dependency = this.runner.machines.dependencyOf(replicator)!;
    const candidates = await this.runner.machines.dependencyCandidates(dependency, settings, repository);
    const chosen = chooseDependency(candidates, value, dependency.descriptor);
    return repository.setDependsOn(settings.id, chosen.id);
  }
}
