import { randomUUID } from 'node:crypto';
import { Replicator, RowChangeEvent } from '@whdb/core';
import { encodeEventHeaders, Topics } from '@whdb/kafka';
import { DataSource, OutboxMessage, OutboxRepository, upsertRows, withTransaction } from '@whdb/persistence';
import { ProjectionStore, ProjectionWrite } from './projection-store';

/**
 * The projector's single write: conditional upserts plus one outbox row per changed row, in one
 * transaction, so row-change events are exactly as durable as the rows (DESIGN: outbox).
 */
export class PostgresProjectionStore implements ProjectionStore {
  private readonly outbox = new OutboxRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly replicator: Replicator,
  ) {}

  async write(writes: readonly ProjectionWrite[]): Promise<{ changed: number }> {
    return withTransaction(this.dataSource, async (tx) => {
      let changed = 0;
      for (const write of writes) {
        const { target } = write;
        const results = await upsertRows(tx, { schema: target.schema, table: target.table, replicatorSchema: this.replicator.schema }, write.rows);
        if (results.length === 0) continue;
        changed += results.length;
        const correlationByKey = new Map(write.rows.map((row, i) => [row.remoteKey, write.correlationIds[i] ?? '']));
        const now = new Date();
        const messages: OutboxMessage[] = results.map((result) => {
          const event: RowChangeEvent = {
            op: result.op,
            after: result.after,
            source: { service_name: target.serviceName, opaque_id: target.opaqueId, schema: target.schema, table: target.table },
            ts_ms: now.getTime(),
          };
          return {
            topic: Topics.rows(target.serviceName),
            key: `${target.opaqueId}:${result.remoteKey}`,
            value: event,
            headers: encodeEventHeaders({
              id: randomUUID(),
              type: 'row.changed',
              source: `/whdb/projector/${target.serviceName}`,
              time: now.toISOString(),
              correlationId: correlationByKey.get(result.remoteKey) || randomUUID(),
            }),
          };
        });
        await this.outbox.append(tx, messages);
      }
      return { changed };
    });
  }
}
