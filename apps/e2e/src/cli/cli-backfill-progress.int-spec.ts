import { randomBytes } from 'node:crypto';
import { buildIncreaseAccount, eventually, FakeIncrease, runWhdb, startWhdbOnPty, TableProbe, WhdbStack } from '@whdb/testing';
import { byBackfiller, FAST_BACKFILLER_ENV, START_TIMEOUT_MS } from '../backfill/backfill-fixture';
import { CliUser, increaseIntegrationOf, loggedInUser } from './cli-fixture';

const ACCOUNTS = 450; // 5 pages of Increase's 100
const PAGE_LATENCY_MS = 600; // a slow provider, so the bar is seen while the job runs

/**
 * `whdb backfill <sint> --wait` (docs/cli.md#backfill): the real binary on a pseudo-terminal
 * follows a real backfill (a backfiller paging through a slow fake Increase) with a live progress
 * bar, then prints a summary; a refused key ends in a one-line reason and a non-zero exit.
 */
describe('whdb backfill --wait: the live progress bar and the summary', () => {
  const apiKey = `key_${randomBytes(8).toString('hex')}`;
  const fake = new FakeIncrease({ apiKey });
  let stack: WhdbStack;
  let probe: TableProbe;
  let user: CliUser;
  let integration: Awaited<ReturnType<typeof increaseIntegrationOf>>;

  beforeAll(async () => {
    await fake.start();
    fake.addAccounts(...Array.from({ length: ACCOUNTS }, () => buildIncreaseAccount()));
    [stack, probe] = await Promise.all([
      new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL!, backfiller: FAST_BACKFILLER_ENV, startTimeoutMs: START_TIMEOUT_MS }).start(),
      TableProbe.connect(process.env.DATABASE_URL!),
    ]);
    user = await loggedInUser(stack, 'cli_bfp');
    integration = await increaseIntegrationOf(user);
  });

  afterAll(async () => {
    await user?.cleanUp();
    await probe?.close();
    await stack?.stop();
    await fake.stop();
  });

  it('draws pages, rows, rows/s and the ETA while the job runs, then sums it up; every account is stored', async () => {
    fake.slowDown(PAGE_LATENCY_MS);
    const session = await startWhdbOnPty(
      ['backfill', integration.opaqueId, '--value-env', 'backfill_key=INCREASE_KEY', '--value', `api_url=${fake.url}`, '--wait'],
      { ...user.env, INCREASE_KEY: apiKey },
    );
    await session.waitFor(/running\s+\[[█░]+\] \d+ pages\s+[\d,]+ rows\s+(--|[\d,]+) rows\/s\s+ETA/, { timeoutMs: 60_000 });
    expect(await session.exited).toBe(0);

    const summary = /Backfill (bfj_\w+) finished in \d+(m \d+)?s: ([\d,]+) rows in (\d+) pages \(([\d,]+) rows\/s\)\./.exec(session.text);
    expect(summary).not.toBeNull();
    expect(Number(summary![3]!.replace(/,/g, ''))).toBe(ACCOUNTS);
    expect(Number(summary![4])).toBe(Math.ceil(ACCOUNTS / 100));
    // A bar that moved: a running line with rows already counted was drawn before the summary.
    expect(session.text).toMatch(/running\s+\[[█░]+\] [1-9]\d* pages\s+[1-9][\d,]* rows/);
    expect(session.raw).not.toContain(apiKey);
    await eventually(async () => (await probe.rows(integration.orgKey, integration.table)).length === ACCOUNTS || false, {
      timeoutMs: 60_000,
      description: 'every account in the table',
    });
  });

  it('ends a backfill the provider refuses with a one-line reason and exit 1', async () => {
    fake.slowDown(0);
    // Only the backfiller's requests: the api's own credential check before starting the job passes.
    fake.server.inject({ reply: { status: 401, body: { status: 401, type: 'invalid_api_key_error', title: 'The API key is invalid.', detail: null } }, match: byBackfiller }, 1);
    const run = await runWhdb(['backfill', integration.opaqueId, '--wait'], user.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^whdb: [^\n]*(401|refused|invalid|failed)[^\n]*\(after \d+s; [\d,]+ rows in \d+ pages stored\)\.\n$/i);
  });
});
