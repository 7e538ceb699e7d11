import { AppError } from '../errors/app-error';
import { isJsonObject, JsonObject } from '../json/json';

/**
 * The value of a message on `whdb.rows.<service_name>`: the Debezium change-event envelope
 * (docs/topics.md#row-change-envelope). This file is the one definition of it: producers build the
 * text in `rowChangeMessages` (libs/core/src/projection/row-change.ts), consumers decode it here.
 */

/** `c` inserted, `u` updated, `d` deleted, `r` read by a snapshot (Debezium's operations). */
export type RowChangeOp = 'c' | 'u' | 'd' | 'r';

export const ROW_CHANGE_OPS: readonly RowChangeOp[] = ['c', 'u', 'd', 'r'];

export const ROW_CHANGED_EVENT_TYPE = 'row.changed';

/** `source.connector`: who wrote the event. */
export const ROW_CHANGE_CONNECTOR = 'webhookdb-kafka';

/**
 * `source.version`: the envelope's version. 1 was `{op, after, source: {service_name, opaque_id,
 * schema, table, lsn}, ts_ms}`; 2 adds `before`, `d`/`r` events and the source fields below.
 */
export const ROW_CHANGE_ENVELOPE_VERSION = '2';

/** The inbound message a change came from (a projector's changes; absent for the api's). */
export interface RowChangeInboundPosition {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** Where a change happened (Debezium's `source` block, with WebhookDB's names). */
export interface RowChangeSource {
  readonly version: string;
  readonly connector: string;
  /** The replicator, e.g. `increase_account_v1`. */
  readonly service_name: string;
  /** The integration (`svi_...`) whose table changed. */
  readonly opaque_id: string;
  /** Postgres schema and table of the integration's rows. */
  readonly schema: string;
  readonly table: string;
  /** When the change was written (ms since the epoch). */
  readonly ts_ms: number;
  /**
   * The change's position: the WAL insert position right after the row was written. Unique per
   * change and increasing for every change of the same row: drop an event whose position you
   * have seen (docs/architecture.md#row-change-events). Absent on events of envelope version 1
   * carried over by the outbox migration.
   */
  readonly lsn?: number;
  /** The inbound message that caused it, where known. */
  readonly inbound?: RowChangeInboundPosition;
}

/** A row change. `before` is the row as it was (`u`, `d`), `after` as it is (`c`, `u`, `r`). */
export interface RowChangeEvent {
  readonly op: RowChangeOp;
  readonly before: JsonObject | null;
  readonly after: JsonObject | null;
  readonly source: RowChangeSource;
  /** When the event was made (ms since the epoch). */
  readonly ts_ms: number;
}

/** The row as it is now after the change, or as it was before a delete. */
export function rowImageOf(event: RowChangeEvent): JsonObject {
  return (event.op === 'd' ? event.before : event.after) ?? {};
}

function invalid(reason: string): AppError {
  return new AppError('resource_shape_invalid', `not a row-change event: ${reason}`);
}

function decodeSource(value: unknown): RowChangeSource {
  if (!isJsonObject(value)) throw invalid('source is not an object');
  for (const field of ['service_name', 'opaque_id', 'schema', 'table'] as const) {
    if (typeof value[field] !== 'string') throw invalid(`source.${field} is not a string`);
  }
  if (value['lsn'] !== undefined && typeof value['lsn'] !== 'number') throw invalid('source.lsn is not a number');
  // Version 1 events (left in an outbox by an older projector) have no version, connector or ts_ms.
  return {
    ...(value as unknown as RowChangeSource),
    version: typeof value['version'] === 'string' ? value['version'] : '1',
    connector: typeof value['connector'] === 'string' ? value['connector'] : ROW_CHANGE_CONNECTOR,
  };
}

/**
 * Checks a parsed message value and returns it as a `RowChangeEvent`; throws
 * `resource_shape_invalid` (not retriable) when it is not one. A tombstone (a `null` value after a
 * `d`) is not an event: test the raw value for `null` first.
 */
export function decodeRowChangeEvent(value: unknown): RowChangeEvent {
  if (!isJsonObject(value)) throw invalid('the value is not an object');
  const op = value['op'];
  if (typeof op !== 'string' || !(ROW_CHANGE_OPS as readonly string[]).includes(op)) throw invalid(`op ${JSON.stringify(op)}`);
  const before = value['before'] ?? null;
  const after = value['after'] ?? null;
  if (before !== null && !isJsonObject(before)) throw invalid('before is not an object');
  if (after !== null && !isJsonObject(after)) throw invalid('after is not an object');
  if (op === 'd' ? before === null : after === null) throw invalid(`a ${op} event without ${op === 'd' ? 'before' : 'after'}`);
  const source = decodeSource(value['source']);
  const ts = value['ts_ms'];
  if (typeof ts !== 'number') throw invalid('ts_ms is not a number');
  return { op: op as RowChangeOp, before, after, source: { ...source, ts_ms: typeof source.ts_ms === 'number' ? source.ts_ms : ts }, ts_ms: ts };
}

/** Parses and decodes a message value (UTF-8 JSON); `null` for a tombstone. */
export function parseRowChangeMessage(value: Buffer | string | null): RowChangeEvent | null {
  if (value === null || value.length === 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch {
    throw invalid('the value is not JSON');
  }
  return decodeRowChangeEvent(parsed);
}
