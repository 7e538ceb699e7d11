import { decodeOutboxBatch } from '@whdb/core';
import { DataSource } from 'typeorm';
import { connectDatabase } from '../database/database';
import { runMigrations } from '../database/run-migrations';
import { createScratchDatabase, ScratchDatabase } from '../testing/test-database';
import { ControlPlaneSchema1763870000000 } from './control-plane-schema.migration';

describe('OutboxBatches migration', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });

  afterAll(async () => {
    await scratch.drop();
  });

  it('carries unpublished messages of the one-row-per-message outbox over, in order, values unchanged', async () => {
    // The database as the first release left it: only the first migration, two messages waiting.
    const old = new DataSource({ type: 'postgres', url: scratch.url, schema: 'whdb', migrationsTableName: 'migrations', migrations: [ControlPlaneSchema1763870000000] });
    await old.initialize();
    await old.query('CREATE SCHEMA IF NOT EXISTS whdb');
    await old.runMigrations();
    await old.query(
      `INSERT INTO whdb.outbox (topic, key, value, headers) VALUES
         ('whdb.rows.increase_account_v1', 'svi_1:a', '{"op":"c","after":{"n":12345678901234567890}}', '{"ce_id":"1"}'),
         ('whdb.rows.increase_account_v1', 'svi_1:b', '{"op":"u","after":{}}', '{"ce_id":"2"}')`,
    );
    await old.destroy();

    const database = await connectDatabase(scratch.url, { poolSize: 1 });
    try {
      await runMigrations(database);
      const rows = await database.query<{ stream: string; lane: number; messages: string; message_count: number }>('SELECT stream, lane, messages, message_count FROM whdb.outbox');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ stream: 'whdb.projector.increase_account_v1', lane: -1, message_count: 2 });
      expect(decodeOutboxBatch(rows[0]!.messages)).toEqual([
        { topic: 'whdb.rows.increase_account_v1', key: 'svi_1:a', headers: { ce_id: '1' }, value: '{"op": "c", "after": {"n": 12345678901234567890}}' },
        { topic: 'whdb.rows.increase_account_v1', key: 'svi_1:b', headers: { ce_id: '2' }, value: '{"op": "u", "after": {}}' },
      ]);
    } finally {
      await database.close();
    }
  });
});
