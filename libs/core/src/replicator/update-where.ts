import { quoteIdent } from '../sql/identifiers';

/**
 * The conflict-update guard of an upsert (docs/behaviour/upserts.md#update-where): an SQL predicate
 * over the existing row (alias `existing`) and the proposed one (`excluded`). The update runs only
 * when it is true, which is what makes replays and out-of-order deliveries harmless.
 */
export interface UpdateWhere {
  readonly description: string;
  readonly sql: string;
}

export const EXISTING_ROW_ALIAS = 'existing';

/**
 * Newer wins (docs/behaviour/upserts.md#same-second-updates): a strictly newer timestamp is
 * applied; on a tie (providers stamp whole seconds, so two updates of one resource can share one)
 * a delivery whose `data` differs from the stored row wins, while an identical replay changes
 * nothing and so emits no row-change event. An older timestamp, or a NULL on either side, never
 * overwrites.
 */
export function newerThan(columnName: string): UpdateWhere {
  const col = quoteIdent(columnName);
  const existing = `${EXISTING_ROW_ALIAS}.${col}`;
  return {
    description: `${columnName} is newer, or equal with different data`,
    sql: `(${existing} < excluded.${col} OR (${existing} = excluded.${col} AND ${EXISTING_ROW_ALIAS}."data" IS DISTINCT FROM excluded."data"))`,
  };
}

/** The stored payload differs. */
export function dataDiffers(): UpdateWhere {
  return { description: 'data differs', sql: `${EXISTING_ROW_ALIAS}."data" IS DISTINCT FROM excluded."data"` };
}

/** Any of the columns is still NULL on the existing row (the row is frozen once all are set). */
export function anyNull(columnNames: readonly string[]): UpdateWhere {
  return {
    description: `any of ${columnNames.join(', ')} is null`,
    sql: columnNames.map((name) => `${EXISTING_ROW_ALIAS}.${quoteIdent(name)} IS NULL`).join(' OR '),
  };
}
