import { eventually, FakeSignalwire, generatedSignalwireHistory, TableProbe, WhdbStack } from '@whdb/testing';
import { CHANNEL_SERVICE, channelStackEnv, setUpChannel } from '../channel/channel-fixture';
import { byBackfiller, createOrg, FAST_BACKFILLER_ENV, START_TIMEOUT_MS, jobRow, pageTokenOf, setUpSignalwire, startJob, waitForJob, waitForRowCount } from './backfill-fixture';

const HISTORY = 3000;
const PAGES = HISTORY / 100;

/**
 * A backfill survives `kill -9` of its backfiller (docs/behaviour/backfill.md#resume): the next
 * backfiller resumes from the stored cursor, no page recorded before the crash is fetched again,
 * and every message lands exactly once. And the cascade (docs/behaviour/backfill.md#cascade): the
 * job of a dependent runs after its parent; the webhook-only channel is skipped as finished.
 */
describe('backfill resume after kill -9, and the dependency cascade', () => {
  let fake: FakeSignalwire;
  let stack: WhdbStack;
  let probe: TableProbe;
  const orgs: string[] = [];

  beforeAll(async () => {
    fake = await new FakeSignalwire({ space: 'acme' }).generate(generatedSignalwireHistory({ count: HISTORY, label: 'resume' })).start();
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1', CHANNEL_SERVICE],
      env: channelStackEnv(fake),
      backfiller: FAST_BACKFILLER_ENV,
      startTimeoutMs: START_TIMEOUT_MS,
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    for (const org of orgs) await probe?.dropOrganizationSchema(org).catch(() => undefined);
    await probe?.close();
    await fake?.stop();
  });

  it('resumes from the stored cursor after kill -9: no recorded page fetched again, every message once', async () => {
    // Slow pages leave time to kill the backfiller mid-way.
    fake.server.latencyMs = 150;
    const org = await createOrg(stack, 'e2e_bfkill');
    orgs.push(org.orgKey);
    const before = fake.listRequests().length;
    const sint = await setUpSignalwire(org, fake);
    await eventually(async () => (await jobRow(probe, sint.jobId)).pages >= 3, { description: 'three pages recorded', timeoutMs: 60_000 });
    await stack.backfiller.crash();
    const atCrash = await jobRow(probe, sint.jobId);
    expect(atCrash.status).toBe('running');
    expect(atCrash.cursor).not.toBeNull();
    // The stored cursor is SignalWire's next_page_uri; the fake's log names pages by their PageToken.
    const cursorToken = new URLSearchParams(atCrash.cursor!.split('?')[1]).get('PageToken');
    const fetchedBeforeCrash = fake.listRequests().slice(before).filter(byBackfiller).map(pageTokenOf);

    fake.server.latencyMs = 0;
    await stack.backfiller.start(START_TIMEOUT_MS);
    const job = await waitForJob(org, sint.opaqueId, sint.jobId, 'finished', 120_000);
    expect(job).toMatchObject({ pages: PAGES, rows: HISTORY });

    const tokens = fake.listRequests().slice(before).filter(byBackfiller).map(pageTokenOf);
    const fetchedAfterCrash = tokens.slice(fetchedBeforeCrash.length);
    // The first request after the restart is the stored cursor: the page in flight at the crash, never an earlier one.
    expect(fetchedAfterCrash[0]).toBe(cursorToken);
    const counts = new Map<string | null, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    expect(counts.size).toBe(PAGES);
    for (const [token, count] of counts) expect([token, count]).toEqual([token, token === cursorToken ? expect.any(Number) : 1]);
    const recordedBeforeCrash = new Set(fetchedBeforeCrash.slice(0, atCrash.pages));
    for (const token of fetchedAfterCrash) expect(recordedBeforeCrash.has(token)).toBe(false);

    await waitForRowCount(probe, `whdb_org_${org.orgKey}.${sint.table}`, HISTORY, 120_000);
    const [rows] = await probe.query<{ n: string; distinct: string }>(
      `SELECT count(*)::text AS n, count(DISTINCT signalwire_id)::text AS distinct FROM whdb_org_${org.orgKey}.${sint.table}`,
    );
    expect(rows).toEqual({ n: String(HISTORY), distinct: String(HISTORY) });
  });

  it('runs the job of a dependent after its parent; the webhook-only channel is skipped and the tree finishes', async () => {
    const setup = await setUpChannel(stack, fake, 'e2e_bfcasc');
    orgs.push(setup.orgKey);
    const org = { orgKey: setup.orgKey, client: setup.org };
    const started = await startJob(org, setup.signalwire.opaqueId, true);
    expect(started.children).toHaveLength(1);
    expect(started.children[0]).toMatchObject({ status: 'pending', service_integration: { opaque_id: setup.channel.opaqueId, service_name: CHANNEL_SERVICE } });
    const job = await waitForJob(org, setup.signalwire.opaqueId, started.id, 'finished', 120_000);
    const [child] = job.children;
    expect(child).toMatchObject({ status: 'finished', pages: 0, rows: 0 });
    const parentRow = await probe.query<{ finished_at: Date }>('SELECT finished_at FROM whdb.backfill_jobs WHERE opaque_id = $1', [started.id]);
    const childRow = await probe.query<{ finished_at: Date; error: string }>('SELECT finished_at, error FROM whdb.backfill_jobs WHERE opaque_id = $1', [child!.id]);
    expect(childRow[0]!.finished_at.getTime()).toBeGreaterThanOrEqual(parentRow[0]!.finished_at.getTime());
    expect(childRow[0]!.error).toContain('does not support backfill');
  });
});
