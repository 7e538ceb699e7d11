import { orgAnalystRoleName, orgReadonlyRoleName, orgSchemaName, quoteIdent } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db, inTransaction, runQuery, Transaction } from '../database/transaction';

export interface OrganizationSchemaNames {
  readonly schema: string;
  readonly readonlyRole: string;
}

/** Creates the NOLOGIN role unless it exists; another process (or database) may create it meanwhile. */
export async function ensureRole(tx: Transaction, role: string): Promise<void> {
  const existing = await runQuery<unknown[]>(tx, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (existing.length > 0) return;
  await runQuery(tx, 'SAVEPOINT whdb_create_role');
  try {
    await runQuery(tx, `CREATE ROLE ${quoteIdent(role)} NOLOGIN`);
    await runQuery(tx, 'RELEASE SAVEPOINT whdb_create_role');
  } catch (error) {
    // Roles are cluster-wide, so our advisory lock (per database) does not cover every race.
    const code = databaseErrorCode(error);
    if (code !== '42710' && code !== '23505') throw error;
    await runQuery(tx, 'ROLLBACK TO SAVEPOINT whdb_create_role');
  }
}

/**
 * Creates the organization's schema `whdb_org_<key>` and its role `whdb_org_<key>_readonly`
 * (NOLOGIN; grant it to login roles), which may use the schema and SELECT every current and
 * future table in it, and nothing else. Idempotent, and safe under concurrency: a transaction
 * advisory lock on the schema name serializes callers (concurrent GRANTs on one object fail
 * with "tuple concurrently updated" otherwise).
 */
export async function ensureOrganizationSchema(db: Db, orgKey: string): Promise<OrganizationSchemaNames> {
  const schema = orgSchemaName(orgKey);
  const readonlyRole = orgReadonlyRoleName(orgKey);
  await inTransaction(db, async (tx) => {
    await runQuery(tx, `SELECT pg_advisory_xact_lock(hashtext('whdb_org_schema:' || $1))`, [schema]);
    await runQuery(tx, `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await ensureRole(tx, readonlyRole);
    await runQuery(tx, `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(readonlyRole)}`);
    await runQuery(tx, `GRANT SELECT ON ALL TABLES IN SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(readonlyRole)}`);
    // Tables we create later in the schema (as the current role) are readable too.
    await runQuery(tx, `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoteIdent(schema)} GRANT SELECT ON TABLES TO ${quoteIdent(readonlyRole)}`);
  });
  return { schema, readonlyRole };
}

/**
 * Drops the organization's schema with every table in it, its analyst login role
 * (docs/behaviour/analyst-access.md) and its readonly role. The role's
 * privileges and default privileges in this database are dropped first (`DROP OWNED BY`); the
 * role itself is kept when another database of the cluster still grants it something.
 */
export async function dropOrganizationSchema(db: Db, orgKey: string): Promise<void> {
  const schema = orgSchemaName(orgKey);
  const readonlyRole = orgReadonlyRoleName(orgKey);
  await inTransaction(db, async (tx) => {
    await runQuery(tx, `SELECT pg_advisory_xact_lock(hashtext('whdb_org_schema:' || $1))`, [schema]);
    await runQuery(tx, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await dropRoleIfUnused(tx, orgAnalystRoleName(orgKey), 'whdb_drop_analyst');
    await dropRoleIfUnused(tx, readonlyRole, 'whdb_drop_role');
  });
}

/** Drops a role and what it holds in this database; keeps it when another database still grants it something. */
async function dropRoleIfUnused(tx: Transaction, role: string, savepoint: string): Promise<void> {
  const found = await runQuery<unknown[]>(tx, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (found.length === 0) return;
  await runQuery(tx, `DROP OWNED BY ${quoteIdent(role)}`);
  await runQuery(tx, `SAVEPOINT ${savepoint}`);
  try {
    await runQuery(tx, `DROP ROLE ${quoteIdent(role)}`);
  } catch (error) {
    if (databaseErrorCode(error) !== '2BP01') throw error;
    await runQuery(tx, `ROLLBACK TO SAVEPOINT ${savepoint}`);
  }
}
