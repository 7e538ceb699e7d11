import { randomBytes } from 'node:crypto';
import { buildIncreaseAccount, FakeIncrease, runWhdb, startWhdbOnPty, WhdbStack } from '@whdb/testing';
import { CliUser, increaseIntegrationOf, loggedInUser } from './cli-fixture';

interface Job {
  id: string;
  status: string;
  incremental: boolean;
  pages: number;
  rows: number;
  service_integration: { opaque_id: string };
}

/**
 * `whdb backfill <sint>` without `--wait` (docs/cli.md#backfill), the real binary against the
 * running stack and a fake Increase: an integration without backfill credentials gets the backfill
 * setup questions (the key hidden, a refused key asked again), whose completion names the job it
 * started; once set up, each call starts a job (full, or `--incremental`). No backfiller runs in
 * this stack, so the jobs stay pending: following them is cli-backfill-progress.int-spec.ts.
 */
describe('whdb backfill: setup and starting jobs', () => {
  const apiKey = `key_${randomBytes(8).toString('hex')}`;
  const fake = new FakeIncrease({ apiKey });
  let stack: WhdbStack;
  let user: CliUser;
  let sint: string;

  const job = async (id: string): Promise<Job> => (await user.client.request<Job>('GET', `/v1/organizations/${user.orgKey}/service_integrations/${sint}/backfill/job/${id}`)).body;

  beforeAll(async () => {
    await fake.start();
    fake.addAccounts(buildIncreaseAccount(), buildIncreaseAccount());
    stack = await new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! }).start();
    user = await loggedInUser(stack, 'cli_bfs');
    sint = (await increaseIntegrationOf(user)).opaqueId;
  });

  afterAll(async () => {
    await user?.cleanUp();
    await stack?.stop();
    await fake.stop();
  });

  it('asks the backfill setup on a terminal, the key hidden and asked again when the provider refuses it, then names the job', async () => {
    const session = await startWhdbOnPty(['backfill', sint], user.env);
    await session.waitFor('we need an API key');
    await session.waitFor('(input is hidden)');
    session.typeLine('key_wrong');
    await session.waitFor('API url');
    session.typeLine(fake.url);
    await session.waitFor('It looks like that API Key is invalid: we got an HTTP 401 error');
    await session.waitFor('(input is hidden)', { times: 2 });
    session.typeLine(apiKey);
    await session.waitFor('API url', { times: 2 });
    session.typeLine(fake.url);
    expect(await session.exited).toBe(0);

    expect(session.raw).not.toContain(apiKey);
    expect(session.raw).not.toContain('key_wrong');
    expect(fake.server.requestsTo('/accounts').map((request) => request.headers['authorization'])).toEqual(['Bearer key_wrong', `Bearer ${apiKey}`]);
    const started = /Backfill job (bfj_\w+) is waiting for a backfiller\.\nFollow it: whdb backfill (\S+) --job (bfj_\w+)/.exec(session.text);
    expect(started).not.toBeNull();
    expect([started![2], started![3]]).toEqual([sint, started![1]]);
    expect(await job(started![1]!)).toMatchObject({ status: 'pending', service_integration: { opaque_id: sint } });
  });

  it('starts a full or an incremental job once set up; --json prints the job', async () => {
    const full = await runWhdb(['backfill', sint, '--json'], user.env);
    expect(full).toMatchObject({ code: 0, stderr: '' });
    const fullJob = JSON.parse(full.stdout) as Job;
    expect(fullJob).toMatchObject({ id: expect.stringMatching(/^bfj_/), status: 'pending', incremental: false, pages: 0, rows: 0, service_integration: { opaque_id: sint } });
    const incremental = await runWhdb(['backfill', sint, '--incremental', '--json'], user.env);
    const incrementalJob = JSON.parse(incremental.stdout) as Job;
    expect(incrementalJob).toMatchObject({ status: 'pending', incremental: true });
    expect(incrementalJob.id).not.toBe(fullJob.id);
    expect(await job(incrementalJob.id)).toMatchObject({ id: incrementalJob.id, incremental: true });
  });

  it('fails in one line: an unknown integration, a job that is not there, --job with --incremental', async () => {
    expect(await runWhdb(['backfill', 'svi_doesnotexist'], user.env)).toMatchObject({ code: 1, stderr: 'whdb: There is no service integration with that identifier.\n' });
    const missing = await runWhdb(['backfill', sint, '--job', 'bfj_doesnotexist', '--json'], user.env);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error).toMatchObject({ status: 403 });
    expect(await runWhdb(['backfill', sint, '--job', 'bfj_x', '--incremental'], user.env)).toMatchObject({ code: 2, stderr: 'whdb: --job follows a job started earlier; --incremental only applies when starting one.\n' });
  });
});
