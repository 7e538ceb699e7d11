import { encryptionKeyringOf } from '@whdb/platform';
import { SecretBox } from '@whdb/core';
import { BackfillJobRepository, runQuery, TokenRepository } from '@whdb/persistence';
import { ControlPlaneClient, expectStatus } from '@whdb/testing';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';
import { BackfillTestOrg, StepWithJob } from '../testing/backfill-test-org';
import { TEST_REPLICATORS } from '../testing/test-replicators';
import { BackfillJobResponse } from './backfill-job-response';

/**
 * Backfill endpoints over HTTP and Postgres (docs/behaviour/integrations-api.md#backfill): the job
 * tree of a dependency chain, its status as a backfiller advances it (simulated here with
 * `BackfillJobRepository`, as the backfiller writes it), and every error.
 */
describe('api: backfill jobs', () => {
  let api: ApiTestApp;
  let chain: BackfillTestOrg;
  let jobs: BackfillJobRepository;

  const jobRow = async (opaqueId: string) => (await jobs.findByOpaqueId(opaqueId))!;
  const createJob = async (body: unknown) => expectStatus(await chain.post<BackfillJobResponse>(chain.parent, 'backfill/job', body), 200);

  beforeAll(async () => {
    api = await ApiTestApp.start({}, { replicators: TEST_REPLICATORS });
    jobs = new BackfillJobRepository(api.db);
    chain = await BackfillTestOrg.create(api, new ControlPlaneClient(api.url, api.adminToken), 'Backfill Jobs Org');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 409 backfill_not_set_up for a job while the backfill machine is incomplete', async () => {
    expectApiError(await chain.post(chain.parent, 'backfill/job'), 409, 'backfill_not_set_up', `Sorry, this integration is not set up to backfill. Run "whdb backfill ${chain.parent}" to finish setup.`);
  });

  it('shows the backfill machine on POST backfill, and starts nothing while it is incomplete', async () => {
    const step = expectStatus(await chain.post<StepWithJob>(chain.parent, 'backfill'), 200);
    expect(step).toMatchObject({ needs_input: true, complete: false, prompt_is_secret: true, post_to_url: expect.stringMatching(/\/transition\/backfill_key$/) });
    expect(step.backfill_job_id).toBeUndefined();
    expect(await runQuery(api.db, 'SELECT 1 FROM whdb.backfill_jobs j JOIN whdb.service_integrations s ON s.id = j.service_integration_id WHERE s.opaque_id = $1', [chain.parent])).toEqual([]);
  });

  describe('a job tree', () => {
    let job: BackfillJobResponse;

    beforeAll(async () => {
      const step = await chain.completeParentSetup();
      expect(step).toMatchObject({ complete: true, backfill_job_id: expect.stringMatching(/^bfj_[a-z0-9]+$/) });
      expect(step.output).toContain(`Backfill job ${step.backfill_job_id} has been enqueued`);
      job = await chain.job(chain.parent, step.backfill_job_id!);
    });

    it('has one job per integration of the chain, children under their parent, each pending and incremental', async () => {
      const integration = (opaqueId: string, service: string) => ({ opaque_id: opaqueId, service_name: service, table_name: expect.stringMatching(new RegExp(`^${service}_[0-9a-f]{4}$`)) });
      const pending = { status: 'pending', started_at: null, finished_at: null, pages: 0, rows: 0, cursor: null, incremental: true, criteria: {} };
      expect(job).toEqual({
        ...pending,
        id: expect.stringMatching(/^bfj_/),
        service_integration: integration(chain.parent, 'fake_parent_v1'),
        message: `Backfill job ${job.id} is waiting for a backfiller.`,
        children: [
          {
            ...pending,
            id: expect.stringMatching(/^bfj_/),
            service_integration: integration(chain.child, 'fake_child_v1'),
            message: expect.any(String),
            children: [{ ...pending, id: expect.stringMatching(/^bfj_/), service_integration: integration(chain.grandchild, 'fake_grandchild_v1'), message: expect.any(String), children: [] }],
          },
        ],
      });
      const child = await jobRow(job.children[0]!.id);
      expect(child.parentJobId).toBe((await jobRow(job.id)).id);
      expect((await jobRow(job.children[0]!.children[0]!.id)).parentJobId).toBe(child.id);
    });

    it('reports progress as the backfiller advances the parent: running, pages, rows, cursor', async () => {
      const root = await jobRow(job.id);
      await jobs.markRunning(root.id);
      await jobs.recordPage(root.id, 100, 'cursor-page-2');
      await jobs.recordPage(root.id, 50, 'cursor-page-3');
      const running = await chain.job(chain.parent, job.id);
      expect(running).toMatchObject({ status: 'running', started_at: expect.any(String), finished_at: null, pages: 2, rows: 150, cursor: 'cursor-page-3' });
      expect(running.message).toBe(`Backfill job ${job.id} is running: 2 pages, 150 rows so far.`);
    });

    it('stays running while the children of a finished parent are pending or running', async () => {
      await jobs.markFinished((await jobRow(job.id)).id);
      const afterParent = await chain.job(chain.parent, job.id);
      expect(afterParent).toMatchObject({ status: 'running', finished_at: null, cursor: null, children: [{ status: 'pending' }] });
      await jobs.markRunning((await jobRow(job.children[0]!.id)).id);
      expect(await chain.job(chain.parent, job.id)).toMatchObject({ status: 'running', finished_at: null, children: [{ status: 'running' }] });
    });

    it('is finished once every descendant is, at the latest finish time of the tree', async () => {
      const child = await jobs.markFinished((await jobRow(job.children[0]!.id)).id);
      expect(await chain.job(chain.parent, job.id)).toMatchObject({ status: 'running', children: [{ status: 'running', children: [{ status: 'pending' }] }] });
      const grandchild = await jobs.markFinished((await jobRow(job.children[0]!.children[0]!.id)).id);
      const done = await chain.job(chain.parent, job.id);
      expect(done).toMatchObject({ status: 'finished', finished_at: grandchild.finishedAt!.toISOString(), children: [{ status: 'finished', children: [{ status: 'finished' }] }] });
      expect(grandchild.finishedAt!.getTime()).toBeGreaterThanOrEqual(child.finishedAt!.getTime());
      expect(done.message).toBe(`Backfill job ${job.id} finished: 2 pages, 150 rows.`);
    });

    it('can be read through any integration of the organization and by a member token', async () => {
      const member = new ControlPlaneClient(api.url, await new TokenRepository(api.db).issue(chain.org.organization.id, 'member'));
      const response = await member.request<BackfillJobResponse>('GET', chain.path(chain.child, `backfill/job/${job.id}`));
      expect(expectStatus(response, 200).id).toBe(job.id);
    });
  });

  it('reports a tree failed once a child failed and the rest ended, with the reason', async () => {
    const job = await createJob({});
    const root = await jobRow(job.id);
    await jobs.markRunning(root.id);
    await jobs.markFinished(root.id);
    const child = await jobRow(job.children[0]!.id);
    await jobs.markRunning(child.id);
    const failed = await jobs.markFailed(child.id, 'HTTP 401 from the provider: the API key was refused');
    const view = await chain.job(chain.parent, job.id);
    expect(view).toMatchObject({ status: 'failed', finished_at: failed.finishedAt!.toISOString(), children: [{ status: 'failed', message: `Backfill job ${child.opaqueId} failed: HTTP 401 from the provider: the API key was refused` }] });
    expect(view.message).toBe(`Backfill job ${job.id} finished (0 pages, 0 rows), but a job of its dependents failed.`);
  });

  it('creates jobs with the options asked: full, with criteria (copied to children), or without children', async () => {
    const full = await createJob({ incremental: false, criteria: { since: '2024-01-01' }, recursive: true });
    expect(full).toMatchObject({ status: 'pending', incremental: false, criteria: { since: '2024-01-01' }, children: [{ incremental: false, criteria: { since: '2024-01-01' }, children: [{ incremental: false }] }] });
    const shallow = await createJob({ recursive: 'false', incremental: 'true' });
    expect(shallow).toMatchObject({ incremental: true, children: [] });
    const step = expectStatus(await chain.post<StepWithJob>(chain.parent, 'backfill', { incremental: false }), 200);
    expect(step).toMatchObject({ complete: true, backfill_job_id: expect.stringMatching(/^bfj_/) });
    expect(await jobRow(step.backfill_job_id!)).toMatchObject({ incremental: false, status: 'pending' });
  });

  it.each([
    ['synchronous', { synchronous: true }, /Synchronous backfills are not supported/],
    ['a non-boolean incremental', { incremental: 'yes' }, 'incremental must be true or false.'],
    ['a non-boolean recursive', { recursive: 1 }, 'recursive must be true or false.'],
    ['criteria that are not an object', { criteria: [1, 2] }, 'criteria must be a JSON object.'],
  ])('refuses a job with %s (400)', async (_label, body, message) => {
    expectApiError(await chain.post(chain.parent, 'backfill/job', body), 400, 'invalid_input', message);
  });

  it.each([['backfill'], ['backfill/reset'], ['backfill/job']])('answers 409 backfill_not_supported on %s for a replicator without backfill', async (action) => {
    const sint = expectStatus(await chain.client.request<{ service_integration: { opaque_id: string } }>('POST', `/v1/organizations/${chain.org.organization.key}/service_integrations/create`, { service_name: 'fake_webhook_only_v1', guard_confirm: true }), 200).service_integration.opaque_id;
    const error = expectApiError(await chain.post(sint, action), 409, 'backfill_not_supported');
    expect(error['message']).toBe('Sorry, you cannot manually backfill this integration.\nPlease refer to the documentation at https://docs.example.test/fake-events\nfor information on how to refresh data.');
  });

  it('backfill/reset clears the backfill settings and asks for them again, starting nothing', async () => {
    const before = await runQuery<{ n: string }[]>(api.db, 'SELECT count(*) AS n FROM whdb.backfill_jobs j JOIN whdb.service_integrations s ON s.id = j.service_integration_id WHERE s.opaque_id = $1', [chain.parent]);
    const step = expectStatus(await chain.post<StepWithJob>(chain.parent, 'backfill/reset'), 200);
    expect(step).toMatchObject({ needs_input: true, complete: false, post_to_url: expect.stringMatching(/\/transition\/backfill_key$/) });
    expect(step.backfill_job_id).toBeUndefined();
    const [stored] = await runQuery<{ backfill_key: string }[]>(api.db, 'SELECT backfill_key FROM whdb.service_integrations WHERE opaque_id = $1', [chain.parent]);
    expect(new SecretBox(encryptionKeyringOf(api.config)).decrypt(stored!.backfill_key)).toBe('');
    expect(await runQuery(api.db, 'SELECT count(*) AS n FROM whdb.backfill_jobs j JOIN whdb.service_integrations s ON s.id = j.service_integration_id WHERE s.opaque_id = $1', [chain.parent])).toEqual(before);
    expectApiError(await chain.post(chain.parent, 'backfill/job'), 409, 'backfill_not_set_up');
    await chain.completeParentSetup();
  });

  describe('reading a job', () => {
    let other: BackfillTestOrg;
    let othersJob: string;

    beforeAll(async () => {
      other = await BackfillTestOrg.create(api, new ControlPlaneClient(api.url, api.adminToken), 'Other Backfill Org');
      othersJob = (await other.completeParentSetup()).backfill_job_id!;
    });

    it.each([
      ['another organization', () => othersJob],
      ['an unknown job', () => 'bfj_doesnotexist'],
      ['a malformed id', () => 'not-a-job'],
    ])('answers 403 for %s', async (_label, id) => {
      expectApiError(await chain.client.request('GET', chain.path(chain.parent, `backfill/job/${id()}`)), 403, 'forbidden', 'There is no backfill job with that id.');
    });

    it('answers 403 for a job path of an integration of another organization', async () => {
      expectApiError(await chain.client.request('GET', chain.path(other.parent, `backfill/job/${othersJob}`)), 403, 'forbidden', 'There is no service integration with that identifier.');
    });
  });
});
