import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History as of any time (docs/behaviour/history.md#switching-it-on): whether an integration keeps
 * the history of its rows, and how far the fill from the log has come. One row per integration
 * that ever had history switched on; deleting the integration deletes it.
 */
export class IntegrationHistory1764960000000 implements MigrationInterface {
  name = 'IntegrationHistory1764960000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE whdb.integration_history (
        service_integration_id integer PRIMARY KEY REFERENCES whdb.service_integrations (id) ON DELETE CASCADE,
        enabled boolean NOT NULL,
        enabled_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        fill_state text NOT NULL DEFAULT 'pending' CONSTRAINT integration_history_fill_state_check CHECK (fill_state IN ('pending', 'running', 'done', 'failed')),
        fill_started_at timestamptz,
        fill_finished_at timestamptz,
        fill_messages_read bigint NOT NULL DEFAULT 0,
        fill_versions_written bigint NOT NULL DEFAULT 0,
        fill_oldest_version_at timestamptz,
        fill_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX integration_history_pending_fill_idx ON whdb.integration_history (updated_at) WHERE enabled AND fill_state IN ('pending', 'running')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS whdb.integration_history`);
  }
}
