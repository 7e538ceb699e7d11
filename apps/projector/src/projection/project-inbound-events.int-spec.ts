import { randomBytes } from 'node:crypto';
import { orgSchemaName, silentLogger, WebhookReceivedEvent } from '@whdb/core';
import { connectDataSource, createReplicatorTable, DataSource, dropOrganizationSchema, ensureOrganizationSchema, runMigrations, runQuery } from '@whdb/persistence';
import { findReplicator } from '@whdb/replicators';
import { buildIncreaseAccount, buildIncreaseAccountEvent } from '@whdb/testing';
import { PostgresProjectionStore } from './postgres-projection-store';
import { ProjectInboundEventsUseCase } from './project-inbound-events.use-case';

const replicator = findReplicator('increase_account_v1')!;

describe('projecting inbound events into Postgres (real database)', () => {
  const orgKey = `proj_${randomBytes(4).toString('hex')}`;
  const opaqueId = `svi_${randomBytes(8).toString('hex')}`;
  const table = 'increase_account_v1_test';
  let dataSource: DataSource;
  let useCase: ProjectInboundEventsUseCase;
  let known = true;
  let tableOf = (): string => table;

  const event = (body: unknown, correlationId = 'corr'): WebhookReceivedEvent => ({
    type: 'webhook.received', id: randomBytes(4).toString('hex'), correlation_id: correlationId, received_at: new Date().toISOString(),
    integration: { opaque_id: opaqueId, service_name: 'increase_account_v1', organization_id: 1 },
    request: { method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  });
  const outboxFor = (key: string) =>
    runQuery<{ topic: string; key: string; value: Record<string, unknown>; headers: Record<string, string> }[]>(dataSource, 'SELECT topic, key, value, headers FROM whdb.outbox WHERE key = $1 ORDER BY id', [key]);

  beforeAll(async () => {
    dataSource = await connectDataSource(process.env['DATABASE_URL']!);
    await runMigrations(dataSource);
    const { schema } = await ensureOrganizationSchema(dataSource, orgKey);
    await createReplicatorTable(dataSource, { schema, table, opaqueId, replicatorSchema: replicator.schema });
    useCase = new ProjectInboundEventsUseCase({
      replicator,
      resolveIntegration: async (id) => (known && id === opaqueId ? { tableName: tableOf(), organizationKey: orgKey } : null),
      store: new PostgresProjectionStore(dataSource, replicator),
      logger: silentLogger,
    });
  });

  afterAll(async () => {
    await runQuery(dataSource, "DELETE FROM whdb.outbox WHERE key LIKE $1", [`${opaqueId}:%`]);
    await dropOrganizationSchema(dataSource, orgKey);
    await dataSource.destroy();
  });

  it('writes rows and one row-change event per changed row, with the correlation id', async () => {
    const account = buildIncreaseAccount();
    const result = await useCase.execute([event(buildIncreaseAccountEvent(account, '2024-01-01T00:00:00Z'), 'corr-a')]);
    expect(result).toEqual({ changed: 1, rows: 1 });
    const [row] = await runQuery<Record<string, unknown>[]>(dataSource, `SELECT * FROM ${orgSchemaName(orgKey)}.${table} WHERE increase_id = $1`, [account['id']]);
    expect(row).toMatchObject({ increase_id: account['id'], name: account['name'] });
    const outbox = await outboxFor(`${opaqueId}:${String(account['id'])}`);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ topic: 'whdb.rows.increase_account_v1', headers: { 'x-correlation-id': 'corr-a', ce_type: 'row.changed' } });
    expect(outbox[0]!.value).toMatchObject({ op: 'c', after: { increase_id: account['id'] }, source: { opaque_id: opaqueId, schema: orgSchemaName(orgKey), table } });
  });

  it('folds a batch in order: the newest wins and replays change nothing', async () => {
    const account = buildIncreaseAccount();
    const newer = event(buildIncreaseAccountEvent({ ...account, name: 'newer' }, '2024-03-01T00:00:00Z'));
    const older = event(buildIncreaseAccountEvent({ ...account, name: 'older' }, '2024-02-01T00:00:00Z'));
    expect(await useCase.execute([older, newer, older])).toEqual({ changed: 2, rows: 3 });
    expect(await useCase.execute([newer, older])).toEqual({ changed: 0, rows: 2 });
    const [row] = await runQuery<{ name: string }[]>(dataSource, `SELECT name FROM ${orgSchemaName(orgKey)}.${table} WHERE increase_id = $1`, [account['id']]);
    expect(row!.name).toBe('newer');
    expect((await outboxFor(`${opaqueId}:${String(account['id'])}`)).map((m) => m.value['op'])).toEqual(['c', 'u']);
  });

  it('writes nothing of a batch that fails, so the whole batch can be retried', async () => {
    const good = buildIncreaseAccount();
    const bad = event({ id: 'account_bad', balance: 'lots' });
    await expect(useCase.execute([event(good), bad])).rejects.toThrow(/balance expects an integer/);
    expect(await runQuery(dataSource, `SELECT 1 FROM ${orgSchemaName(orgKey)}.${table} WHERE increase_id = $1`, [good['id']])).toEqual([]);
  });

  it('refuses events of an integration that no longer exists (dead-lettered, not retried)', async () => {
    known = false;
    try {
      await expect(useCase.execute([event(buildIncreaseAccount())])).rejects.toMatchObject({ code: 'not_found', retriable: false });
    } finally {
      known = true;
    }
  });

  it('refuses events whose table was dropped with its integration (dead-lettered at once, not retried)', async () => {
    tableOf = () => 'increase_account_v1_gone';
    try {
      await expect(useCase.execute([event(buildIncreaseAccount())])).rejects.toMatchObject({ code: 'not_found', retriable: false });
    } finally {
      tableOf = () => table;
    }
  });
});
