import { randomBytes } from 'node:crypto';
import { decodeRowChangeEvent, InboundEvent, orgSchemaName, ProjectionTarget, silentLogger, Topics, WebhookReceivedEvent } from '@whdb/core';
import { ConsumedMessage, KafkaPublisher, parseBrokers, toConsumedMessage } from '@whdb/kafka';
import { connectDatabase, createReplicatorTable, Database, dropOrganizationSchema, ensureOrganizationSchema, ProjectionWriter, runMigrations, runQuery } from '@whdb/persistence';
import { findReplicator } from '@whdb/replicators';
import { buildIncreaseAccount, buildIncreaseAccountEvent, TopicWatcher } from '@whdb/testing';
import { RowChangePublisher } from '../outbox/row-change-publisher';
import { ProjectInboundEventsUseCase } from './project-inbound-events.use-case';

const replicator = findReplicator('increase_account_v1')!;

describe('projecting inbound events into Postgres and row changes into Kafka (real database and broker)', () => {
  const orgKey = `proj_${randomBytes(4).toString('hex')}`;
  const opaqueId = `svi_${randomBytes(8).toString('hex')}`;
  const stream = `whdb.projector.test.${randomBytes(4).toString('hex')}`;
  const table = 'increase_account_v1_test';
  let database: Database;
  let publisher: KafkaPublisher;
  let rows: TopicWatcher;
  let known = true;
  let tableOf = (): string => table;
  let offset = 0;
  const projected: { rows: number; changed: number }[] = [];

  const useCaseWith = (kafka: KafkaPublisher) =>
    new ProjectInboundEventsUseCase({
      replicator,
      stream,
      targetOf: async (id): Promise<ProjectionTarget | null> =>
        known && id === opaqueId ? { opaqueId, serviceName: 'increase_account_v1', schema: orgSchemaName(orgKey), table: tableOf() } : null,
      writer: new ProjectionWriter(database, replicator.schema),
      rowChanges: new RowChangePublisher(kafka, database, silentLogger),
      logger: silentLogger,
      onProjected: (result) => projected.push(result),
    });
  const event = (body: unknown, correlationId = 'corr'): WebhookReceivedEvent => ({
    type: 'webhook.received', id: randomBytes(4).toString('hex'), correlation_id: correlationId, received_at: new Date().toISOString(),
    integration: { opaque_id: opaqueId, service_name: 'increase_account_v1', organization_id: 1 },
    request: { method: 'POST', path: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  });
  const batchOf = (events: InboundEvent[], partition = 0) => ({
    topic: 'whdb.inbound.increase_account_v1',
    partition,
    messages: events.map((e): ConsumedMessage => toConsumedMessage('whdb.inbound.increase_account_v1', partition, { offset: String(offset++), key: opaqueId, value: Buffer.from(JSON.stringify(e)) })),
  });
  const published = (key: string) => rows.messages.filter((m) => m.key === `${opaqueId}:${key}`);
  const outboxCount = async () => Number((await runQuery<{ n: string }[]>(database, 'SELECT count(*) AS n FROM whdb.outbox WHERE stream = $1', [stream]))[0]!.n);

  beforeAll(async () => {
    database = await connectDatabase(process.env['DATABASE_URL']!);
    await runMigrations(database);
    const { schema } = await ensureOrganizationSchema(database, orgKey);
    await createReplicatorTable(database, { schema, table, opaqueId, replicatorSchema: replicator.schema });
    publisher = await KafkaPublisher.connect({ brokers: parseBrokers(process.env['KAFKA_BROKERS']!), clientId: 'projector-int-spec' }, silentLogger);
    rows = await new TopicWatcher(process.env['KAFKA_BROKERS']!, Topics.rows('increase_account_v1')).start();
  });

  afterAll(async () => {
    await rows.stop();
    await publisher.disconnect();
    await runQuery(database, 'DELETE FROM whdb.outbox WHERE stream = $1', [stream]);
    await dropOrganizationSchema(database, orgKey);
    await database.close();
  });

  it('writes rows and publishes one row-change event per changed row, with the correlation id and the position', async () => {
    const account = buildIncreaseAccount();
    await useCaseWith(publisher).handleBatch(batchOf([event(buildIncreaseAccountEvent(account, '2024-01-01T00:00:00Z'), 'corr-a')]));
    expect(projected.at(-1)).toEqual({ changed: 1, rows: 1 });
    const [row] = await runQuery<Record<string, unknown>[]>(database, `SELECT * FROM ${orgSchemaName(orgKey)}.${table} WHERE increase_id = $1`, [account['id']]);
    expect(row).toMatchObject({ increase_id: account['id'], name: account['name'] });
    const [message] = await rows.waitFor((m) => m.key === `${opaqueId}:${String(account['id'])}`).then(() => published(String(account['id'])));
    expect(message!.headers).toMatchObject({ 'x-correlation-id': 'corr-a', ce_type: 'row.changed' });
    expect(message!.json()).toMatchObject({
      op: 'c',
      before: null,
      after: { increase_id: account['id'] },
      source: {
        connector: 'webhookdb-kafka',
        service_name: 'increase_account_v1',
        opaque_id: opaqueId,
        schema: orgSchemaName(orgKey),
        table,
        lsn: expect.any(Number),
        inbound: { topic: 'whdb.inbound.increase_account_v1', partition: 0, offset: expect.any(Number) },
      },
    });
    expect(await outboxCount()).toBe(0);
  });

  it('folds a batch in order: the newest wins and replays change nothing', async () => {
    const account = buildIncreaseAccount();
    const key = String(account['id']);
    const newer = event(buildIncreaseAccountEvent({ ...account, name: 'newer' }, '2024-03-01T00:00:00Z'));
    const older = event(buildIncreaseAccountEvent({ ...account, name: 'older' }, '2024-02-01T00:00:00Z'));
    await useCaseWith(publisher).handleBatch(batchOf([older, newer, older]));
    expect(projected.at(-1)).toEqual({ changed: 2, rows: 3 });
    await useCaseWith(publisher).handleBatch(batchOf([newer, older]));
    expect(projected.at(-1)).toEqual({ changed: 0, rows: 2 });
    const [row] = await runQuery<{ name: string }[]>(database, `SELECT name FROM ${orgSchemaName(orgKey)}.${table} WHERE increase_id = $1`, [key]);
    expect(row!.name).toBe('newer');
    await rows.waitFor(() => published(key).length >= 2);
    const events = published(key).map((m) => decodeRowChangeEvent(m.json()));
    expect(events.map((e) => e.op)).toEqual(['c', 'u']);
    expect(events[1]!.source.lsn).toBeGreaterThan(events[0]!.source.lsn!);
    // The update carries the row as the insert left it.
    expect([events[1]!.before, events[1]!.after?.['name']]).toEqual([events[0]!.after, 'newer']);
  });

  it('keeps the events of a committed batch when publishing fails, and publishes them on the retry', async () => {
    const account = buildIncreaseAccount();
    const key = String(account['id']);
    const batch = batchOf([event(buildIncreaseAccountEvent(account, '2024-01-01T00:00:00Z'), 'corr-retry')], 1);
    const down = await KafkaPublisher.connect({ brokers: parseBrokers(process.env['KAFKA_BROKERS']!), clientId: 'projector-int-spec-down' }, silentLogger);
    await down.disconnect();
    await expect(useCaseWith(down).handleBatch(batch)).rejects.toMatchObject({ code: 'kafka_unavailable', retriable: true });
    expect(await runQuery(database, `SELECT 1 FROM ${orgSchemaName(orgKey)}.${table} WHERE increase_id = $1`, [key])).toHaveLength(1);
    expect(await outboxCount()).toBe(1);
    // The consumer retries the batch: the rows are already there, the events are still owed.
    await useCaseWith(publisher).handleBatch(batch);
    expect(projected.at(-1)).toEqual({ changed: 0, rows: 1 });
    const message = await rows.waitFor((m) => m.key === `${opaqueId}:${key}`);
    expect(message.headers['x-correlation-id']).toBe('corr-retry');
    expect(await outboxCount()).toBe(0);
  });

  it('writes nothing of a batch that fails, so the whole batch can be retried', async () => {
    const good = buildIncreaseAccount();
    const bad = event({ id: 'account_bad', balance: 'lots' });
    await expect(useCaseWith(publisher).handleBatch(batchOf([event(good), bad]))).rejects.toThrow(/balance expects an integer/);
    expect(await runQuery(database, `SELECT 1 FROM ${orgSchemaName(orgKey)}.${table} WHERE increase_id = $1`, [good['id']])).toEqual([]);
  });

  it('refuses events of an integration that no longer exists (dead-lettered, not retried)', async () => {
    known = false;
    try {
      await expect(useCaseWith(publisher).handleBatch(batchOf([event(buildIncreaseAccount())]))).rejects.toMatchObject({ code: 'not_found', retriable: false });
    } finally {
      known = true;
    }
  });

  it('reads the target again when its table is missing, so a renamed table receives the batch', async () => {
    const renamed = 'increase_account_v1_renamed';
    await runQuery(database, `ALTER TABLE ${orgSchemaName(orgKey)}.${table} RENAME TO ${renamed}`);
    let stale = true;
    const forgotten: string[][] = [];
    const useCase = new ProjectInboundEventsUseCase({
      replicator,
      stream,
      targetOf: async (id) => ({ opaqueId: id, serviceName: 'increase_account_v1', schema: orgSchemaName(orgKey), table: stale ? table : renamed }),
      forgetTargets: (ids) => {
        forgotten.push([...ids]);
        stale = false;
      },
      writer: new ProjectionWriter(database, replicator.schema),
      rowChanges: new RowChangePublisher(publisher, database, silentLogger),
      logger: silentLogger,
    });
    try {
      const account = buildIncreaseAccount();
      await useCase.handleBatch(batchOf([event(account)]));
      expect(forgotten).toEqual([[opaqueId]]);
      expect(await runQuery(database, `SELECT 1 FROM ${orgSchemaName(orgKey)}.${renamed} WHERE increase_id = $1`, [account['id']])).toHaveLength(1);
    } finally {
      await runQuery(database, `ALTER TABLE ${orgSchemaName(orgKey)}.${renamed} RENAME TO ${table}`);
    }
  });

  it('refuses events whose table was dropped with its integration (dead-lettered at once, not retried)', async () => {
    tableOf = () => 'increase_account_v1_gone';
    try {
      await expect(useCaseWith(publisher).handleBatch(batchOf([event(buildIncreaseAccount())]))).rejects.toMatchObject({ code: 'not_found', retriable: false });
    } finally {
      tableOf = () => table;
    }
  });
});
