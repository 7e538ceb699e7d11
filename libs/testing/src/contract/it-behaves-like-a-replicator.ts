import {
  HttpUnreachableError,
  IntegrationSettings,
  JsonValue,
  NotImplementedError,
  qualifiedName,
  Replicator,
  SetupContext,
  SetupResult,
  webhookResponseFor,
} from '@whdb/core';
import { useContractDatabase } from './contract-database';
import { contractIntegration, contractSetupContext } from './contract-integration';
import { contractWebhookRequest } from './contract-webhook-request';

export interface BehavesLikeAReplicatorOptions {
  /** A webhook body that produces exactly one row. */
  readonly body: JsonValue;
  readonly headers?: Record<string, string>;
  /** What `data` must equal; defaults to `body` (ignored when only `expectedRow` is given). */
  readonly expectedData?: JsonValue;
  /** A Jest `toMatchObject` matcher for the whole stored row. */
  readonly expectedRow?: Record<string, unknown>;
  /** False for replicators whose guard cannot tell an identical replay (WebhookDB's `supports_row_diff`). */
  readonly supportsRowDiff?: boolean;
  /** Settings the fake webhook request is verified against. */
  readonly integration?: Partial<IntegrationSettings>;
}

/** A client for machines that must not reach a provider here; calling it is still "implemented". */
const offlineHttp = { request: (request: { url: string }) => Promise.reject(new HttpUnreachableError(request.url, new Error('offline in contract test'))) };

/**
 * Resolves when the machine ran; any error but "not implemented" counts as implemented
 * (docs/behaviour/replicator-framework.md#contract-suite).
 */
async function expectImplemented(machine: ((context: SetupContext) => Promise<SetupResult>) | undefined, context: SetupContext): Promise<void> {
  expect(machine).toBeInstanceOf(Function);
  try {
    await machine!(context);
  } catch (error) {
    expect(error).not.toBeInstanceOf(NotImplementedError);
  }
}

/**
 * The contract group "a replicator" (docs/behaviour/replicator-framework.md#contract-suite).
 * Adapted to our architecture:
 * - "create_table in the org database, not the application database" becomes: the table exists in
 *   the organization's schema and in no other schema (`public`, the control plane's `whdb`, ...).
 * - The `rowupsert`/SendWebhook assertions become: a new row yields one row-change result from
 *   `upsertRows` (what the projector turns into a `whdb.rows.*` outbox event) carrying the remote
 *   key and the stored row; an identical replay yields none. With no subscriptions there is nothing
 *   to assert: row-change events are always published and consumers subscribe to the topic.
 * - Skipped: `clear_webhook_information`/`clear_backfill_information` are control-plane updates in
 *   apps/api (`IntegrationSettingsPatch`), not replicator hooks; `on_dependency_webhook_upsert`
 *   does not exist (dependents consume `whdb.rows.*`), so there is nothing to check for it.
 */
export function itBehavesLikeAReplicator(replicator: Replicator, options: BehavesLikeAReplicatorOptions): void {
  describe(`${replicator.descriptor.name}: a replicator`, () => {
    const db = useContractDatabase('ct_repl');
    const request = () => contractWebhookRequest(options.body, options.headers);
    const expectedData = options.expectedData ?? options.body;

    it('has an update-where SQL predicate over excluded and a timestamp column', () => {
      const { schema } = replicator;
      expect(typeof schema.updateWhere.sql).toBe('string');
      expect(schema.updateWhere.sql).toMatch(/\bexcluded\./);
      expect(schema.columns.map((c) => c.name)).toContain(schema.timestampColumn);
    });

    it('creates its table in the organization schema and nowhere else', async () => {
      const table = await db.createTable(replicator);
      const locations = await db.query<{ schemaname: string }[]>('SELECT schemaname FROM pg_tables WHERE tablename = $1', [table.table]);
      expect(locations.map((l) => l.schemaname)).toEqual([db.schema]);
      expect(db.schema).not.toMatch(/^(public|whdb)$/);
    });

    it('upserts one body into exactly one row with the expected data', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, request());
      const rows = await db.rows(table);
      expect(rows).toHaveLength(1);
      if (options.expectedRow) expect(rows[0]).toMatchObject(options.expectedRow);
      if (!options.expectedRow || options.expectedData !== undefined) expect(rows[0]!.data).toEqual(expectedData);
    });

    it("lets the organization's read-only role read the table, and only read it", async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, request());
      const name = qualifiedName(table.schema, table.table);
      const rows = await db.queryAsReadonlyRole(`SELECT * FROM ${name}`);
      expect(rows).toHaveLength(1);
      await expect(db.queryAsReadonlyRole(`DELETE FROM ${name}`)).rejects.toThrow(/permission denied/i);
    });

    it('reports a row change for a new row and none for an identical replay', async () => {
      const table = await db.createTable(replicator);
      const first = await db.upsertWebhook(table, replicator, request());
      expect(first).toHaveLength(1);
      const [row] = await db.rows(table);
      const remoteKeyColumn = replicator.schema.remoteKey.name;
      expect(first[0]).toMatchObject({ op: 'c', remoteKey: String(row![remoteKeyColumn]) });
      expect(JSON.parse(first[0]!.afterJson!)).toMatchObject({ [remoteKeyColumn]: row![remoteKeyColumn], data: row!.data });
      const replay = await db.upsertWebhook(table, replicator, request());
      if (options.supportsRowDiff ?? true) expect(replay).toEqual([]);
    });

    it('announces a row a backfill inserted as a snapshot read (op r), not a change as it happened (c)', async () => {
      const table = await db.createTable(replicator);
      const items = (replicator.resourcesFrom(request()) ?? []).map((item) => ({ resource: item.resource, event: null }));
      const read = await db.upsertBackfilled(table, replicator, items);
      expect(read.length).toBeGreaterThan(0);
      expect(read.every((change) => change.op === 'r' && change.beforeJson === null)).toBe(true);
    });

    it('keeps the remote key unique: the same body twice leaves one row', async () => {
      const table = await db.createTable(replicator);
      await db.upsertWebhook(table, replicator, request());
      await db.upsertWebhook(table, replicator, request());
      expect(await db.rows(table)).toHaveLength(1);
    });

    it('serves a webhook response: integer status, content-type header, string body', () => {
      const integration = contractIntegration(replicator, options.integration);
      const response = replicator.verifyWebhook(request(), integration, new Date());
      expect(Number.isInteger(response.status)).toBe(true);
      expect(Object.keys(response.headers).map((h) => h.toLowerCase())).toContain('content-type');
      expect(typeof response.body).toBe('string');
      const skipped = webhookResponseFor(replicator, request(), { ...integration, skipWebhookVerification: true }, new Date());
      expect(skipped.status).toBe(201);
    });

    it('implements exactly the state machines and page fetch its support flags promise', async () => {
      const { supportsWebhooks, supportsBackfill } = replicator.descriptor;
      expect(supportsWebhooks || supportsBackfill).toBe(true);
      const context = contractSetupContext(contractIntegration(replicator, options.integration), offlineHttp);
      if (supportsWebhooks) await expectImplemented(replicator.webhookStateMachine, context);
      else expect(replicator.webhookStateMachine).toBeUndefined();
      if (supportsBackfill) {
        await expectImplemented(replicator.backfillStateMachine, context);
        expect(replicator.fetchBackfillPage).toBeInstanceOf(Function);
      } else {
        expect(replicator.backfillStateMachine).toBeUndefined();
        expect(replicator.fetchBackfillPage).toBeUndefined();
      }
    });
  });
}
