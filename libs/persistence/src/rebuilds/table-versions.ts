import { createTableStatements, qualifiedName, quoteIdent, ReplicatorSchema, validateIdentifier } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { lockReplicatorTable, renderCreateIndexSql, replicatorIndexes } from '../replicator-tables/replicator-table-ddl';

/**
 * The versions of an integration's table during and after a rebuild (docs/behaviour/rebuild.md#the-swap):
 * the new version is built as `<table>_next_<tag>`; the swap renames the live table to
 * `<table>_old_<tag>` and the new one to `<table>`, in one transaction. `<tag>` is the end of the
 * rebuild's id, so every rebuild has its own names.
 */
export interface TableVersions {
  readonly schema: string;
  readonly live: string;
  readonly build: string;
  readonly old: string;
}

const TAG_LENGTH = 8;

function tagOf(rebuildId: string): string {
  return rebuildId.slice(-TAG_LENGTH).toLowerCase();
}

/** `<table>_<kind>_<tag>`, the table part cut so the name fits Postgres' 63 characters. */
function versionName(table: string, kind: 'next' | 'old', rebuildId: string): string {
  const suffix = `_${kind}_${tagOf(rebuildId)}`;
  return validateIdentifier(`${table.slice(0, 63 - suffix.length)}${suffix}`, 'table name');
}

export function buildTableName(table: string, rebuildId: string): string {
  return versionName(table, 'next', rebuildId);
}

export function oldTableName(table: string, rebuildId: string): string {
  return versionName(table, 'old', rebuildId);
}

/** What the DDL of one version needs. */
export interface VersionSpec {
  readonly schema: string;
  readonly table: string;
  readonly opaqueId: string;
  readonly rebuildId: string;
  readonly replicatorSchema: ReplicatorSchema;
}

/** The index-name prefix of a version: the integration's opaque id for the live table, else one per rebuild and role. */
function indexOwner(spec: VersionSpec, role: 'live' | 'next' | 'old'): string {
  return role === 'live' ? spec.opaqueId : `whdb_${role}_${tagOf(spec.rebuildId)}`;
}

/**
 * Creates the new version empty, UNLOGGED and without its secondary indexes: the bulk load writes
 * no WAL (a crash loses nothing the rebuild needs, it starts over) and no index entries
 * (docs/performance.md#rebuild). `createBuildIndexes` makes it logged and indexes it before the swap.
 */
export async function createBuildTable(db: Db, spec: VersionSpec): Promise<void> {
  await runQuery(db, `DROP TABLE IF EXISTS ${qualifiedName(spec.schema, spec.table)}`);
  const [createTable] = createTableStatements({ schema: spec.schema, table: spec.table, opaqueId: indexOwner(spec, 'next'), replicatorSchema: spec.replicatorSchema });
  const prefix = 'CREATE TABLE ';
  if (!createTable!.startsWith(prefix)) throw new Error('unexpected CREATE TABLE statement');
  await runQuery(db, `CREATE UNLOGGED TABLE ${createTable!.slice(prefix.length)}`);
}

/**
 * Makes the new version logged (one rewrite of what the bulk load wrote, WAL-logged once) and
 * creates its secondary indexes, named for the rebuild until the swap gives them the live names.
 */
export async function createBuildIndexes(db: Db, spec: VersionSpec): Promise<void> {
  const ref = { schema: spec.schema, table: spec.table };
  await runQuery(db, `ALTER TABLE ${qualifiedName(spec.schema, spec.table)} SET LOGGED`);
  for (const index of replicatorIndexes({ ...ref, opaqueId: indexOwner(spec, 'next'), replicatorSchema: spec.replicatorSchema })) {
    await runQuery(db, renderCreateIndexSql(ref, index, false));
  }
}

/**
 * Blocks every write to the live table until the caller's transaction ends, while readers go on
 * (`EXCLUSIVE` conflicts with the `ROW EXCLUSIVE` lock of INSERT/UPDATE, not with SELECT's
 * `ACCESS SHARE`). Serialized with other DDL on the table (rename, delete) by its advisory lock.
 */
export async function lockLiveTableWrites(tx: Db, ref: { schema: string; table: string }, lockTimeoutMs: number): Promise<void> {
  await runQuery(tx, `SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
  await lockReplicatorTable(tx, ref);
  await runQuery(tx, `LOCK TABLE ${qualifiedName(ref.schema, ref.table)} IN EXCLUSIVE MODE`);
}

/**
 * The swap, inside the caller's transaction (which holds `lockLiveTableWrites`): the live table
 * and its indexes take the old version's names, the new version and its indexes the live names.
 * A writer blocked on the live table resolves the name again once this commits, so its write
 * lands in the new version (docs/behaviour/rebuild.md#the-swap).
 */
export async function swapTableVersions(tx: Db, spec: Omit<VersionSpec, 'table'> & { live: string; build: string; old: string }): Promise<void> {
  const withOwner = (owner: string) => replicatorIndexes({ schema: spec.schema, table: spec.live, opaqueId: owner, replicatorSchema: spec.replicatorSchema });
  const live = withOwner(indexOwner({ ...spec, table: spec.live }, 'live'));
  const next = withOwner(indexOwner({ ...spec, table: spec.build }, 'next'));
  const old = withOwner(indexOwner({ ...spec, table: spec.live }, 'old'));
  const renameIndex = (from: string, to: string) => runQuery(tx, `ALTER INDEX IF EXISTS ${qualifiedName(spec.schema, from)} RENAME TO ${quoteIdent(to)}`);
  for (let i = 0; i < live.length; i += 1) await renameIndex(live[i]!.name, old[i]!.name);
  await runQuery(tx, `ALTER TABLE ${qualifiedName(spec.schema, spec.live)} RENAME TO ${quoteIdent(validateIdentifier(spec.old, 'table name'))}`);
  await runQuery(tx, `ALTER TABLE ${qualifiedName(spec.schema, spec.build)} RENAME TO ${quoteIdent(spec.live)}`);
  for (let i = 0; i < next.length; i += 1) await renameIndex(next[i]!.name, live[i]!.name);
}
