import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Table rebuilds from the log (docs/behaviour/rebuild.md): one row per rebuild of an integration's
 * table, claimed and advanced by a projector of its replicator. At most one rebuild per
 * integration is active (`pending`, `running`, `swapping`); a finished one names the old version
 * of the table it kept (`old_table`) until an operator drops it.
 */
export class TableRebuilds1764950000000 implements MigrationInterface {
  name = 'TableRebuilds1764950000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE whdb.table_rebuilds (
        id bigserial PRIMARY KEY,
        opaque_id text NOT NULL CONSTRAINT table_rebuilds_opaque_id_unique UNIQUE,
        service_integration_id integer NOT NULL REFERENCES whdb.service_integrations (id) ON DELETE CASCADE,
        service_name text NOT NULL,
        state text NOT NULL DEFAULT 'pending' CONSTRAINT table_rebuilds_state_known CHECK (state IN ('pending', 'running', 'swapping', 'finished', 'failed')),
        build_table text NOT NULL,
        old_table text,
        old_table_dropped_at timestamptz,
        events_read bigint NOT NULL DEFAULT 0,
        events_skipped bigint NOT NULL DEFAULT 0,
        rows_written bigint NOT NULL DEFAULT 0,
        lag bigint,
        worker text,
        heartbeat_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        swapped_at timestamptz,
        finished_at timestamptz
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX table_rebuilds_one_active_idx ON whdb.table_rebuilds (service_integration_id) WHERE state IN ('pending', 'running', 'swapping')`,
    );
    await runner.query(`CREATE INDEX table_rebuilds_service_name_state_idx ON whdb.table_rebuilds (service_name, state)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS whdb.table_rebuilds`);
  }
}
