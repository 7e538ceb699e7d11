import { randomBytes } from 'node:crypto';
import { silentLogger } from '@whdb/core';
import { connectDatabase, Database, dropOrganizationSchema, runQuery, Transaction, withTransaction } from '@whdb/persistence';
import { loadConfig, RunningService } from '@whdb/platform';
import { ApiConfig, apiConfigSchema } from '../api.config';
import { startApi } from '../api-service';
import { ApiModuleOptions } from '../setup-and-backfill.providers';

/** The public base URL the test apps show in webhook URLs. */
export const TEST_PUBLIC_URL = 'https://hooks.whdb.test';

/**
 * One in-process api per test file, booted exactly as `main.ts` does (same module, same pipes and
 * filters) against the real Postgres and Kafka of the Jest global setup (optionally knowing extra,
 * made-up replicators), on a free port, with a silent
 * logger and fresh random admin token and encryption key. Organizations made through it are
 * removed (rows, schema, read-only role) by `close()`.
 */
export class ApiTestApp {
  private readonly organizationKeys = new Set<string>();

  private constructor(
    private readonly service: RunningService,
    readonly config: ApiConfig,
    /** Our own connection, to look at what the api wrote (as the superuser the tests run as). */
    readonly db: Database,
  ) {}

  static async start(env: Record<string, string> = {}, moduleOptions: ApiModuleOptions = {}): Promise<ApiTestApp> {
    const databaseUrl = process.env['DATABASE_URL'];
    const kafkaBrokers = process.env['KAFKA_BROKERS'];
    if (!databaseUrl || !kafkaBrokers) throw new Error('DATABASE_URL or KAFKA_BROKERS is not set: run the api tests through its jest config (globalSetup)');
    const config = loadConfig(apiConfigSchema, {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      WHDB_PUBLIC_URL: TEST_PUBLIC_URL,
      WHDB_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      WHDB_ADMIN_TOKEN: `admin_${randomBytes(16).toString('hex')}`,
      WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: '5',
      ...env,
    });
    const service = await startApi(config, { port: 0, handleProcessSignals: false, logger: silentLogger, defaultMetrics: false }, moduleOptions);
    try {
      const db = await connectDatabase(databaseUrl, { applicationName: 'whdb-api-test', poolSize: 3 });
      return new ApiTestApp(service, config, db);
    } catch (error) {
      await service.close();
      throw error;
    }
  }

  get url(): string {
    return this.service.url;
  }

  /** The routes Express serves, as `METHOD /path/{param}` (to check the OpenAPI document against). */
  routes(): string[] {
    const express = this.service.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
    return express.router.stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`) : [],
    );
  }

  get adminToken(): string {
    const token = this.config.WHDB_ADMIN_TOKEN;
    if (!token) throw new Error('this test app has no admin token');
    return token;
  }

  /** A fresh organization key (`<prefix>_<hex>`), removed again by `close()`. */
  newOrganizationKey(prefix = 't_api'): string {
    const key = `${prefix}_${randomBytes(5).toString('hex')}`;
    this.organizationKeys.add(key);
    return key;
  }

  /** Registers a key the api chose (e.g. derived from the name) for removal by `close()`. */
  trackOrganization(key: string): void {
    this.organizationKeys.add(key);
  }

  /** Runs `fn` in a transaction that is always rolled back, e.g. to `SET LOCAL ROLE`. */
  async inRolledBackTransaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const rollback = new Error('rollback');
    let result: T | undefined;
    try {
      await withTransaction(this.db, async (tx) => {
        result = await fn(tx);
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return result as T;
  }

  async close(): Promise<void> {
    try {
      await this.service.close();
    } finally {
      try {
        await this.dropOrganizations();
      } finally {
        await this.db.close();
      }
    }
  }

  private async dropOrganizations(): Promise<void> {
    const keys = [...this.organizationKeys];
    if (keys.length === 0) return;
    await withTransaction(this.db, async (tx) => {
      await runQuery(tx, 'DELETE FROM whdb.service_integrations WHERE organization_id IN (SELECT id FROM whdb.organizations WHERE key = ANY($1))', [keys]);
      await runQuery(tx, 'DELETE FROM whdb.organizations WHERE key = ANY($1)', [keys]);
    });
    for (const key of keys) await dropOrganizationSchema(this.db, key);
  }
}
