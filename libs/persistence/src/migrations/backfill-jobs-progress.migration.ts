import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Backfill jobs get a state a user can follow and a backfiller can resume from
 * (docs/behaviour/backfill.md#jobs): `status`, the pages and rows published so far, the `cursor`
 * of the next page, the last error, and how many runs it took. Organizations get error handlers,
 * the URLs their alerts are POSTed to (docs/behaviour/alerts.md).
 */
export class BackfillJobsProgress1764800000000 implements MigrationInterface {
  name = 'BackfillJobsProgress1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE whdb.backfill_jobs
        ADD COLUMN status text NOT NULL DEFAULT 'pending'
          CONSTRAINT backfill_jobs_status_valid CHECK (status IN ('pending', 'running', 'finished', 'failed')),
        ADD COLUMN pages integer NOT NULL DEFAULT 0,
        ADD COLUMN rows bigint NOT NULL DEFAULT 0,
        ADD COLUMN cursor text,
        ADD COLUMN error text,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    // Jobs finished before this migration keep their meaning.
    await runner.query(`UPDATE whdb.backfill_jobs SET status = 'finished' WHERE finished_at IS NOT NULL`);
    await runner.query(`CREATE INDEX backfill_jobs_unfinished_idx ON whdb.backfill_jobs (service_integration_id) WHERE status IN ('pending', 'running')`);
    await runner.query(`
      CREATE TABLE whdb.error_handlers (
        id serial PRIMARY KEY,
        opaque_id text NOT NULL CONSTRAINT error_handlers_opaque_id_unique UNIQUE,
        organization_id integer NOT NULL REFERENCES whdb.organizations (id) ON DELETE CASCADE,
        url text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT error_handlers_org_url_unique UNIQUE (organization_id, url)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS whdb.error_handlers`);
    await runner.query(`DROP INDEX IF EXISTS whdb.backfill_jobs_unfinished_idx`);
    await runner.query(`
      ALTER TABLE whdb.backfill_jobs
        DROP COLUMN status, DROP COLUMN pages, DROP COLUMN rows, DROP COLUMN cursor,
        DROP COLUMN error, DROP COLUMN attempts, DROP COLUMN updated_at`);
  }
}
