import { orgAnalystRoleName, orgReadonlyRoleName, orgSchemaName, quoteIdent, quoteLiteral, scramSha256Verifier } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { runQuery, Transaction } from '../database/transaction';
import { ensureRole } from '../replicator-tables/organization-schema';

/**
 * Every analyst role is a member of this NOLOGIN role, which holds no privilege: it lets a
 * `pg_hba.conf` rule (`host all +whdb_analysts ... scram-sha-256`) name all analysts at once.
 */
export const ANALYSTS_GROUP_ROLE = 'whdb_analysts';

/** Most sessions one organization's analysts may hold at once. */
export const ANALYST_CONNECTION_LIMIT = 10;

async function roleExists(tx: Transaction, role: string): Promise<boolean> {
  return (await runQuery<unknown[]>(tx, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).length > 0;
}

/**
 * Makes the organization's analyst role `whdb_org_<key>_analyst` able to log in with `password`
 * (docs/behaviour/analyst-access.md#the-role): created if missing, else its password replaced, in
 * the caller's transaction, so the stored (encrypted) password and the role's always agree. The
 * role is a member of the read-only role and has nothing of its own: it reads the organization's
 * schema (its `search_path`), starts read-only transactions, and cannot create roles, databases or
 * anything else. The server is handed a SCRAM verifier, never the clear password.
 */
export async function setAnalystLogin(tx: Transaction, orgKey: string, password: string): Promise<string> {
  const role = quoteIdent(orgAnalystRoleName(orgKey));
  const readonlyRole = quoteIdent(orgReadonlyRoleName(orgKey));
  const verifier = quoteLiteral(scramSha256Verifier(password));
  const attributes = `LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT ${ANALYST_CONNECTION_LIMIT} PASSWORD ${verifier}`;
  if (await roleExists(tx, orgAnalystRoleName(orgKey))) {
    await runQuery(tx, `ALTER ROLE ${role} WITH ${attributes}`);
  } else {
    await runQuery(tx, 'SAVEPOINT whdb_create_analyst');
    try {
      await runQuery(tx, `CREATE ROLE ${role} WITH ${attributes}`);
      await runQuery(tx, 'RELEASE SAVEPOINT whdb_create_analyst');
    } catch (error) {
      // Roles are cluster-wide: another database's api may have created it meanwhile.
      const code = databaseErrorCode(error);
      if (code !== '42710' && code !== '23505') throw error;
      await runQuery(tx, 'ROLLBACK TO SAVEPOINT whdb_create_analyst');
      await runQuery(tx, `ALTER ROLE ${role} WITH ${attributes}`);
    }
  }
  await ensureRole(tx, ANALYSTS_GROUP_ROLE);
  await runQuery(tx, `GRANT ${readonlyRole}, ${quoteIdent(ANALYSTS_GROUP_ROLE)} TO ${role}`);
  await runQuery(tx, `ALTER ROLE ${role} SET search_path = ${quoteIdent(orgSchemaName(orgKey))}`);
  await runQuery(tx, `ALTER ROLE ${role} SET default_transaction_read_only = on`);
  return orgAnalystRoleName(orgKey);
}

/**
 * Ends the sessions the analyst role still holds (after a credential roll), best effort: it needs
 * membership in `pg_signal_backend` (or superuser); without it old sessions live until they close.
 * Returns how many sessions were ended.
 */
export async function endAnalystSessions(db: Pick<Transaction, 'query'>, orgKey: string): Promise<number> {
  try {
    const rows = await db.query<{ ended: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()',
      [orgAnalystRoleName(orgKey)],
    );
    return rows.filter((row) => row.ended).length;
  } catch (error) {
    if (databaseErrorCode(error) === '42501') return 0;
    throw error;
  }
}
