import { PreparedRow } from '@whdb/core';

/** Where one integration's rows go. */
export interface ProjectionTarget {
  readonly opaqueId: string;
  readonly serviceName: string;
  readonly schema: string;
  readonly table: string;
}

export interface ProjectionWrite {
  readonly target: ProjectionTarget;
  readonly rows: readonly PreparedRow[];
  /** Correlation id per row, carried into the row-change events. */
  readonly correlationIds: readonly string[];
}

/**
 * Writes a batch in ONE transaction: conditional upserts into each table plus one outbox row per
 * changed row. Returns how many rows changed. Throws retriable errors for outages.
 */
export interface ProjectionStore {
  write(writes: readonly ProjectionWrite[]): Promise<{ changed: number }>;
}
