import { PoolClient } from 'pg';
import { Database } from './database';

/** The connection behind a session, kept out of the public shape (no driver type escapes). */
const CONNECTIONS = new WeakMap<Session, { readonly database: Database; readonly client: PoolClient }>();

function connectionOf(session: Session): { readonly database: Database; readonly client: PoolClient } {
  const connection = CONNECTIONS.get(session);
  if (!connection) throw new Error('a Session is only made by withSession or withTransaction');
  return connection;
}

/** One connection of the pool, held for a while (session-level locks, `CREATE INDEX CONCURRENTLY`). */
export class Session {
  /** Runs one statement on this connection and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, parameters: readonly unknown[] = []): Promise<T[]> {
    const { database, client } = connectionOf(this);
    return database.run<T>(client, sql, parameters);
  }
}

/** A transaction in progress: pass it to repositories and writers to make them part of it. */
export class Transaction extends Session {}

function open<T extends Session>(kind: new () => T, database: Database, client: PoolClient): T {
  const session = new kind();
  CONNECTIONS.set(session, { database, client });
  return session;
}

/** Something that runs SQL: the database (pooled, autocommit), a session or a transaction. */
export type Db = Database | Session;

async function transactionOn<T>(session: Session, fn: (tx: Transaction) => Promise<T>): Promise<{ result?: T; broken?: Error; error?: unknown }> {
  const { database, client } = connectionOf(session);
  const tx = open(Transaction, database, client);
  try {
    await tx.query('BEGIN');
    const result = await fn(tx);
    await tx.query('COMMIT');
    return { result };
  } catch (error) {
    let broken: Error | undefined;
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      // The connection is unusable (e.g. the server went away): it must not go back to the pool.
      broken = rollbackError;
    });
    return { error, broken };
  }
}

/** Runs `fn` with one connection of the pool, returned afterwards (with any role reset). */
export async function withSession<T>(database: Database, fn: (session: Session) => Promise<T>): Promise<T> {
  const client = await database.checkout();
  let broken: Error | undefined;
  try {
    return await fn(open(Session, database, client));
  } catch (error) {
    await client.query('RESET ROLE').catch((resetError: Error) => (broken = resetError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Runs `fn` in a transaction (READ COMMITTED), committing when it resolves and rolling back when
 * it throws. Driver errors are mapped by `translateDatabaseError`.
 */
export async function withTransaction<T>(database: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  const client = await database.checkout();
  const outcome = await transactionOn(open(Session, database, client), fn);
  client.release(outcome.broken);
  if ('error' in outcome) throw outcome.error;
  return outcome.result as T;
}

/** Runs `fn` in the caller's transaction when `db` is one, else opens one (on the session, if given). */
export async function inTransaction<T>(db: Db, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  if (db instanceof Transaction) return fn(db);
  if (db instanceof Session) {
    const outcome = await transactionOn(db, fn);
    if ('error' in outcome) throw outcome.error;
    return outcome.result as T;
  }
  return withTransaction(db, fn);
}

/**
 * Runs one statement with bound parameters and returns its rows (also for UPDATE/DELETE ...
 * RETURNING), mapping driver errors. Uses the session's connection when `db` is one, else a
 * pooled connection.
 */
export async function runQuery<T = Record<string, unknown>[]>(db: Db, sql: string, parameters: readonly unknown[] = []): Promise<T> {
  return (await db.query(sql, parameters)) as T;
}
