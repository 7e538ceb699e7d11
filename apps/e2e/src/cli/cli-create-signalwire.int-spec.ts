import { eventually, FakeSignalwire, generatedSignalwireHistory, startWhdbOnPty, TableProbe, WhdbStack } from '@whdb/testing';
import { FAST_BACKFILLER_ENV, START_TIMEOUT_MS } from '../backfill/backfill-fixture';
import { CliUser, loggedInUser } from './cli-fixture';

const MESSAGES = 450; // 5 pages of SignalWire's 100
const PAGE_LATENCY_MS = 400; // a slow provider, so the bar is seen while the job runs

/**
 * The headline flow (docs/cli.md#integrations-create): `whdb integrations create
 * signalwire_message_v1` on a pseudo-terminal asks the setup questions (the API token hidden, a
 * refused token asked again from the start), then follows the first backfill the completed setup
 * started, a real backfiller paging through a slow fake SignalWire, as a live progress bar until
 * it is done, and sums it up.
 */
describe('whdb integrations create signalwire_message_v1: the setup, then the first backfill as a progress bar', () => {
  const fake = new FakeSignalwire({ space: 'clisw' });
  let stack: WhdbStack;
  let probe: TableProbe;
  let user: CliUser;

  beforeAll(async () => {
    await fake.generate(generatedSignalwireHistory({ count: MESSAGES, label: 'cli' })).start();
    [stack, probe] = await Promise.all([
      new WhdbStack({
        kafkaBrokers: process.env.KAFKA_BROKERS!,
        databaseUrl: process.env.DATABASE_URL!,
        replicators: ['signalwire_message_v1'],
        env: { SIGNALWIRE_URL_TEMPLATE: fake.urlTemplate },
        backfiller: { ...FAST_BACKFILLER_ENV, WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: '10' },
        startTimeoutMs: START_TIMEOUT_MS,
      }).start(),
      TableProbe.connect(process.env.DATABASE_URL!),
    ]);
    user = await loggedInUser(stack, 'cli_sw');
  }, 300_000);

  afterAll(async () => {
    await probe?.dropOrganizationSchema(user.orgKey).catch(() => undefined);
    await user?.cleanUp();
    await probe?.close();
    await stack?.stop();
    await fake.stop();
  });

  it('asks each question, hides the token, asks again after a refused one, then draws the backfill until done', async () => {
    fake.server.latencyMs = PAGE_LATENCY_MS;
    const session = await startWhdbOnPty(['integrations', 'create', 'signalwire_message_v1'], user.env);
    const space = `https://${fake.space}.signalwire.com`;
    const answerCredentials = async (times: number, token: string) => {
      await session.waitFor('Space URL', { times });
      session.typeLine(space);
      await session.waitFor('Project ID', { times });
      session.typeLine(fake.projectId);
      await session.waitFor('API Token', { times });
      await session.waitFor('(input is hidden)', { times });
      session.typeLine(token);
    };
    await answerCredentials(1, 'PTwrong-token');
    await session.waitFor('Something is wrong with your configuration');
    await answerCredentials(2, fake.apiToken);
    await session.waitFor('We are going to start replicating your SignalWire Messages');

    // The first backfill, followed live: a bar with pages, rows, rows/s and the ETA, then the summary.
    await session.waitFor(/running\s+\[[█░]+\] \d+ pages\s+[\d,]+ rows\s+(--|[\d,]+) rows\/s\s+ETA/, { timeoutMs: 120_000 });
    expect(await session.exited).toBe(0);
    const summary = /Backfill (bfj_\w+) finished in \d+(m \d+)?s: ([\d,]+) rows in (\d+) pages \(([\d,]+) rows\/s\)\./.exec(session.text);
    expect(summary).not.toBeNull();
    expect(Number(summary![3]!.replace(/,/g, ''))).toBe(MESSAGES);
    expect(Number(summary![4])).toBe(Math.ceil(MESSAGES / 100));
    expect(session.text).toMatch(/running\s+\[[█░]+\] [1-9]\d* pages\s+[1-9][\d,]* rows/);
    const done = /Integration (svi_\w+) is set up; its table is (\w+)\./.exec(session.text);
    expect(done).not.toBeNull();
    expect(session.text.indexOf(summary![0])).toBeLessThan(session.text.indexOf(done![0]));
    expect(session.raw).not.toContain(fake.apiToken);
    expect(session.raw).not.toContain('PTwrong-token');

    // What the CLI reported is what the api and the table hold.
    const job = await user.client.request<{ status: string; rows: number; pages: number }>(
      'GET',
      `/v1/organizations/${user.orgKey}/service_integrations/${done![1]}/backfill/job/${summary![1]}`,
    );
    expect(job.body).toMatchObject({ status: 'finished', rows: MESSAGES, pages: Math.ceil(MESSAGES / 100) });
    await eventually(async () => (await probe.rows(user.orgKey, done![2]!)).length === MESSAGES || false, { timeoutMs: 120_000, description: 'every message in the table' });
  });
});
