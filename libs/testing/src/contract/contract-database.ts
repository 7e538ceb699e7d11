import { randomBytes } from 'node:crypto';
import { DecodedEvent, opaqueId, planProjectionWrites, qualifiedName, quoteIdent, Replicator, ResourceAndEvent, RowChange, WebhookRequest } from '@whdb/core';
import {
  connectDatabase,
  createReplicatorTable,
  Database,
  deleteOutboxBatches,
  dropOrganizationSchema,
  ensureOrganizationSchema,
  ProjectionWriter,
  runMigrations,
  runQuery,
  UpsertTarget,
  withTransaction,
} from '@whdb/persistence';

/** Used when Jest's global setup did not provide DATABASE_URL. */
export const CONTRACT_DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/whdb_test';

/** A replicator table the contract suite created for one test. */
export interface ContractTable extends UpsertTarget {
  readonly opaqueId: string;
}

/** A row as Postgres returns it (`data` parsed; timestamps as Date; numerics as strings). */
export type StoredRow = Record<string, unknown> & { readonly pk: number | string; readonly data: unknown };

/** The outbox lane the contract suite writes through (its batches are deleted right away: no Kafka here). */
const CONTRACT_LANE = { stream: 'whdb.contract-suite', lane: 0 };

/**
 * One organization schema for a group of contract tests, with helpers that write exactly the way
 * the projector does: `resourcesFrom` -> `planProjectionWrites` -> `ProjectionWriter.write`.
 */
export interface ContractDatabase {
  readonly dataSource: Database;
  readonly orgKey: string;
  readonly schema: string;
  readonly readonlyRole: string;
  /** A fresh table for `replicator` in the org schema (`createReplicatorTable`, as the api does). */
  createTable(replicator: Replicator): Promise<ContractTable>;
  /** The projector's path for a `webhook.received` event. Returns the row changes (empty when skipped or stale). */
  upsertWebhook(table: ContractTable, replicator: Replicator, request: WebhookRequest, now?: Date): Promise<RowChange[]>;
  /** The projector's path for resources, e.g. `backfill.resource` events (bare, no event). */
  upsertResources(table: ContractTable, replicator: Replicator, items: readonly ResourceAndEvent[], now?: Date): Promise<RowChange[]>;
  /** The projector's path for `backfill.resource` events: as `upsertResources`, marked as a snapshot read (inserts are `r`). */
  upsertBackfilled(table: ContractTable, replicator: Replicator, items: readonly ResourceAndEvent[], now?: Date): Promise<RowChange[]>;
  /** Every row, by pk, read as the connecting (admin) role. */
  rows(table: ContractTable): Promise<StoredRow[]>;
  /** Runs one statement as the org's read-only role (`SET LOCAL ROLE` in a transaction). */
  queryAsReadonlyRole<T = StoredRow[]>(sql: string, parameters?: readonly unknown[]): Promise<T>;
  query<T = Record<string, unknown>[]>(sql: string, parameters?: readonly unknown[]): Promise<T>;
}

/**
 * Registers `beforeAll`/`afterAll` in the calling `describe`: connects to `DATABASE_URL`, creates
 * the schema and read-only role of a fresh random organization key, and drops both afterwards.
 */
export function useContractDatabase(label = 'ct'): ContractDatabase {
  let dataSource: Database | null = null;
  let names: { schema: string; readonlyRole: string } | null = null;
  let tables = 0;
  const orgKey = `${label}_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    dataSource = await connectDatabase(process.env['DATABASE_URL'] ?? CONTRACT_DEFAULT_DATABASE_URL, { poolSize: 3, applicationName: 'whdb-contract-test' });
    // The writer records row changes in the control plane's outbox: the schema must be migrated.
    await runMigrations(dataSource);
    names = await ensureOrganizationSchema(dataSource, orgKey);
  });

  afterAll(async () => {
    if (!dataSource) return;
    try {
      await dropOrganizationSchema(dataSource, orgKey);
    } finally {
      await dataSource.close();
      dataSource = null;
    }
  });

  const ds = (): Database => {
    if (!dataSource) throw new Error('useContractDatabase: only usable inside tests (after beforeAll)');
    return dataSource;
  };
  const schemaNames = (): { schema: string; readonlyRole: string } => {
    if (!names) throw new Error('useContractDatabase: the organization schema is not ready');
    return names;
  };

  /** What the projector does with one decoded event: plan, write, and hand back its row changes. */
  const write = async (table: ContractTable, replicator: Replicator, event: DecodedEvent, now: Date): Promise<RowChange[]> => {
    const target = { opaqueId: table.opaqueId, serviceName: replicator.descriptor.name, schema: table.schema, table: table.table };
    const writes = planProjectionWrites(replicator, [event], () => target, now);
    if (writes.length === 0) return [];
    const result = await new ProjectionWriter(ds(), table.replicatorSchema).write(CONTRACT_LANE, writes, now);
    await deleteOutboxBatches(ds(), result.outbox.map((batch) => batch.id));
    return result.changes.flatMap((c) => c.changes);
  };
  const database: ContractDatabase = {
    get dataSource() {
      return ds();
    },
    orgKey,
    get schema() {
      return schemaNames().schema;
    },
    get readonlyRole() {
      return schemaNames().readonlyRole;
    },
    async createTable(replicator) {
      tables += 1;
      const table: ContractTable = {
        schema: schemaNames().schema,
        table: `${replicator.descriptor.name}_${tables.toString(16).padStart(4, '0')}`,
        opaqueId: opaqueId('svi'),
        replicatorSchema: replicator.schema,
      };
      await createReplicatorTable(ds(), table);
      return table;
    },
    upsertWebhook(table, replicator, request, now) {
      return database.upsertResources(table, replicator, replicator.resourcesFrom(request) ?? [], now);
    },
    upsertResources(table, replicator, items, now = new Date()) {
      return write(table, replicator, { opaqueId: table.opaqueId, correlationId: 'contract', items }, now);
    },
    upsertBackfilled(table, replicator, items, now = new Date()) {
      return write(table, replicator, { opaqueId: table.opaqueId, correlationId: 'contract', items, snapshot: true }, now);
    },
    rows(table) {
      return runQuery<StoredRow[]>(ds(), `SELECT * FROM ${qualifiedName(table.schema, table.table)} ORDER BY pk`);
    },
    queryAsReadonlyRole(sql, parameters = []) {
      return withTransaction(ds(), async (tx) => {
        await runQuery(tx, `SET LOCAL ROLE ${quoteIdent(schemaNames().readonlyRole)}`);
        return runQuery(tx, sql, parameters);
      });
    },
    query(sql, parameters = []) {
      return runQuery(ds(), sql, parameters);
    },
  };
  return database;
}
