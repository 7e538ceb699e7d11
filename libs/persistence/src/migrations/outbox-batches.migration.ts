import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox becomes one row per writer transaction, in lanes (docs/architecture.md#row-change-events):
 * `stream` names the writer (a projector's consumer group), `lane` its ordering unit (the inbound
 * partition), `messages` the transaction's messages as text (`encodeOutboxBatch`: an envelope line, then the value line). Each lane is
 * published by the one process consuming that partition, so projector replicas publish in parallel
 * instead of queueing behind one global lock. Rows of the old one-message-per-row outbox that were
 * not published yet are carried over (lane -1), so an upgrade loses nothing.
 */
export class OutboxBatches1764700000000 implements MigrationInterface {
  name = 'OutboxBatches1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE whdb.outbox RENAME TO outbox_messages_v1`);
    await runner.query(`ALTER SEQUENCE whdb.outbox_id_seq RENAME TO outbox_messages_v1_id_seq`);
    await runner.query(`ALTER INDEX whdb.outbox_pkey RENAME TO outbox_messages_v1_pkey`);
    await runner.query(`
      CREATE TABLE whdb.outbox (
        id bigserial PRIMARY KEY,
        stream text NOT NULL,
        lane integer NOT NULL,
        messages text NOT NULL,
        message_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX outbox_stream_lane_id_idx ON whdb.outbox (stream, lane, id)`);
    // lz4 is much cheaper than the default pglz; servers built without it keep the default.
    await runner.query(`DO $$ BEGIN
        ALTER TABLE whdb.outbox ALTER COLUMN messages SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL;
      END $$`);
    await runner.query(`
      INSERT INTO whdb.outbox (stream, lane, messages, message_count, created_at)
      SELECT CASE WHEN topic LIKE 'whdb.rows.%' THEN 'whdb.projector.' || substr(topic, 11) ELSE 'whdb.outbox.v1' END, -1,
             string_agg(json_build_object('t', topic, 'k', coalesce(key, ''), 'h', headers)::text || E'\\n' || value::text, E'\\n' ORDER BY id),
             count(*), min(created_at)
        FROM whdb.outbox_messages_v1
       GROUP BY topic`);
    await runner.query(`DROP TABLE whdb.outbox_messages_v1`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE whdb.outbox`);
    await runner.query(`
      CREATE TABLE whdb.outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        key text,
        value jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }
}
