import { Logger, silentLogger } from '@whdb/core';
import { Pool, PoolClient, QueryResult } from 'pg';
import { mapDatabaseErrors } from './database-errors';

export interface DatabaseOptions {
  /** Maximum connections in the pool (default 10). */
  poolSize?: number;
  /** Shown in `pg_stat_activity.application_name`, e.g. the service name. */
  applicationName?: string;
  logger?: Logger;
  /** How long to wait for a connection from the pool before failing (default 10 s). */
  connectTimeoutMs?: number;
  /** Statements slower than this are logged as warnings (default 2 s). */
  slowQueryMs?: number;
}

/** Kept out of the object so that logging a Database never prints credentials. */
const URLS = new WeakMap<Database, string>();

/** @internal the connection URL (migrations open their own connection with it). Not exported from the library. */
export function databaseUrlOf(database: Database): string {
  const url = URLS.get(database);
  if (url === undefined) throw new Error('not a connected Database');
  return url;
}

function firstLine(sql: string): string {
  const compact = sql.replace(/\s+/g, ' ').trim();
  return compact.length > 200 ? `${compact.slice(0, 200)}...` : compact;
}

/**
 * Our Postgres: a connection pool with sessions in UTC (so timestamps in row-change events read
 * the same everywhere). Statements run through `runQuery` / `withTransaction`; nothing outside
 * this library sees the driver. Create it with `connectDatabase`.
 */
export class Database {
  private closed = false;

  /** @internal use `connectDatabase`. */
  constructor(
    private readonly pool: Pool,
    url: string,
    private readonly logger: Logger,
    private readonly slowQueryMs: number,
  ) {
    URLS.set(this, url);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Runs one statement on a pooled connection (autocommit) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, parameters: readonly unknown[] = []): Promise<T[]> {
    return this.timed(sql, () => this.pool.query(sql, [...parameters]));
  }

  /** @internal a client for one transaction; release it with `release(client, error)`. */
  async checkout(): Promise<PoolClient> {
    const client = await mapDatabaseErrors(() => this.pool.connect());
    // The pool listens for errors of idle clients only. A checked-out connection that the server
    // ends (a Postgres restart, an admin's pg_terminate_backend) emits 'error', which would crash
    // the process with nobody listening; its statement (or the next one) fails with
    // `database_unavailable` anyway, and the caller releases it as broken
    // (docs/operations.md#postgres-restart-or-outage, found by apps/e2e/src/chaos).
    const onError = (error: Error): void => this.logger.warn('database connection in use failed', { error: error.message });
    client.on('error', onError);
    const release = client.release;
    client.release = (error?: Error | boolean) => {
      client.removeListener('error', onError);
      return release.call(client, error);
    };
    return client;
  }

  /** @internal runs a statement on a checked-out client, with error mapping and slow-query logging. */
  run<T>(client: PoolClient, sql: string, parameters: readonly unknown[]): Promise<T[]> {
    return this.timed(sql, () => client.query(sql, [...parameters]));
  }

  /** Closes every connection; later statements fail. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async timed<T>(sql: string, execute: () => Promise<QueryResult>): Promise<T[]> {
    const started = Date.now();
    const result = await mapDatabaseErrors(execute);
    const elapsed = Date.now() - started;
    if (elapsed > this.slowQueryMs) this.logger.warn('slow query', { durationMs: elapsed, query: firstLine(sql) });
    return (result.rows ?? []) as T[];
  }
}

/**
 * Connects to `databaseUrl` (one connection is opened to prove it works), with connection
 * failures mapped to the retriable `database_unavailable`.
 */
export async function connectDatabase(databaseUrl: string, options: DatabaseOptions = {}): Promise<Database> {
  const logger = (options.logger ?? silentLogger).child({ component: 'postgres' });
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'whdb',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    options: '-c TimeZone=UTC',
  });
  pool.on('error', (error: Error) => logger.warn('idle database connection failed', { error: error.message }));
  try {
    await mapDatabaseErrors(async () => (await pool.connect()).release());
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new Database(pool, databaseUrl, logger, options.slowQueryMs ?? 2_000);
}
