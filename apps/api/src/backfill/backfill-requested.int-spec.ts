import { encryptionKeyringOf } from '@whdb/platform';
import { randomBytes } from 'node:crypto';
import { BackfillRequestedEvent, SecretBox, silentLogger, Topics } from '@whdb/core';
import { KafkaPublisher, parseBrokers } from '@whdb/kafka';
import { OutboxSweeper, runQuery, ServiceIntegrationRepository, withTransaction } from '@whdb/persistence';
import { ControlPlaneClient, expectStatus, FakeIncrease, jsonRequest, StepBody, TopicWatcher } from '@whdb/testing';
import { ApiOutbox } from '../outbox/api-outbox';
import { OutboxRelay, toRawMessages } from '../outbox/outbox-relay';
import { ApiTestApp } from '../testing/api-test-app';
import { BackfillTestOrg, StepWithJob } from '../testing/backfill-test-org';
import { TEST_REPLICATORS } from '../testing/test-replicators';
import { BackfillJobEnqueuer } from './backfill-job-enqueuer';

const brokers = () => process.env['KAFKA_BROKERS']!;

/**
 * `backfill.requested` on Kafka (docs/behaviour/backfill.md#jobs): published after the job tree
 * commits, never for a tree that rolled back, and, when Kafka refuses it, kept in the api's outbox
 * until the sweeper publishes it. Increase setup completion starts a real job.
 */
describe('api: backfill.requested events', () => {
  let api: ApiTestApp;
  let watcher: TopicWatcher;
  let publisher: KafkaPublisher;
  let chain: BackfillTestOrg;

  const eventFor = async (jobId: string) => {
    const message = await watcher.waitFor((m) => m.json<BackfillRequestedEvent>().job_id === jobId);
    return { message, event: message.json<BackfillRequestedEvent>() };
  };
  const announced = (jobId: string) => watcher.messages.filter((m) => m.json<BackfillRequestedEvent>().job_id === jobId);
  const outboxHolding = async (jobId: string) =>
    runQuery<{ id: string }[]>(api.db, `SELECT id::text AS id FROM whdb.outbox WHERE stream = $1 AND position($2 in messages) > 0`, [ApiOutbox.stream, jobId]);
  const enqueuerWith = (kafka: KafkaPublisher) =>
    new BackfillJobEnqueuer(api.db, new SecretBox(encryptionKeyringOf(api.config)), new OutboxRelay(kafka, api.db, silentLogger));
  const parentSettings = async () => (await new ServiceIntegrationRepository(api.db, new SecretBox(encryptionKeyringOf(api.config))).findByOpaqueId(chain.parent))!.settings;

  beforeAll(async () => {
    api = await ApiTestApp.start({}, { replicators: TEST_REPLICATORS });
    [watcher, publisher, chain] = await Promise.all([
      new TopicWatcher(brokers(), Topics.backfillRequests).start(),
      KafkaPublisher.connect({ brokers: parseBrokers(brokers()), clientId: 'api-backfill-int-spec' }, silentLogger),
      BackfillTestOrg.create(api, new ControlPlaneClient(api.url, api.adminToken), 'Backfill Events Org'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([watcher?.stop(), publisher?.disconnect()]);
    await api?.close();
  });

  it('announces the root job after commit: key = opaque id, CloudEvents headers, the request correlation id; children are not announced', async () => {
    const correlationId = `corr-${randomBytes(6).toString('hex')}`;
    const response = await jsonRequest<StepWithJob>('POST', `${api.url}${chain.path(chain.parent, 'transition/backfill_key')}`, {
      body: { value: 'k' },
      headers: { authorization: `Bearer ${chain.org.token}`, 'x-correlation-id': correlationId },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const jobId = response.body.backfill_job_id!;
    expect(jobId).toMatch(/^bfj_/);
    const { message, event } = await eventFor(jobId);
    expect(message.key).toBe(chain.parent);
    expect(event).toEqual({
      type: 'backfill.requested',
      id: expect.any(String),
      correlation_id: correlationId,
      requested_at: expect.any(String),
      integration: { opaque_id: chain.parent, service_name: 'fake_parent_v1', organization_id: chain.org.organization.id },
      job_id: jobId,
    });
    expect(message.headers).toMatchObject({ ce_specversion: '1.0', ce_id: event.id, ce_type: 'backfill.requested', ce_source: '/whdb/api', ce_time: event.requested_at, 'x-correlation-id': event.correlation_id });
    expect(await outboxHolding(jobId)).toEqual([]);
    const job = await chain.job(chain.parent, jobId);
    expect(job.children).toHaveLength(1);
    // A later announcement for the same key arrives after this one: the children were never announced.
    const later = expectStatus(await chain.post<{ id: string }>(chain.parent, 'backfill/job', { recursive: false }), 200).id;
    await eventFor(later);
    expect(announced(job.children[0]!.id)).toEqual([]);
    expect(announced(job.children[0]!.children[0]!.id)).toEqual([]);
  });

  it('creates and announces nothing when the transaction rolls back', async () => {
    const enqueuer = enqueuerWith(publisher);
    const settings = await parentSettings();
    const rollback = new Error('rollback');
    let rolledBack = '';
    await expect(
      withTransaction(api.db, async (tx) => {
        rolledBack = (await enqueuer.createInTransaction(tx, settings, { incremental: true })).root.opaqueId;
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(rolledBack).toMatch(/^bfj_/);
    expect(await runQuery(api.db, 'SELECT 1 FROM whdb.backfill_jobs WHERE opaque_id = $1', [rolledBack])).toEqual([]);
    expect(await outboxHolding(rolledBack)).toEqual([]);
    const committed = await enqueuer.enqueue(settings, { incremental: true });
    await eventFor(committed.opaqueId);
    expect(announced(rolledBack)).toEqual([]);
  });

  it('keeps the announcement in the outbox when Kafka refuses it, and the sweeper publishes it', async () => {
    const down = await KafkaPublisher.connect({ brokers: parseBrokers(brokers()), clientId: 'api-backfill-int-spec-down' }, silentLogger);
    await down.disconnect();
    const job = await enqueuerWith(down).enqueue(await parentSettings(), { incremental: false });
    expect(await runQuery(api.db, 'SELECT status FROM whdb.backfill_jobs WHERE opaque_id = $1', [job.opaqueId])).toEqual([{ status: 'pending' }]);
    expect(await outboxHolding(job.opaqueId)).toHaveLength(1);
    const sweeper = new OutboxSweeper(api.db, (messages) => publisher.publishRaw(toRawMessages(messages)), { stream: ApiOutbox.stream, staleAfterMs: 0 });
    await sweeper.sweepOnce();
    const { message } = await eventFor(job.opaqueId);
    expect(message.key).toBe(chain.parent);
    expect(await outboxHolding(job.opaqueId)).toEqual([]);
  });

  describe('increase_account_v1', () => {
    const apiKey = `key_${randomBytes(8).toString('hex')}`;
    let increase: FakeIncrease;
    let client: ControlPlaneClient;
    let base: string;

    beforeAll(async () => {
      increase = await new FakeIncrease({ apiKey }).start();
      const admin = new ControlPlaneClient(api.url, api.adminToken);
      const org = await admin.createOrganization('Increase Backfill Org', api.newOrganizationKey());
      client = admin.withToken(org.token);
      base = `/v1/organizations/${org.organization.key}/service_integrations`;
    });

    afterAll(async () => {
      await increase?.stop();
    });

    it('runs the backfill machine on create (nothing to start yet), and completing its setup enqueues a job', async () => {
      const created = expectStatus(await client.request<StepWithJob>('POST', `${base}/create`, { service_name: 'increase_account_v1' }), 200);
      expect(created.backfill_job_id).toBeUndefined();
      const sint = created.service_integration.opaque_id;
      expect(await runQuery(api.db, 'SELECT 1 FROM whdb.backfill_jobs j JOIN whdb.service_integrations s ON s.id = j.service_integration_id WHERE s.opaque_id = $1', [sint])).toEqual([]);
      const transition = async (field: string, value: string) => expectStatus(await client.request<StepWithJob>('POST', `${base}/${sint}/transition/${field}`, { value }), 200);
      expect((await transition('backfill_key', apiKey)).backfill_job_id).toBeUndefined();
      const done = await transition('api_url', increase.url);
      expect(done).toMatchObject({ complete: true, error_code: '', backfill_job_id: expect.stringMatching(/^bfj_/) });
      const { message, event } = await eventFor(done.backfill_job_id!);
      expect(message.key).toBe(sint);
      expect(event.integration).toMatchObject({ opaque_id: sint, service_name: 'increase_account_v1' });
      const job = expectStatus(await client.request<{ status: string; incremental: boolean; children: unknown[] }>('GET', `${base}/${sint}/backfill/job/${done.backfill_job_id}`), 200);
      expect(job).toMatchObject({ status: 'pending', incremental: true, children: [] });
      const step = expectStatus(await client.request<StepBody & StepWithJob>('POST', `${base}/${sint}/backfill`), 200);
      expect(step).toMatchObject({ complete: true, backfill_job_id: expect.stringMatching(/^bfj_/) });
      expect(step.backfill_job_id).not.toBe(done.backfill_job_id);
      await eventFor(step.backfill_job_id!);
    });
  });
});
