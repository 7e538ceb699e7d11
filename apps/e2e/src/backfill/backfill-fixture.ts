import { randomBytes } from 'node:crypto';
import { ControlPlaneClient, eventually, expectStatus, FakeHttpServer, FakeSignalwire, RecordedRequest, StepBody, TableProbe, WhdbStack } from '@whdb/testing';

/** The api's job status (CONTRACT `GET .../backfill/job/{id}`). */
export interface JobStatusBody {
  readonly id: string;
  readonly status: 'pending' | 'running' | 'finished' | 'failed';
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly pages: number;
  readonly rows: number;
  readonly cursor: string | null;
  readonly incremental: boolean;
  readonly message: string;
  readonly service_integration: { opaque_id: string; service_name: string; table_name: string };
  readonly children: readonly JobStatusBody[];
}

/** Services on a loaded machine (2 cores, many test runs) may take a while to become ready. */
export const START_TIMEOUT_MS = 120_000;

/** Backfiller settings that keep the e2e tests short: retries after 1 s, short provider timeouts, no poll. */
export const FAST_BACKFILLER_ENV: Readonly<Record<string, string>> = {
  WHDB_BACKFILL_RETRY_BASE_SECONDS: '1',
  WHDB_RETRY_BACKOFF_MAX_SECONDS: '2',
  WHDB_PROVIDER_HTTP_TIMEOUT_SECONDS: '1',
  WHDB_BACKFILL_SWEEP_INTERVAL_SECONDS: '1',
  SIGNALWIRE_POLL_INTERVAL_SECONDS: '0',
};

export interface Org {
  readonly orgKey: string;
  readonly client: ControlPlaneClient;
}

export async function createOrg(stack: WhdbStack, prefix: string): Promise<Org> {
  const orgKey = `${prefix}_${randomBytes(4).toString('hex')}`;
  const created = await stack.adminClient().createOrganization(`${prefix} org`, orgKey);
  return { orgKey, client: stack.adminClient().withToken(created.token) };
}

/** Sets a SignalWire integration up through the api; the completed setup starts a full backfill, whose job id is returned. */
export async function setUpSignalwire(org: Org, fake: FakeSignalwire): Promise<{ opaqueId: string; table: string; jobId: string }> {
  const created = await org.client.createIntegration(org.orgKey, 'signalwire_message_v1');
  const opaqueId = created.service_integration.opaque_id;
  await org.client.transition(org.orgKey, opaqueId, 'api_url', fake.space);
  await org.client.transition(org.orgKey, opaqueId, 'backfill_key', fake.projectId);
  const done = (await org.client.transition(org.orgKey, opaqueId, 'backfill_secret', fake.apiToken)) as StepBody & { backfill_job_id?: string };
  if (!done.complete || !done.backfill_job_id) throw new Error(`SignalWire setup did not start a backfill: ${JSON.stringify(done)}`);
  return { opaqueId, table: created.service_integration.table_name, jobId: done.backfill_job_id };
}

/** Registers an error handler (CONTRACT `POST .../error_handlers/create`). */
export async function addErrorHandler(org: Org, url: string): Promise<void> {
  expectStatus(await org.client.request('POST', `/v1/organizations/${org.orgKey}/error_handlers/create`, { url }), 200);
}

export async function jobStatus(org: Org, sint: string, jobId: string): Promise<JobStatusBody> {
  return expectStatus(await org.client.request<JobStatusBody>('GET', `/v1/organizations/${org.orgKey}/service_integrations/${sint}/backfill/job/${jobId}`), 200);
}

/** Waits until the api reports the job (tree) in `status`. */
export async function waitForJob(org: Org, sint: string, jobId: string, status: JobStatusBody['status'], timeoutMs = 60_000): Promise<JobStatusBody> {
  return eventually(
    async () => {
      const job = await jobStatus(org, sint, jobId);
      return job.status === status && job;
    },
    { timeoutMs, intervalMs: 200, description: `job ${jobId} ${status}` },
  );
}

/** Starts a job through the api (`POST .../backfill/job`). */
export async function startJob(org: Org, sint: string, incremental: boolean): Promise<JobStatusBody> {
  return expectStatus(await org.client.request<JobStatusBody>('POST', `/v1/organizations/${org.orgKey}/service_integrations/${sint}/backfill/job`, { incremental }), 200);
}

/** The job's row (attempts, error) as the backfiller stored it. */
export async function jobRow(probe: TableProbe, jobId: string): Promise<{ status: string; attempts: number; pages: number; rows: string; cursor: string | null; error: string | null }> {
  const [row] = await probe.query<{ status: string; attempts: number; pages: number; rows: string; cursor: string | null; error: string | null }>(
    'SELECT status, attempts, pages, rows::text AS rows, cursor, error FROM whdb.backfill_jobs WHERE opaque_id = $1',
    [jobId],
  );
  if (!row) throw new Error(`no job ${jobId}`);
  return row;
}

/** An organization's error handler: records every alert POSTed to it. */
export async function startAlertReceiver(): Promise<FakeHttpServer & { alerts: () => Record<string, unknown>[] }> {
  const server = await new FakeHttpServer(() => ({ status: 200, body: { ok: true } })).start();
  return Object.assign(server, { alerts: () => server.requests.filter((r: RecordedRequest) => r.method === 'POST').map((r: RecordedRequest) => JSON.parse(r.body) as Record<string, unknown>) });
}

/** Whether the backfiller made the request (not the api's credential check). */
export const byBackfiller = (request: RecordedRequest): boolean => request.headers['user-agent'] === 'whdb-backfiller';

/** The PageToken of a SignalWire list request, or null for a first page. */
export const pageTokenOf = (request: RecordedRequest): string | null => request.query.get('PageToken');

/** Waits until the rows of a table number `expected` (a finished job has published its pages; the projector writes them soon after). */
export async function waitForRowCount(probe: TableProbe, qualifiedTable: string, expected: number, timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => Number((await probe.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualifiedTable}`))[0]!.n) === expected,
    { timeoutMs, intervalMs: 200, description: `${expected} rows in ${qualifiedTable}` },
  );
}
