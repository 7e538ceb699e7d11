import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The control plane (docs/behaviour/control-plane.md#tables). Constraint names are explicit because
 * repositories map their violations to API errors (e.g. a taken org key is a `conflict`).
 */
export class ControlPlaneSchema1763870000000 implements MigrationInterface {
  readonly name = 'ControlPlaneSchema1763870000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS whdb`);
    // Organization readonly roles must see nothing here.
    await runner.query(`REVOKE ALL ON SCHEMA whdb FROM PUBLIC`);
    await runner.query(`
      CREATE TABLE whdb.organizations (
        id serial PRIMARY KEY,
        key text NOT NULL CONSTRAINT organizations_key_unique UNIQUE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE whdb.tokens (
        id serial PRIMARY KEY,
        organization_id integer NOT NULL REFERENCES whdb.organizations (id) ON DELETE CASCADE,
        token_digest text NOT NULL CONSTRAINT tokens_token_digest_unique UNIQUE,
        role text NOT NULL CONSTRAINT tokens_role_check CHECK (role IN ('admin', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    await runner.query(`CREATE INDEX tokens_organization_id_idx ON whdb.tokens (organization_id)`);
    await runner.query(`
      CREATE TABLE whdb.service_integrations (
        id serial PRIMARY KEY,
        organization_id integer NOT NULL REFERENCES whdb.organizations (id),
        opaque_id text NOT NULL CONSTRAINT service_integrations_opaque_id_unique UNIQUE,
        service_name text NOT NULL,
        table_name text NOT NULL,
        api_url text NOT NULL DEFAULT '',
        backfill_key text NOT NULL DEFAULT '',
        backfill_secret text NOT NULL DEFAULT '',
        webhook_secret text NOT NULL DEFAULT '',
        webhookdb_api_key text NOT NULL DEFAULT '',
        webhookdb_api_key_digest text CONSTRAINT service_integrations_api_key_digest_unique UNIQUE,
        last_backfilled_at timestamptz,
        depends_on_id integer REFERENCES whdb.service_integrations (id) ON DELETE RESTRICT,
        skip_webhook_verification boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT service_integrations_table_name_unique UNIQUE (organization_id, table_name)
      )`);
    await runner.query(`CREATE INDEX service_integrations_depends_on_id_idx ON whdb.service_integrations (depends_on_id)`);
    await runner.query(`
      CREATE TABLE whdb.backfill_jobs (
        id serial PRIMARY KEY,
        opaque_id text NOT NULL CONSTRAINT backfill_jobs_opaque_id_unique UNIQUE,
        service_integration_id integer NOT NULL REFERENCES whdb.service_integrations (id) ON DELETE CASCADE,
        parent_job_id integer REFERENCES whdb.backfill_jobs (id) ON DELETE SET NULL,
        created_by_id integer REFERENCES whdb.tokens (id) ON DELETE SET NULL,
        incremental boolean NOT NULL,
        criteria jsonb NOT NULL DEFAULT '{}'::jsonb,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX backfill_jobs_service_integration_id_idx ON whdb.backfill_jobs (service_integration_id)`);
    await runner.query(`CREATE INDEX backfill_jobs_parent_job_id_idx ON whdb.backfill_jobs (parent_job_id)`);
    await runner.query(`
      CREATE TABLE whdb.backfill_job_service_integration_locks (
        id serial PRIMARY KEY,
        service_integration_id integer NOT NULL
          CONSTRAINT backfill_job_service_integration_locks_sint_unique UNIQUE
          REFERENCES whdb.service_integrations (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE whdb.idempotencies (
        id serial PRIMARY KEY,
        key text NOT NULL CONSTRAINT idempotencies_key_unique UNIQUE,
        last_run timestamptz,
        stored_result jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE whdb.logged_webhooks (
        id bigserial PRIMARY KEY,
        inserted_at timestamptz NOT NULL DEFAULT now(),
        truncated_at timestamptz,
        request_body text NOT NULL,
        request_headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_method text NOT NULL,
        request_path text NOT NULL,
        response_status smallint NOT NULL,
        service_integration_opaque_id text NOT NULL,
        organization_id integer REFERENCES whdb.organizations (id) ON DELETE SET NULL
      )`);
    await runner.query(`CREATE INDEX logged_webhooks_organization_id_inserted_at_idx ON whdb.logged_webhooks (organization_id, inserted_at)`);
    await runner.query(`CREATE INDEX logged_webhooks_opaque_id_inserted_at_idx ON whdb.logged_webhooks (service_integration_opaque_id, inserted_at)`);
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

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'outbox',
      'logged_webhooks',
      'idempotencies',
      'backfill_job_service_integration_locks',
      'backfill_jobs',
      'service_integrations',
      'tokens',
      'organizations',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS whdb.${table}`);
    }
  }
}
