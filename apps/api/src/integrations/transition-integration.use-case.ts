import { AppError, EMPTY_STEP, IntegrationSettingsPatch, isTransitionField, SecretBox } from '@whdb/core';
import { Database, ServiceIntegrationRepository } from '@whdb/persistence';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { stepResponse } from './integration-summary';
import { SetupMachines } from './setup-machines';

const PATCH_FIELD = {
  webhook_secret: 'webhookSecret',
  backfill_key: 'backfillKey',
  backfill_secret: 'backfillSecret',
  api_url: 'apiUrl',
} as const;

/**
 * `POST .../{sint}/transition/{field} {value}` (docs/behaviour/state-machines.md#transitions):
 * saves the (normalized) value and answers with the recomputed machine. An unknown field is a 400,
 * a missing value a 422 prompt.
 */
export class TransitionIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly machines: SetupMachines,
  ) {}

  async execute(organization: OrganizationRef, ref: string, field: string, value: unknown, requestPath: string): Promise<Record<string, unknown>> {
    if (!isTransitionField(field)) throw new AppError('invalid_input', `"${field}" is not a field that can be set.`);
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const { settings, replicator } = await lookupIntegration(repository, organization.id, ref);
    if (field === 'dependency_choice') {
      throw new AppError('invalid_input', `${replicator.descriptor.resourceNamePlural} do not depend on another integration.`);
    }
    if (field === 'noop_create') {
      const { result, settings: current } = await this.machines.run(this.machines.preferred(replicator), replicator, settings, repository, organization.key);
      return stepResponse(result.step, current);
    }
    if (value !== undefined && value !== null && typeof value !== 'string') throw new AppError('invalid_input', 'value must be a string.');
    if (typeof value !== 'string') {
      throw new PromptRequiredError('value', { ...EMPTY_STEP, needsInput: true, prompt: `Paste or type your ${field} here:`, postToUrl: requestPath });
    }
    const cleaned = value.trim();
    const normalized = replicator.normalizeSetting ? replicator.normalizeSetting(field, cleaned) : cleaned;
    const patch: IntegrationSettingsPatch = { [PATCH_FIELD[field]]: normalized };
    const saved = await repository.updateSettings(settings.id, patch);
    const { result, settings: current } = await this.machines.run(this.machines.forField(replicator, field), replicator, saved, repository, organization.key);
    return stepResponse(result.step, current);
  }
}
