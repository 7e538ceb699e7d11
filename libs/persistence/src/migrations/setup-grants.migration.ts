import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Setup links of the web setup terminal (docs/setup-terminal.md#setup-links): a one-time grant for
 * an organization and a service, exchanged once for a short-lived setup session. Only SHA-256
 * digests of the grant and of the session token are stored.
 */
export class SetupGrants1764900000000 implements MigrationInterface {
  name = 'SetupGrants1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE whdb.setup_grants (
        id bigserial PRIMARY KEY,
        organization_id integer NOT NULL REFERENCES whdb.organizations (id) ON DELETE CASCADE,
        service_name text NOT NULL,
        grant_digest text NOT NULL CONSTRAINT setup_grants_grant_digest_unique UNIQUE,
        grant_expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        exchanged_at timestamptz,
        session_digest text CONSTRAINT setup_grants_session_digest_unique UNIQUE,
        session_expires_at timestamptz,
        CONSTRAINT setup_grants_session_when_exchanged CHECK ((exchanged_at IS NULL) = (session_digest IS NULL) AND (session_digest IS NULL) = (session_expires_at IS NULL))
      )`);
    await runner.query(`CREATE INDEX setup_grants_grant_expires_at_idx ON whdb.setup_grants (grant_expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS whdb.setup_grants`);
  }
}
