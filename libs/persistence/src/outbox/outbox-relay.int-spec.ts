import { opaqueId } from '@whdb/core';
import { DataSource } from 'typeorm';
import { OutboxRelay } from './outbox-relay';
import { connectDataSource } from '../database/create-data-source';
import { runMigrations } from '../database/run-migrations';
import { withTransaction } from '../database/transaction';
import { dropOrganizationSchema, ensureOrganizationSchema } from '../replicator-tables/organization-schema';
import { createReplicatorTable } from '../replicator-tables/replicator-table-ddl';
import { upsertRows } from '../replicator-tables/replicator-table-writer';
import { OutboxMessage, OutboxRepository } from '../repositories/outbox.repository';
import { createScratchDatabase, eventually, ScratchDatabase, uniqueSuffix } from '../testing/test-database';
import { prepareWidget, widgetSchema } from '../testing/widget-replicator-schema';

const message = (n: number): OutboxMessage => ({ topic: 'whdb.rows.widget_v1', key: `k${n % 3}`, value: { n }, headers: { 'x-correlation-id': `c${n}` } });

/** The outbox is global to a database, so these tests get a database of their own. */
describe('outbox and OutboxRelay', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  const outbox = new OutboxRepository();

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    dataSource = await connectDataSource(scratch.url, { poolSize: 6 });
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await scratch.drop();
  });

  beforeEach(async () => {
    await dataSource.query('DELETE FROM whdb.outbox');
  });

  const waiting = async (): Promise<number> => (await dataSource.query('SELECT count(*)::int AS n FROM whdb.outbox'))[0].n;

  it('writes outbox rows in the projection transaction, and rolls them back with it', async () => {
    const orgKey = `t_outbox_${uniqueSuffix()}`;
    const { schema } = await ensureOrganizationSchema(dataSource, orgKey);
    try {
      const target = { schema, table: 'widget_v1_0001', replicatorSchema: widgetSchema };
      await createReplicatorTable(dataSource, { ...target, opaqueId: opaqueId('svi') });
      const project = (id: string, fail: boolean) =>
        withTransaction(dataSource, async (tx) => {
          const changed = await upsertRows(tx, target, [prepareWidget({ id, updated_at: '2024-01-01T00:00:00Z' })]);
          await outbox.append(
            tx,
            changed.map((c) => ({ topic: 'whdb.rows.widget_v1', key: c.remoteKey, value: { op: c.op, after: c.after }, headers: {} })),
          );
          if (fail) throw new Error('crash before commit');
        });

      await expect(project('lost', true)).rejects.toThrow('crash before commit');
      expect(await waiting()).toBe(0);
      expect(await dataSource.query(`SELECT 1 FROM "${schema}"."widget_v1_0001"`)).toEqual([]);

      await project('kept', false);
      const rows = await dataSource.query('SELECT topic, key, value FROM whdb.outbox');
      expect(rows).toEqual([{ topic: 'whdb.rows.widget_v1', key: 'kept', value: { op: 'c', after: expect.objectContaining({ widget_id: 'kept', pk: expect.any(Number) }) } }]);
    } finally {
      await dropOrganizationSchema(dataSource, orgKey);
    }
  });

  it('publishes in id order, in batches, and deletes what it published', async () => {
    await withTransaction(dataSource, (tx) => outbox.append(tx, Array.from({ length: 5 }, (_, i) => message(i))));
    const published: OutboxMessage[][] = [];
    const relay = new OutboxRelay(dataSource, async (batch) => void published.push(batch), { batchSize: 2 });
    expect(await relay.lag()).toEqual({ count: 5, oldestAgeMs: expect.any(Number) });

    const results = [await relay.drainOnce(), await relay.drainOnce(), await relay.drainOnce(), await relay.drainOnce()];
    expect(results.map((r) => r.published)).toEqual([2, 2, 1, 0]);
    expect(published.flat().map((m) => (m.value as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
    expect(published[0]![0]).toEqual(message(0));
    expect(await relay.lag()).toEqual({ count: 0, oldestAgeMs: null });
  });

  it('keeps the messages when publishing fails, and publishes them on retry', async () => {
    await withTransaction(dataSource, (tx) => outbox.append(tx, [message(1), message(2)]));
    let fail = true;
    const published: OutboxMessage[] = [];
    const relay = new OutboxRelay(dataSource, async (batch) => {
      if (fail) throw new Error('kafka down');
      published.push(...batch);
    });
    await expect(relay.drainOnce()).rejects.toThrow('kafka down');
    expect(await waiting()).toBe(2);
    fail = false;
    await expect(relay.drainOnce()).resolves.toEqual({ locked: true, published: 2 });
    expect(published.map((m) => (m.value as { n: number }).n)).toEqual([1, 2]);
  });

  it('lets only one relay publish at a time', async () => {
    await withTransaction(dataSource, (tx) => outbox.append(tx, [message(1)]));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow = new OutboxRelay(dataSource, async () => {
      entered();
      await gate;
    });
    const other = new OutboxRelay(dataSource, async () => undefined);
    const first = slow.drainOnce();
    await inside;
    await expect(other.drainOnce()).resolves.toEqual({ locked: false, published: 0 });
    release();
    await expect(first).resolves.toEqual({ locked: true, published: 1 });
  });

  it('runs in the background, retries with back-off, and stops gracefully', async () => {
    const published: number[] = [];
    let failuresLeft = 2;
    const relay = new OutboxRelay(
      dataSource,
      async (batch) => {
        if (failuresLeft-- > 0) throw new Error('broker unavailable');
        published.push(...batch.map((m) => (m.value as { n: number }).n));
      },
      { idleMs: 10, backoffMs: 10, batchSize: 3 },
    );
    relay.start();
    await withTransaction(dataSource, (tx) => outbox.append(tx, Array.from({ length: 7 }, (_, i) => message(i))));
    await eventually(async () => published.length === 7);
    await withTransaction(dataSource, (tx) => outbox.append(tx, [message(7)]));
    await eventually(async () => published.length === 8);
    await relay.stop();
    expect(published).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await waiting()).toBe(0);
  });
});
