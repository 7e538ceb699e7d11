import { generateDatabasePassword, Logger, orgSchemaName, SecretBox } from '@whdb/core';
import { AnalystCredentialsRepository, Database, endAnalystSessions, ensureOrganizationSchema, runQuery, setAnalystLogin, withTransaction } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { AnalystConnection } from './analyst-connection';
import { analystConnection } from './analyst-database-url';

/**
 * `POST /v1/organizations/{org}/db/roll_credentials` (docs/behaviour/analyst-access.md#rolling):
 * a new password, set on the role (`ALTER ROLE ... PASSWORD`) and stored encrypted in one
 * transaction; the old password stops working at once, and the role's open sessions are ended.
 */
export class RollAnalystCredentialsUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly base: URL,
    private readonly logger: Logger,
  ) {}

  async execute(organization: OrganizationRef): Promise<AnalystConnection> {
    await ensureOrganizationSchema(this.dataSource, organization.key);
    const credentials = await withTransaction(this.dataSource, async (tx) => {
      await runQuery(tx, `SELECT pg_advisory_xact_lock(hashtext('whdb_analyst:' || $1))`, [organization.key]);
      const password = generateDatabasePassword();
      const role = await setAnalystLogin(tx, organization.key, password);
      return new AnalystCredentialsRepository(tx, this.secretBox).save(organization.id, role, password);
    });
    const ended = await endAnalystSessions(this.dataSource, organization.key);
    this.logger.info('analyst credentials rolled', { organization: organization.key, sessions_ended: ended });
    return analystConnection(this.base, credentials.roleName, credentials.password, orgSchemaName(organization.key));
  }
}
