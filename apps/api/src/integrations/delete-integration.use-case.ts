import { EMPTY_STEP, IntegrationSettings, orgSchemaName, SecretBox } from '@whdb/core';
import { Database, dropRebuildVersions, dropReplicatorTable, ServiceIntegrationRepository, Transaction, withTransaction } from '@whdb/persistence';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';

/**
 * `POST .../{sint}/delete {confirm}` (docs/behaviour/integrations-api.md#delete): `confirm` must
 * equal the table name. Dependents go first (depth first), then each table is dropped and each
 * integration (with its secrets) deleted.
 */
export class DeleteIntegrationUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
  ) {}

  async execute(organization: OrganizationRef, ref: string, confirm: unknown, requestPath: string): Promise<{ message: string }> {
    const { settings } = await lookupIntegration(new ServiceIntegrationRepository(this.dataSource, this.secretBox), organization.id, ref);
    if (typeof confirm !== 'string' || confirm.trim() !== settings.tableName) {
      throw new PromptRequiredError(
        'confirm',
        {
          ...EMPTY_STEP,
          needsInput: true,
          prompt: `Please confirm by entering the table name ${settings.tableName}:`,
          postToUrl: requestPath,
          postParamsValueKey: 'confirm',
          output: `WARNING: this deletes the integration ${settings.opaqueId}, its secrets, the table ${settings.tableName} and every integration that depends on it, with their tables.`,
        },
        'Please confirm the deletion by entering the table name.',
      );
    }
    const dropped = await withTransaction(this.dataSource, (tx) => this.destroy(tx, organization, settings));
    return { message: `You have deleted all secrets for ${settings.serviceName} and the tables ${dropped.join(', ')} have been dropped.` };
  }

  private async destroy(tx: Transaction, organization: OrganizationRef, settings: IntegrationSettings): Promise<string[]> {
    const repository = new ServiceIntegrationRepository(tx, this.secretBox);
    const dropped: string[] = [];
    for (const dependent of await repository.listDependents(settings.id)) dropped.push(...(await this.destroy(tx, organization, dependent)));
    // The versions its rebuilds left (docs/behaviour/rebuild.md#deleting-an-integration).
    await dropRebuildVersions(tx, orgSchemaName(organization.key), settings.id);
    await dropReplicatorTable(tx, { schema: orgSchemaName(organization.key), table: settings.tableName });
    await repository.delete(settings.id);
    dropped.push(settings.tableName);
    return dropped;
  }
}
