import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the outbound sender needs (docs/behaviour/outbound-sender.md, docs/behaviour/media.md):
 * - `outbound_sends`: one row per command idempotency key, the two-phase record of a provider
 *   call: `started_at` is committed before the call, `completed_at` + `result` after it; a row
 *   started but not completed is a call in flight (or interrupted by a crash), resolved by asking
 *   the provider before anything is sent again. Kept apart from `idempotencies` (SPEC 1.3), whose
 *   once-ever keys the reconciler uses for its own decisions.
 * - `temporary_documents`: Front attachments staged for SignalWire to fetch (SPEC 15.7), deleted
 *   after `delete_at`.
 */
export class OutboundSender1764850000000 implements MigrationInterface {
  name = 'OutboundSender1764850000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE whdb.outbound_sends (
        idempotency_key text PRIMARY KEY,
        provider text NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        result jsonb,
        calls integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX outbound_sends_signalwire_sid_idx ON whdb.outbound_sends ((result ->> 'sid')) WHERE provider = 'signalwire'`);
    await runner.query(`
      CREATE TABLE whdb.temporary_documents (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        content_type text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delete_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX temporary_documents_delete_at_idx ON whdb.temporary_documents (delete_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS whdb.temporary_documents`);
    await runner.query(`DROP TABLE IF EXISTS whdb.outbound_sends`);
  }
}
