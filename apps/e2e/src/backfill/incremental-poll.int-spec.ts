import { eventually, FakeSignalwire, generatedSignalwireHistory, TableProbe, WhdbStack } from '@whdb/testing';
import { byBackfiller, createOrg, FAST_BACKFILLER_ENV, pageTokenOf, setUpSignalwire, START_TIMEOUT_MS, waitForJob } from './backfill-fixture';

const INTERVAL_SECONDS = 2;

/**
 * The incremental SignalWire poll with two backfillers (docs/behaviour/backfill.md#scheduler): each
 * interval slot gets exactly one scheduled job per integration, and each job polls SignalWire once.
 */
describe('incremental poll with two backfillers', () => {
  let fake: FakeSignalwire;
  let stack: WhdbStack;
  let probe: TableProbe;
  let orgKey: string | undefined;

  beforeAll(async () => {
    fake = await new FakeSignalwire({ space: 'acme' }).generate(generatedSignalwireHistory({ count: 5, label: 'poll' })).start();
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1'],
      env: { SIGNALWIRE_URL_TEMPLATE: fake.urlTemplate },
      backfiller: { ...FAST_BACKFILLER_ENV, SIGNALWIRE_POLL_INTERVAL_SECONDS: String(INTERVAL_SECONDS) },
      backfillerReplicas: 2,
      startTimeoutMs: START_TIMEOUT_MS,
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    if (orgKey) await probe?.dropOrganizationSchema(orgKey).catch(() => undefined);
    await probe?.close();
    await fake?.stop();
  });

  it('creates one job per interval slot and polls SignalWire once per job', async () => {
    const org = await createOrg(stack, 'e2e_bfpoll');
    orgKey = org.orgKey;
    const before = fake.listRequests().length;
    const sint = await setUpSignalwire(org, fake);
    await waitForJob(org, sint.opaqueId, sint.jobId, 'finished');
    type Scheduled = { slot: string; status: string; pages: number };
    const scheduled = () =>
      probe.query<Scheduled>(
        `SELECT j.criteria ->> 'scheduled_slot' AS slot, j.status, j.pages FROM whdb.backfill_jobs j JOIN whdb.service_integrations si ON si.id = j.service_integration_id
          WHERE si.opaque_id = $1 AND j.criteria ? 'scheduled_slot' ORDER BY j.id`,
        [sint.opaqueId],
      );
    await eventually(async () => (await scheduled()).filter((job) => job.status === 'finished').length >= 3, { timeoutMs: 90_000, description: 'three scheduled polls finished' });
    // Both replicas were running the whole time.
    expect(stack.backfillers.map((b) => b.running)).toEqual([true, true]);
    await Promise.all(stack.backfillers.map((b) => b.stop()));

    const jobs = await scheduled();
    const slots = jobs.map((job) => job.slot);
    expect(new Set(slots).size).toBe(slots.length);
    const ran = jobs.filter((job) => job.pages > 0);
    expect(ran.length).toBeGreaterThanOrEqual(3);
    // The setup's full backfill and each scheduled job made at most one first-page request (a job
    // stopped between its fetch and recording the page made one without counting it): never two
    // polls for one slot.
    const firstPages = fake.listRequests().slice(before).filter(byBackfiller).filter((r) => pageTokenOf(r) === null);
    expect(firstPages.length).toBeGreaterThanOrEqual(1 + ran.length);
    expect(firstPages.length).toBeLessThanOrEqual(1 + jobs.length);
  });
});
