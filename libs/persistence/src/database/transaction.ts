import { DataSource, EntityManager, QueryResult } from 'typeorm';
import { mapDatabaseErrors } from './database-errors';

/** A transaction handle: pass it to repositories and writers to make them part of it. */
export type Transaction = EntityManager;

/** Something that runs SQL: the data source (pooled, autocommit) or a transaction. */
export type Db = DataSource | EntityManager;

/**
 * Runs `fn` in a transaction (READ COMMITTED), committing when it resolves and rolling back when
 * it throws. Driver errors are mapped by `translateDatabaseError`.
 */
export function withTransaction<T>(dataSource: DataSource, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return mapDatabaseErrors(() => dataSource.transaction((tx) => fn(tx)));
}

/** Runs `fn` in the caller's transaction when `db` is one, else opens a new one. */
export function inTransaction<T>(db: Db, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  if (db instanceof DataSource) return withTransaction(db, fn);
  if (db.queryRunner?.isTransactionActive) return mapDatabaseErrors(() => fn(db));
  return mapDatabaseErrors(() => db.transaction((tx) => fn(tx)));
}

/**
 * Runs one statement with bound parameters and returns its rows (also for UPDATE/DELETE ...
 * RETURNING, which TypeORM's `query` would wrap as `[rows, count]`), mapping driver errors.
 * Uses the transaction's connection when `db` is one, else a pooled connection.
 */
export function runQuery<T = Record<string, unknown>[]>(db: Db, sql: string, parameters: readonly unknown[] = []): Promise<T> {
  return mapDatabaseErrors(async () => {
    const own = db instanceof DataSource ? undefined : db.queryRunner;
    const runner = own ?? (db instanceof DataSource ? db : db.connection).createQueryRunner();
    try {
      const result = (await runner.query(sql, [...parameters], true)) as QueryResult;
      return (result.records ?? []) as T;
    } finally {
      if (!own) await runner.release();
    }
  });
}
