import { buildSignalwireMessage, eventually, FakeSignalwire, generatedSignalwireHistory, RecordedRequest, TableProbe, WhdbStack } from '@whdb/testing';
import { addErrorHandler, byBackfiller, createOrg, FAST_BACKFILLER_ENV, START_TIMEOUT_MS, jobRow, Org, pageTokenOf, setUpSignalwire, startAlertReceiver, startJob, waitForJob, waitForRowCount } from './backfill-fixture';

/**
 * Backfills of `signalwire_message_v1` through the whole stack (docs/behaviour/backfill.md): the
 * api's setup starts a full job, the backfiller pages through the fake SignalWire and publishes
 * each message to `whdb.inbound.signalwire_message_v1`, the projector writes the table. Then an
 * incremental job, and each retry rule: 429 with Retry-After, 5xx then success, a timeout, and a
 * 401 that is never retried and alerts the organization's error handler.
 */
describe('SignalWire backfills, end to end', () => {
  let fake: FakeSignalwire;
  let stack: WhdbStack;
  let probe: TableProbe;
  let receiver: Awaited<ReturnType<typeof startAlertReceiver>>;
  let org: Org;
  let sint: { opaqueId: string; table: string; jobId: string };

  /** List requests the backfiller made from `from` on. */
  const listedSince = (from: number): RecordedRequest[] => fake.listRequests().slice(from).filter(byBackfiller);

  beforeAll(async () => {
    fake = await new FakeSignalwire({ space: 'acme' }).generate(generatedSignalwireHistory({ count: 250, label: 'hist' })).start();
    receiver = await startAlertReceiver();
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1'],
      env: { SIGNALWIRE_URL_TEMPLATE: fake.urlTemplate },
      backfiller: FAST_BACKFILLER_ENV,
      startTimeoutMs: START_TIMEOUT_MS,
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    org = await createOrg(stack, 'e2e_bfsw');
    await addErrorHandler(org, `${receiver.url}/alerts/tok_${'x'.repeat(12)}?key=handler-secret`);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    await probe?.dropOrganizationSchema(org.orgKey).catch(() => undefined);
    await probe?.close();
    await Promise.all([fake?.stop(), receiver?.stop()]);
  });

  it('runs the full backfill the setup started: three pages, every message once, progress in the job status', async () => {
    const before = fake.listRequests().length;
    sint = await setUpSignalwire(org, fake);
    const job = await waitForJob(org, sint.opaqueId, sint.jobId, 'finished');
    expect(job).toMatchObject({ pages: 3, rows: 250, cursor: null });
    expect(job.started_at).not.toBeNull();
    await waitForRowCount(probe, `whdb_org_${org.orgKey}.${sint.table}`, 250);
    // Pages 1-3, each fetched once (the setup's credential check is the api's).
    const tokens = listedSince(before).map(pageTokenOf);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toBeNull();
    expect(new Set(tokens).size).toBe(3);
  });

  it('runs an incremental job: stops after the page reaching the last backfill, adds only the new messages', async () => {
    fake.addMessages(...[1, 2, 3].map((n) => buildSignalwireMessage({ sid: `new-${n}`, body: `new ${n}` }, new Date(`2024-06-0${n}T10:00:00Z`))));
    const before = fake.listRequests().length;
    const started = await startJob(org, sint.opaqueId, true);
    const job = await waitForJob(org, sint.opaqueId, started.id, 'finished');
    expect(job).toMatchObject({ incremental: true, pages: 1, rows: 100 });
    expect(listedSince(before)).toHaveLength(1);
    await waitForRowCount(probe, `whdb_org_${org.orgKey}.${sint.table}`, 253);
    const [integration] = await probe.query<{ last_backfilled_at: Date | null }>('SELECT last_backfilled_at FROM whdb.service_integrations WHERE opaque_id = $1', [sint.opaqueId]);
    expect(integration!.last_backfilled_at).toBeInstanceOf(Date);
  });

  it('waits out a 429 with Retry-After within the run and fetches the page again', async () => {
    fake.server.inject({ reply: { status: 429, headers: { 'retry-after': '1' }, body: { code: 20429, message: 'Too Many Requests', status: 429 } }, match: byBackfiller }, 1);
    const before = fake.listRequests().length;
    const started = await startJob(org, sint.opaqueId, true);
    await waitForJob(org, sint.opaqueId, started.id, 'finished');
    const requests = listedSince(before);
    expect(requests.map(pageTokenOf)).toEqual([null, null]);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(1000);
    expect((await jobRow(probe, started.id)).attempts).toBe(1);
  });

  it('retries a job whose page keeps failing with 5xx, resuming in a second run that succeeds', async () => {
    fake.server.inject({ reply: { status: 503, body: { code: 20500, message: 'Service Unavailable', status: 503 } }, match: byBackfiller }, 3);
    const started = await startJob(org, sint.opaqueId, true);
    await waitForJob(org, sint.opaqueId, started.id, 'finished');
    expect(await jobRow(probe, started.id)).toMatchObject({ status: 'finished', attempts: 2, pages: 1 });
  });

  it('treats a provider that does not answer in time like an outage: retried, then finished', async () => {
    fake.server.inject({ hangMs: 2500, match: byBackfiller }, 1);
    const before = fake.listRequests().length;
    const started = await startJob(org, sint.opaqueId, true);
    await waitForJob(org, sint.opaqueId, started.id, 'finished');
    expect(listedSince(before).length).toBe(2);
    expect(await jobRow(probe, started.id)).toMatchObject({ status: 'finished', pages: 1 });
  });

  it('never retries a 401: the job fails at once and the error handler receives the alert', async () => {
    fake.server.inject({ reply: { status: 401, body: { code: 20003, message: 'Authentication Error - invalid username', status: 401 } }, match: byBackfiller }, 1);
    const before = fake.listRequests().length;
    const alertsBefore = receiver.alerts().length;
    const started = await startJob(org, sint.opaqueId, true);
    const job = await waitForJob(org, sint.opaqueId, started.id, 'failed');
    expect(job.message).toContain('401');
    expect(listedSince(before)).toHaveLength(1);
    expect(await jobRow(probe, started.id)).toMatchObject({ status: 'failed', attempts: 1 });
    const alert = await eventually(() => receiver.alerts().slice(alertsBefore)[0] ?? false, { description: 'the alert at the error handler' });
    expect(alert).toMatchObject({
      template: 'errors/generic_backfill',
      service_integration: { opaque_id: sint.opaqueId, service_name: 'signalwire_message_v1', table_name: sint.table },
      details: expect.objectContaining({ job_id: started.id, kind: 'unauthorized' }),
    });
    expect(String(alert['message'])).toContain('401');
    // The handler URL carries a token: the logs name its origin only.
    expect(stack.backfiller.logTail(400)).not.toContain('handler-secret');
  });
});
