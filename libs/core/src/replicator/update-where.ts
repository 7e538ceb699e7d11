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

/** Strictly newer wins; an equal timestamp is not applied. */
export function newerThan(columnName: string): UpdateWhere {
  const col = quoteIdent(columnName);
  return { description: `${columnName} is newer`, sql: `${EXISTING_ROW_ALIAS}.${col} < excluded.${col}` };
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
