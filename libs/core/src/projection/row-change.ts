import { randomUUID } from 'node:crypto';
import { encodeEventHeaders } from '../events/cloud-event-headers';
import { OutboxMessage } from '../events/outbox-message';
import { Topics } from '../events/topics';
import { ProjectionTarget } from './projection-write';

/** A row that a conditional upsert inserted (`c`) or updated (`u`); blocked rows yield none. */
export interface RowChange {
  readonly remoteKey: string;
  readonly op: 'c' | 'u';
  /** The whole row as stored (pk included), as JSON text exactly as Postgres rendered it. */
  readonly afterJson: string;
  /**
   * The change's position: the WAL insert position right after the row was written. Unique per
   * change and increasing for every change of the same row, so a consumer that remembers the
   * last position per key drops redelivered (and out-of-date) events
   * (docs/architecture.md#row-change-events).
   */
  readonly lsn: number;
}

export const ROW_CHANGED_EVENT_TYPE = 'row.changed';

/**
 * The `whdb.rows.<service_name>` messages for a batch's changes of one table (docs/topics.md#values):
 * value `{op, after, source: {service_name, opaque_id, schema, table, lsn}, ts_ms}`, key
 * `<opaque_id>:<remote key>`, CloudEvents headers with the correlation id of the event that caused
 * the change. The value is assembled as text around the row's JSON, which is never re-parsed.
 */
export function rowChangeMessages(
  target: ProjectionTarget,
  changes: readonly RowChange[],
  correlationIdOf: (remoteKey: string) => string | undefined,
  now: Date,
): OutboxMessage[] {
  const topic = Topics.rows(target.serviceName);
  const source = `"source":{"service_name":${JSON.stringify(target.serviceName)},"opaque_id":${JSON.stringify(target.opaqueId)},"schema":${JSON.stringify(target.schema)},"table":${JSON.stringify(target.table)},"lsn":`;
  const tail = `,"ts_ms":${now.getTime()}}`;
  const time = now.toISOString();
  const eventSource = `/whdb/projector/${target.serviceName}`;
  return changes.map((change) => ({
    topic,
    key: `${target.opaqueId}:${change.remoteKey}`,
    value: `{"op":"${change.op}","after":${change.afterJson},${source}${change.lsn}}${tail}`,
    headers: encodeEventHeaders({
      id: randomUUID(),
      type: ROW_CHANGED_EVENT_TYPE,
      source: eventSource,
      time,
      correlationId: correlationIdOf(change.remoteKey) || randomUUID(),
    }),
  }));
}
