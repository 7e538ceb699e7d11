import { connectDatabase, Database } from './database';
import { runMigrations } from './run-migrations';
import { createScratchDatabase, ScratchDatabase } from '../testing/test-database';

describe('runMigrations', () => {
  let scratch: ScratchDatabase;
  const sources: Database[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase();
  });

  afterAll(async () => {
    await Promise.all(sources.map((source) => source.close()));
    await scratch.drop();
  });

  async function connect(): Promise<Database> {
    const source = await connectDatabase(scratch.url, { poolSize: 2 });
    sources.push(source);
    return source;
  }

  it('applies the control plane once when several processes migrate a fresh database at once', async () => {
    const [a, b, c] = await Promise.all([connect(), connect(), connect()]);
    const applied = await Promise.all([runMigrations(a!), runMigrations(b!), runMigrations(c!)]);
    expect(applied.flat()).toEqual(['ControlPlaneSchema1763870000000', 'OutboxBatches1764700000000', 'BackfillJobsProgress1764800000000', 'OperatorTools1764830000000', 'OutboundSender1764850000000', 'ChannelCommands1764860000000', 'SetupGrants1764900000000', 'IntegrationHistory1764960000000']);

    const tables = await a!.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'whdb' ORDER BY tablename`);
    expect(tables.map((t: { tablename: string }) => t.tablename)).toEqual([
      'analyst_credentials',
      'backfill_job_service_integration_locks',
      'backfill_jobs',
      'channel_commands',
      'error_handlers',
      'idempotencies',
      'integration_history',
      'logged_webhooks',
      'migrations',
      'organizations',
      'outbound_sends',
      'outbox',
      'service_integrations',
      'setup_grants',
      'temporary_documents',
      'tokens',
    ]);
    const [{ count }] = (await a!.query<{ count: number }>('SELECT count(*)::int AS count FROM whdb.migrations')) as [{ count: number }];
    expect(count).toBe(8);
  });

  it('is idempotent', async () => {
    const source = await connect();
    await expect(runMigrations(source)).resolves.toEqual([]);
    const indexes = await source.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'whdb' AND tablename = 'logged_webhooks'`);
    expect(indexes.map((i: { indexname: string }) => i.indexname)).toContain('logged_webhooks_organization_id_inserted_at_idx');
  });

  it('reports an unreachable database as retriable database_unavailable', async () => {
    await expect(connectDatabase('postgres://postgres@127.0.0.1:1/whdb_test', { connectTimeoutMs: 2_000 })).rejects.toMatchObject({
      code: 'database_unavailable',
      retriable: true,
    });
  });
});
