import { EventHeaders, OutboxMessage, ProjectionWrite, ReplicatorSchema, RowChange, rowChangeMessages } from '@whdb/core';
import { Database } from '../database/database';
import { withTransaction } from '../database/transaction';
import { upsertRows } from '../replicator-tables/replicator-table-writer';
import { appendOutboxBatch, lockOutboxLane, OutboxBatch, OutboxLane } from '../outbox/outbox-store';

/** What one projection transaction did. */
export interface ProjectionResult {
  /** The rows it inserted or updated (with their images before and after), per write, in arrival order. */
  readonly changes: readonly { readonly write: ProjectionWrite; readonly changes: readonly RowChange[] }[];
  /**
   * Every batch of the lane not known to be published, oldest first: what earlier transactions
   * left behind, then this one's row-change events (if any row changed). Publish them in this
   * order, then `deleteOutboxBatches`.
   */
  readonly outbox: readonly OutboxBatch[];
}

/**
 * The one write path of every worker that projects into replicator tables
 * (docs/behaviour/upserts.md): in ONE transaction, take the outbox lane, apply each integration's
 * rows with the replicator's conditional upsert, and record one row-change event per changed row
 * in the lane. Row-change events are therefore exactly as durable as the rows.
 */
export class ProjectionWriter {
  constructor(
    private readonly database: Database,
    private readonly schema: ReplicatorSchema,
  ) {}

  /**
   * `traceHeadersOf` (tracing on) gives the `traceparent`/`tracestate` of the event with a given
   * correlation id: stored with its row-change events in the outbox, so the trace continues when
   * the relay publishes them after commit, however late (docs/operations.md#tracing).
   */
  async write(
    lane: OutboxLane,
    writes: readonly ProjectionWrite[],
    now: Date = new Date(),
    traceHeadersOf?: (correlationId: string) => Readonly<Record<string, string>> | undefined,
  ): Promise<ProjectionResult> {
    return withTransaction(this.database, async (tx) => {
      const pending = await lockOutboxLane(tx, lane);
      const changes: { write: ProjectionWrite; changes: RowChange[] }[] = [];
      const messages: OutboxMessage[] = [];
      for (const write of writes) {
        const changed = await upsertRows(tx, { ...write.target, replicatorSchema: this.schema }, write.rows);
        changes.push({ write, changes: changed });
        if (changed.length === 0) continue;
        const originOf = (change: RowChange) => ({ correlationId: write.correlationIds[change.rowIndex ?? 0], inbound: write.inbound?.[change.rowIndex ?? 0] });
        const built = rowChangeMessages(write.target, changed, originOf, now);
        messages.push(...(traceHeadersOf ? built.map((message) => withTrace(message, traceHeadersOf)) : built));
      }
      if (messages.length === 0) return { changes, outbox: pending };
      const id = await appendOutboxBatch(tx, lane, messages);
      return { changes, outbox: [...pending, { id, messages }] };
    });
  }
}

function withTrace(message: OutboxMessage, traceHeadersOf: (correlationId: string) => Readonly<Record<string, string>> | undefined): OutboxMessage {
  const correlationId = message.headers[EventHeaders.correlationId];
  const trace = correlationId === undefined ? undefined : traceHeadersOf(correlationId);
  return trace === undefined ? message : { ...message, headers: { ...message.headers, ...trace } };
}
