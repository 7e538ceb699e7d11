import { AppError, defaultTableName, EMPTY_STEP, IntegrationSettings, opaqueId, Replicator, SecretBox } from '@whdb/core';
import { createReplicatorTable, Database, ensureOrganizationSchema, isUniqueViolation, ServiceIntegrationRepository, withTransaction } from '@whdb/persistence';
import { findReplicator, replicatorNames } from '@whdb/replicators';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { stepResponse } from './integration-summary';
import { SetupMachines } from './setup-machines';

const TABLE_NAME_ATTEMPTS = 5;

/**
 * `POST .../service_integrations/create {service_name, guard_confirm?}`
 * (docs/behaviour/integrations-api.md#create-an-integration): creates the integration and its table
 * in the organization's schema (readable by its read-only role), then answers with the first setup
 * step.
 */
export class CreateIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly machines: SetupMachines,
  ) {}

  async execute(organization: OrganizationRef, input: { serviceName: string; guardConfirm?: boolean }, requestPath: string): Promise<Record<string, unknown>> {
    const replicator = findReplicator(input.serviceName);
    if (!replicator) {
      throw new AppError('invalid_service', `"${input.serviceName}" is not a valid service. Valid services: ${replicatorNames().join(', ')}`);
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
    const settings = await this.createWithUniqueTable(organization, replicator);
    const { result, settings: current } = await this.machines.run(this.machines.preferred(replicator), replicator, settings, repository, organization.key);
    return stepResponse(result.step, current);
  }

  private async createWithUniqueTable(organization: OrganizationRef, replicator: Replicator): Promise<IntegrationSettings> {
    const serviceName = replicator.descriptor.name;
    for (let attempt = 1; ; attempt += 1) {
      const tableName = defaultTableName(serviceName);
      try {
        return await withTransaction(this.dataSource, async (tx) => {
          const repository = new ServiceIntegrationRepository(tx, this.secretBox);
          const settings = await repository.create({ organizationId: organization.id, serviceName, tableName, opaqueId: opaqueId('svi') });
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
