import { generateDatabasePassword, orgAnalystRoleName, orgSchemaName, SecretBox } from '@whdb/core';
import { AnalystCredentialsRepository, Database, ensureOrganizationSchema, runQuery, setAnalystLogin, withTransaction } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { AnalystConnection } from './analyst-connection';
import { analystConnection } from './analyst-database-url';

/**
 * `GET /v1/organizations/{org}/db/connection` (docs/behaviour/analyst-access.md#api): the
 * organization's read-only Postgres URL. The first call creates the analyst login role with a
 * generated password; later calls return the same credentials until they are rolled. A role that
 * went missing (e.g. restored database) is created again with the stored password.
 */
export class GetAnalystConnectionUseCase {
  constructor(
    private readonly dataSource: Database,
    private readonly secretBox: SecretBox,
    private readonly base: URL,
  ) {}

  async execute(organization: OrganizationRef): Promise<AnalystConnection> {
    await ensureOrganizationSchema(this.dataSource, organization.key);
    const credentials = await withTransaction(this.dataSource, async (tx) => {
      await runQuery(tx, `SELECT pg_advisory_xact_lock(hashtext('whdb_analyst:' || $1))`, [organization.key]);
      const repository = new AnalystCredentialsRepository(tx, this.secretBox);
      const stored = await repository.find(organization.id, { forUpdate: true });
      const role = orgAnalystRoleName(organization.key);
      if (stored && stored.roleName === role && (await canLogIn(tx, role))) return stored;
      const password = stored?.password ?? generateDatabasePassword();
      await setAnalystLogin(tx, organization.key, password);
      return repository.save(organization.id, role, password);
    });
    return analystConnection(this.base, credentials.roleName, credentials.password, orgSchemaName(organization.key));
  }
}

async function canLogIn(tx: Parameters<typeof runQuery>[0], role: string): Promise<boolean> {
  const rows = await runQuery<{ rolcanlogin: boolean }[]>(tx, 'SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [role]);
  return rows[0]?.rolcanlogin === true;
}
