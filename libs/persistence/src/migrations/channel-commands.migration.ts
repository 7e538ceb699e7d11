import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reconciler's ledger of outbound commands (docs/behaviour/channel.md#commands): one row per
 * channel row it issued a command for (`<channel opaque_id>`, `external_id`), written in the same
 * transaction as the first issue, so a redelivered row change never issues a second command; the
 * sweep keeps the attempt count and the backoff of re-issues here, and when it raised the alert.
 */
export class ChannelCommands1764860000000 implements MigrationInterface {
  name = 'ChannelCommands1764860000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE whdb.channel_commands (
        channel_opaque_id text NOT NULL,
        external_id text NOT NULL,
        command_type text NOT NULL,
        attempts integer NOT NULL DEFAULT 1,
        first_issued_at timestamptz NOT NULL DEFAULT now(),
        last_issued_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL,
        alerted_at timestamptz,
        PRIMARY KEY (channel_opaque_id, external_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS whdb.channel_commands`);
  }
}
