import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { connectDatabase, Database } from '../database/database';
import { runMigrations } from '../database/run-migrations';
import { withSession } from '../database/transaction';
import { dropOrganizationSchema, ensureOrganizationSchema } from '../replicator-tables/organization-schema';

/** Used when Jest's global setup did not provide DATABASE_URL (trust auth on the local server). */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/whdb_test';

export function testDatabaseUrl(): string {
  return process.env['DATABASE_URL'] ?? DEFAULT_TEST_DATABASE_URL;
}

/** A short random lower-case suffix for names (org keys, topics, idempotency keys). */
export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onMaintenanceDb<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database of `url` if it does not exist (tolerating a concurrent creator). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await onMaintenanceDb(url, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  });
}

/** Connects to the shared test database (created and migrated if needed). */
export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<Database> {
  const url = testDatabaseUrl();
  await ensureDatabase(url);
  const dataSource = await connectDatabase(url, { poolSize: options.poolSize ?? 5, applicationName: 'whdb-persistence-test' });
  await runMigrations(dataSource);
  return dataSource;
}

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for tests that need the whole database to themselves (outbox, migrations). */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const base = testDatabaseUrl();
  const name = `whdb_test_scratch_${uniqueSuffix()}`;
  await onMaintenanceDb(base, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(base, name),
    drop: () => onMaintenanceDb(base, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs `fn` with one pooled connection, e.g. to `SET ROLE` for a session. */
export async function withTestSession<T>(database: Database, fn: (query: (sql: string, params?: unknown[]) => Promise<unknown[]>) => Promise<T>): Promise<T> {
  return withSession(database, async (session) => {
    try {
      return await fn((sql, params) => session.query(sql, params));
    } finally {
      await session.query('RESET ROLE').catch(() => undefined);
    }
  });
}

/** Polls `probe` until it returns a truthy value or the deadline passes (no fixed sleeps). */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A test database connection plus a fresh organization schema, both gone after the describe block. */
export interface OrganizationSchemaFixture {
  readonly orgKey: string;
  dataSource(): Database;
  schema(): string;
}

/** Registers beforeAll/afterAll hooks that open a connection and create (then drop) `<prefix>_<random>`'s schema. */
export function useOrganizationSchema(prefix: string): OrganizationSchemaFixture {
  const orgKey = `${prefix}_${uniqueSuffix()}`;
  let dataSource: Database | undefined;
  let schema: string | undefined;
  beforeAll(async () => {
    dataSource = await openTestDatabase();
    ({ schema } = await ensureOrganizationSchema(dataSource, orgKey));
  });
  afterAll(async () => {
    if (!dataSource) return;
    await dropOrganizationSchema(dataSource, orgKey);
    await dataSource.close();
  });
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside tests (after beforeAll)`);
    return value;
  };
  return { orgKey, dataSource: () => required(dataSource, 'dataSource'), schema: () => required(schema, 'schema') };
}
