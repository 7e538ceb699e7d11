import { AppError, historyTableName, isSafeIdentifier, orgReadonlyRoleName, orgSchemaName } from '@whdb/core';
import { ensureHistoryObjects, IntegrationHistoryRepository, replicatorTableExists, withTransaction } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { historyResponse, HistoryResponse } from './history-response';
import { HistoryUseCase } from './history-use-case';

/**
 * `POST .../{sint}/history/enable`, admin role (docs/behaviour/history.md#switching-it-on): switches
 * the integration's history on and creates `<table>_history` and `<table>_as_of` at once, so
 * analysts can query them while the history writer fills them from the log. Enabling again changes
 * nothing. A table name too long for the `_history` suffix is a 400 (rename the table first).
 */
export class EnableHistoryUseCase extends HistoryUseCase {
  async execute(organization: OrganizationRef, ref: string): Promise<HistoryResponse> {
    const settings = await this.integration(organization, ref);
    if (!isSafeIdentifier(`${settings.tableName}_history`)) {
      throw new AppError('invalid_identifier', `The table name "${settings.tableName}" is too long to add "_history" (63 characters at most): rename the table first.`);
    }
    const spec = { schema: orgSchemaName(organization.key), table: settings.tableName, opaqueId: settings.opaqueId, readonlyRole: orgReadonlyRoleName(organization.key) };
    const status = await withTransaction(this.dataSource, async (tx) => {
      const enabled = await new IntegrationHistoryRepository(tx).enable(settings.id);
      if (await replicatorTableExists(tx, spec)) await ensureHistoryObjects(tx, spec);
      return enabled;
    });
    const message =
      `History is on for ${settings.tableName}: every version of its rows goes to ${historyTableName(settings.tableName)}, ` +
      `filled first from what ${settings.serviceName}'s row-change topic still holds. Ask with ${settings.tableName}_as_of('<time>').`;
    return historyResponse(settings, status, message);
  }
}
