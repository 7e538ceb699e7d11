import { AppError, defaultTableName, EMPTY_STEP, IntegrationSettings, NO_CANDIDATE_DEPENDENCY, opaqueId, Replicator, SecretBox, StateMachineStep } from '@whdb/core';
import { createReplicatorTable, Database, ensureOrganizationSchema, isUniqueViolation, ServiceIntegrationRepository, withTransaction } from '@whdb/persistence';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { stepResponse } from './integration-summary';
import { ReplicatorCatalog } from './replicator-catalog';
import { SetupRunner } from './setup-runner';

const TABLE_NAME_ATTEMPTS = 5;

/** Thrown inside the creating transaction to roll it back while still answering with `step`. */
class NoCandidateDependency extends Error {
  constructor(
    readonly step: StateMachineStep,
    readonly settings: IntegrationSettings,
  ) {
    super(NO_CANDIDATE_DEPENDENCY);
  }
}

/**
 * `POST .../service_integrations/create {service_name, guard_confirm?}`
 * (docs/behaviour/integrations-api.md#create-an-integration): creates the integration and its table
 * in the organization's schema (readable by its read-only role). When the replicator supports
 * backfill its backfill machine runs (and enqueues a job if it is already complete); the answer is
 * the webhook machine's step, else the backfill machine's. A replicator whose dependency has no
 * candidate is not created at all: the answer is the `no_candidate_dependency` step.
 */
export class CreateIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly runner: SetupRunner,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, input: { serviceName: string; guardConfirm?: boolean }, requestPath: string): Promise<Record<string, unknown>> {
    const replicator = this.catalog.find(input.serviceName);
    if (!replicator) {
      throw new AppError('invalid_service', `"${input.serviceName}" is not a valid service. Valid services: ${this.catalog.names().join(', ')}`);
    }
    const repository = new ServiceIntegrationRepository(this.dataSource, this.secretBox);
    const existing = (await repository.listForOrganization(organization.id)).filter((s) => s.serviceName === input.serviceName);
    if (existing.length > 0 && !input.guardConfirm) {
      const step = {
        ...EMPTY_STEP,
        needsInput: true,
        prompt: 'Are you sure you want to create another one? (y/n)',
        postToUrl: requestPath,
        postParams: { service_name: input.serviceName },
        postParamsValueKey: 'guard_confirm',
        output: `You already have an integration of ${input.serviceName} (${existing.map((s) => s.tableName).join(', ')}).`,
      };
      throw new PromptRequiredError('guard_confirm', step, `${organization.name} already has an integration of ${input.serviceName}.`);
    }
    let settings: IntegrationSettings;
    try {
      settings = await this.createWithUniqueTable(organization, replicator);
    } catch (error) {
      if (error instanceof NoCandidateDependency) return stepResponse(error.step, error.settings);
      throw error;
    }
    const target = { replicator, repository, organizationKey: organization.key };
    const { supportsBackfill, supportsWebhooks } = replicator.descriptor;
    const backfill = supportsBackfill ? await this.runner.run('backfill', { ...target, settings }) : null;
    if (backfill && !supportsWebhooks) return stepResponse(backfill.step, backfill.settings, backfill.job);
    const webhook = await this.runner.run('webhook', { ...target, settings: backfill?.settings ?? settings });
    return stepResponse(webhook.step, webhook.settings, backfill?.job);
  }

  private async createWithUniqueTable(organization: OrganizationRef, replicator: Replicator): Promise<IntegrationSettings> {
    const serviceName = replicator.descriptor.name;
    for (let attempt = 1; ; attempt += 1) {
      const tableName = defaultTableName(serviceName);
      try {
        return await withTransaction(this.dataSource, async (tx) => {
          const repository = new ServiceIntegrationRepository(tx, this.secretBox);
          const settings = await repository.create({ organizationId: organization.id, serviceName, tableName, opaqueId: opaqueId('svi') });
          // SPEC 8.3: without a possible parent the creation is rolled back (docs/behaviour/state-machines.md#dependencies).
          const dependency = await this.runner.machines.dependencyStep(replicator, settings, repository);
          if (dependency?.errorCode === NO_CANDIDATE_DEPENDENCY) throw new NoCandidateDependency(dependency, settings);
          const { schema } = await ensureOrganizationSchema(tx, organization.key);
          await createReplicatorTable(tx, { schema, table: tableName, opaqueId: settings.opaqueId, replicatorSchema: replicator.schema });
          return settings;
        });
      } catch (error) {
        // Four hex characters collide now and then; pick another name.
        if (attempt < TABLE_NAME_ATTEMPTS && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }
}
