import { AppError, EMPTY_STEP, isSafeIdentifier, orgReadonlyRoleName, orgSchemaName, SecretBox } from '@whdb/core';
import { Database, lockReplicatorTable, renameHistoryObjects, renameReplicatorTable, ServiceIntegrationRepository, withTransaction } from '@whdb/persistence';
import { PromptRequiredError } from '../http/prompt-required.error';
import { OrganizationRef } from '../organizations/organization-access';
import { lookupIntegration } from './integration-lookup';
import { IntegrationSummary, summarize } from './integration-summary';
import { ReplicatorCatalog } from './replicator-catalog';

const NAME_RULES = 'A table name starts with a letter and has only letters, digits and underscores, at most 63 characters.';

/**
 * `POST .../{sint}/rename_table {new_name}`, admin role (docs/behaviour/integrations-api.md#rename-the-table):
 * in one transaction, renames the table in the organization's schema and records the new name on
 * the integration (its indexes keep their `<opaque_id>_...` names). A missing name is a 422 prompt;
 * an invalid one, the current one or one taken by another table of the schema a 400.
 */
export class RenameTableUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, ref: string, newName: unknown, requestPath: string): Promise<{ message: string; service_integration: IntegrationSummary }> {
    const { settings } = await lookupIntegration(new ServiceIntegrationRepository(this.dataSource, this.secretBox), organization.id, ref, this.catalog);
    if (newName === undefined || newName === null || (typeof newName === 'string' && newName.trim() === '')) {
      const step = { ...EMPTY_STEP, needsInput: true, prompt: 'Enter the new name of the table:', postToUrl: requestPath, postParamsValueKey: 'new_name', output: NAME_RULES };
      throw new PromptRequiredError('new_name', step, 'Please provide new_name, the new name of the table.');
    }
    if (typeof newName !== 'string') throw new AppError('invalid_input', 'new_name must be a string.');
    const name = newName.trim();
    if (!isSafeIdentifier(name)) throw new AppError('invalid_identifier', `Sorry, this is not a valid table name. ${NAME_RULES}`);
    if (name === settings.tableName) throw new AppError('invalid_identifier', `The table is already named "${name}".`);
    const schema = orgSchemaName(organization.key);
    const renamed = await withTransaction(this.dataSource, async (tx) => {
      await lockReplicatorTable(tx, { schema, table: settings.tableName });
      await renameReplicatorTable(tx, { schema, table: settings.tableName }, name);
      // The history and its as-of function follow the table (docs/behaviour/history.md#the-history-table).
      await renameHistoryObjects(tx, { schema, table: settings.tableName }, name, orgReadonlyRoleName(organization.key), settings.opaqueId);
      try {
        return await new ServiceIntegrationRepository(tx, this.secretBox).setTableName(settings.id, name);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') throw new AppError('invalid_identifier', `There is already a table named "${name}".`);
        throw error;
      }
    });
    return { message: `The table for ${settings.serviceName} has been renamed from ${settings.tableName} to ${renamed.tableName}.`, service_integration: summarize(renamed) };
  }
}
