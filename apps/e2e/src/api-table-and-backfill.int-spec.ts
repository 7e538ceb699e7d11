import { BackfillRequestedEvent, RowChangeEvent } from '@whdb/core';
import { eventually, expectStatus, FakeIncrease, jsonRequest, StepBody, TableProbe, TopicWatcher, WhdbStack } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from './stack-fixture';

/**
 * The api's table and backfill endpoints with every service its own process
 * (docs/behaviour/integrations-api.md): an upsert through the api reaches the table and
 * `whdb.rows.*`; a table renamed while the projector runs keeps receiving webhooks; completing the
 * Increase backfill setup announces a job on `whdb.backfill.requests`.
 */
describe('api table and backfill endpoints, end to end', () => {
  const apiKey = `key_${randomBytes(8).toString('hex')}`;
  let stack: WhdbStack;
  let probe: TableProbe;
  let increase: FakeIncrease;
  let integration: IncreaseIntegration;
  let rowChanges: TopicWatcher;
  let backfillRequests: TopicWatcher;

  const path = (action: string) => `/v1/organizations/${integration.orgKey}/service_integrations/${integration.opaqueId}/${action}`;
  const rowsOf = (table: string, id: unknown) => probe.rows<{ name: string }>(integration.orgKey, table, 'increase_id = $1', [id]);

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']! }).start();
    [probe, increase, rowChanges, backfillRequests] = await Promise.all([
      TableProbe.connect(process.env['DATABASE_URL']!),
      new FakeIncrease({ apiKey }).start(),
      new TopicWatcher(process.env['KAFKA_BROKERS']!, 'whdb.rows.increase_account_v1').start(),
      new TopicWatcher(process.env['KAFKA_BROKERS']!, 'whdb.backfill.requests').start(),
    ]);
    integration = await setUpIncreaseIntegration(stack, 'e2e_api7');
  });

  afterAll(async () => {
    await Promise.all([rowChanges?.stop(), backfillRequests?.stop(), increase?.stop()]);
    await probe?.close();
    await stack?.stop();
  });

  it('upserts a resource through the api into the table and publishes its row change', async () => {
    const correlationId = `e2e-${randomBytes(6).toString('hex')}`;
    const account = { id: `account_${randomBytes(6).toString('hex')}`, name: 'Upserted', balance: 7, created_at: '2024-01-01T00:00:00Z', status: 'open' };
    const response = await jsonRequest<{ message: string }>('POST', `${stack.apiUrl}${path('upsert')}`, {
      body: account,
      headers: { authorization: `Bearer ${integration.token}`, 'x-correlation-id': correlationId },
    });
    expect(expectStatus(response, 200).message).toBe(`You have upserted into ${integration.table}.`);
    expect(await rowsOf(integration.table, account.id)).toEqual([expect.objectContaining({ name: 'Upserted' })]);
    const message = await rowChanges.waitFor((m) => m.key === `${integration.opaqueId}:${account.id}`);
    expect(message.headers['x-correlation-id']).toBe(correlationId);
    expect(message.json<RowChangeEvent>()).toMatchObject({ op: 'c', source: { opaque_id: integration.opaqueId, table: integration.table } });
  });

  it('keeps projecting webhooks into a table renamed while the projector runs', async () => {
    const before = await postSignedAccount(stack, integration);
    expect(before.response.status).toBe(202);
    await eventually(async () => (await rowsOf(integration.table, before.account['id'])).length === 1, { description: 'the first webhook in the table' });
    const renamed = `accounts_${randomBytes(3).toString('hex')}`;
    const response = await integration.client.request<{ service_integration: { table_name: string } }>('POST', path('rename_table'), { new_name: renamed });
    expect(expectStatus(response, 200).service_integration.table_name).toBe(renamed);
    const after = await postSignedAccount(stack, integration);
    expect(after.response.status).toBe(202);
    await eventually(async () => (await rowsOf(renamed, after.account['id'])).length === 1, { description: 'the webhook sent after the rename in the renamed table' });
    expect(await rowsOf(renamed, before.account['id'])).toHaveLength(1);
  });

  it('announces a backfill job when the Increase backfill setup is completed', async () => {
    const transition = async (field: string, value: string) =>
      expectStatus(await integration.client.request<StepBody & { backfill_job_id?: string }>('POST', path(`transition/${field}`), { value }), 200);
    await transition('backfill_key', apiKey);
    const done = await transition('api_url', increase.url);
    expect(done).toMatchObject({ complete: true, backfill_job_id: expect.stringMatching(/^bfj_/) });
    const message = await backfillRequests.waitFor((m) => m.json<BackfillRequestedEvent>().job_id === done.backfill_job_id);
    expect(message.key).toBe(integration.opaqueId);
    expect(message.headers['ce_type']).toBe('backfill.requested');
    const job = expectStatus(await integration.client.request<{ id: string; status: string }>('GET', path(`backfill/job/${done.backfill_job_id}`)), 200);
    expect(job).toMatchObject({ id: done.backfill_job_id, status: expect.stringMatching(/^(pending|running|finished)$/) });
  });
});
