import { randomUUID } from 'node:crypto';
import { encodeEventHeaders } from '../events/cloud-event-headers';
import { OutboxMessage } from '../events/outbox-message';
import {
  ROW_CHANGE_CONNECTOR,
  ROW_CHANGE_ENVELOPE_VERSION,
  ROW_CHANGED_EVENT_TYPE,
  RowChangeInboundPosition,
  RowChangeOp,
} from '../events/row-change-envelope';
import { Topics } from '../events/topics';
import { ProjectionTarget } from './projection-write';

/**
 * A row that a write changed: inserted (`c`) or updated (`u`) by a conditional upsert (rows the
 * guard blocked yield none), deleted (`d`), or read by a snapshot (`r`).
 */
export interface RowChange {
  readonly remoteKey: string;
  readonly op: RowChangeOp;
  /** The row before the change (`u`, `d`), as JSON text exactly as Postgres rendered it; else null. */
  readonly beforeJson: string | null;
  /** The whole row after the change (`c`, `u`, `r`; pk included), as JSON text; null on `d`. */
  readonly afterJson: string | null;
  /**
   * The change's position: the WAL insert position right after the row was written. Unique per
   * change and increasing for every change of the same row, so a consumer that remembers the
   * last position per key drops redelivered (and out-of-date) events
   * (docs/architecture.md#row-change-events).
   */
  readonly lsn: number;
  /** Which of the written rows (its index in the write) made the change; absent for deletes. */
  readonly rowIndex?: number;
}

/** What caused a change: the request or event's correlation id, the inbound message. */
export interface RowChangeOrigin {
  readonly correlationId?: string;
  readonly inbound?: RowChangeInboundPosition;
}

/**
 * The `whdb.rows.<service_name>` messages for changes of one table (docs/topics.md#row-change-envelope):
 * the Debezium envelope `{op, before, after, source, ts_ms}` (`RowChangeEvent`,
 * libs/core/src/events/row-change-envelope.ts), key `<opaque_id>:<remote key>`, CloudEvents
 * headers with the correlation id of what caused the change. A `d` is followed by a tombstone
 * (same key, null value) so a compacted topic forgets the row. The value is assembled as text
 * around the rows' JSON, which is never re-parsed.
 */
export function rowChangeMessages(
  target: ProjectionTarget,
  changes: readonly RowChange[],
  originOf: (change: RowChange) => RowChangeOrigin,
  now: Date,
  eventSource = `/whdb/projector/${target.serviceName}`,
): OutboxMessage[] {
  const topic = Topics.rows(target.serviceName);
  const sourceHead =
    `"source":{"version":"${ROW_CHANGE_ENVELOPE_VERSION}","connector":"${ROW_CHANGE_CONNECTOR}",` +
    `"service_name":${JSON.stringify(target.serviceName)},"opaque_id":${JSON.stringify(target.opaqueId)},` +
    `"schema":${JSON.stringify(target.schema)},"table":${JSON.stringify(target.table)},"ts_ms":${now.getTime()},"lsn":`;
  const tail = `,"ts_ms":${now.getTime()}}`;
  const time = now.toISOString();
  const messages: OutboxMessage[] = [];
  for (const change of changes) {
    const origin = originOf(change);
    const key = `${target.opaqueId}:${change.remoteKey}`;
    const inbound = origin.inbound ? `,"inbound":${JSON.stringify(origin.inbound)}` : '';
    messages.push({
      topic,
      key,
      value: `{"op":"${change.op}","before":${change.beforeJson ?? 'null'},"after":${change.afterJson ?? 'null'},${sourceHead}${change.lsn}${inbound}}${tail}`,
      headers: encodeEventHeaders({
        id: randomUUID(),
        type: ROW_CHANGED_EVENT_TYPE,
        source: eventSource,
        time,
        correlationId: origin.correlationId || randomUUID(),
      }),
    });
    if (change.op === 'd') messages.push({ topic, key, value: null, headers: {} });
  }
  return messages;
}
