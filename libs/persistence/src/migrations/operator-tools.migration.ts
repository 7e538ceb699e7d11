import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What operators and analysts need (docs/behaviour/audit-log.md, docs/behaviour/analyst-access.md):
 * - `logged_webhooks` gets the id of the event it records (`event_id`, unique, so a redelivered
 *   event is written once), its correlation id and the reason a refused delivery was refused, plus
 *   indexes for paging an organization's log newest first and for trimming by age;
 * - `analyst_credentials`: one LOGIN role per organization, member of the organization's read-only
 *   role, with its password encrypted by the SecretBox;
 * - the `public` schema is closed to writes by everyone but its owner (the default since
 *   PostgreSQL 15; older servers are hardened here), so analysts cannot create tables there.
 */
export class OperatorTools1764830000000 implements MigrationInterface {
  name = 'OperatorTools1764830000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE whdb.logged_webhooks
        ADD COLUMN event_id text CONSTRAINT logged_webhooks_event_id_unique UNIQUE,
        ADD COLUMN correlation_id text,
        ADD COLUMN rejected_reason text`);
    await runner.query(`CREATE INDEX logged_webhooks_organization_id_id_idx ON whdb.logged_webhooks (organization_id, id)`);
    await runner.query(`CREATE INDEX logged_webhooks_inserted_at_idx ON whdb.logged_webhooks (inserted_at)`);
    await runner.query(`
      CREATE TABLE whdb.analyst_credentials (
        organization_id integer PRIMARY KEY REFERENCES whdb.organizations (id) ON DELETE CASCADE,
        role_name text NOT NULL CONSTRAINT analyst_credentials_role_name_unique UNIQUE,
        password text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`DO $$ BEGIN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      EXCEPTION WHEN invalid_schema_name OR insufficient_privilege THEN NULL;
      END $$`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS whdb.analyst_credentials`);
    await runner.query(`DROP INDEX IF EXISTS whdb.logged_webhooks_inserted_at_idx`);
    await runner.query(`DROP INDEX IF EXISTS whdb.logged_webhooks_organization_id_id_idx`);
    await runner.query(`ALTER TABLE whdb.logged_webhooks DROP COLUMN event_id, DROP COLUMN correlation_id, DROP COLUMN rejected_reason`);
  }
}
