import { toJsonbText } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../entities/control-plane-schema';

/** A Kafka message waiting in the outbox. `value` is stored as jsonb and published as JSON. */
export interface OutboxMessage {
  readonly topic: string;
  readonly key: string | null;
  readonly value: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

const ROWS_PER_STATEMENT = 1_000;

/**
 * Appends messages to `whdb.outbox`. Call it in the transaction that made the change the
 * messages describe, after that change, so they commit (or roll back) with it and ids follow
 * commit order for any one row.
 */
export class OutboxRepository {
  async append(tx: Db, messages: readonly OutboxMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += ROWS_PER_STATEMENT) {
      const chunk = messages.slice(start, start + ROWS_PER_STATEMENT);
      const tuples = chunk.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}::jsonb, $${i * 4 + 4}::jsonb)`);
      const parameters = chunk.flatMap((m) => [m.topic, m.key, toJsonbText(m.value ?? null), toJsonbText(m.headers)]);
      await runQuery(tx, `INSERT INTO ${controlPlaneTable('outbox')} (topic, key, value, headers) VALUES ${tuples.join(', ')}`, parameters);
    }
  }
}
