import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';
import { buildIncreaseAccount, buildIncreaseAccountEvent, eventually, expectStatus, FakeIncrease, increaseSignatureHeader, runWhdb, StepBody, TableProbe, WhdbStack } from '@whdb/testing';
import { newConfigHome } from '../cli/cli-fixture';
import { FAST_BACKFILLER_ENV, START_TIMEOUT_MS, waitForJob } from '../backfill/backfill-fixture';
import { IncreaseIntegration, setUpIncreaseIntegration } from '../stack-fixture';
import { getRebuild, RebuildBody, rebuildRequest, rowsOf, tableExists, waitForRebuild } from './rebuild-fixture';

type Account = JsonObject;

/**
 * Rebuilding a table from the log (docs/behaviour/rebuild.md), end to end: accounts arrive by
 * backfill and by webhooks, the table is damaged by hand, then rebuilt from Kafka while webhooks
 * keep arriving. The rebuilt table holds the newest version of every account (the damage is gone,
 * the webhooks of the rebuild are in), equals the old version row for row wherever nothing
 * happened since, and the provider's fake was not called.
 */
describe('Rebuild a table from the log, end to end', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let fake: FakeIncrease;
  let integration: IncreaseIntegration;
  let schema: string;
  /** The newest version the test sent of every account, by id: what the table must hold. */
  const newest = new Map<string, { account: Account; at: string }>();
  let clock = Date.parse('2024-01-01T00:00:00Z');

  const nextTime = () => new Date((clock += 1000)).toISOString();
  const sendVersion = async (account: Account) => {
    const at = nextTime();
    const body = JSON.stringify(buildIncreaseAccountEvent(account, at));
    const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${integration.opaqueId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(body, integration.secret) },
      body,
    });
    expect(response.status).toBe(202);
    newest.set(String(account['id']), { account, at });
  };
  const liveTable = () => integration.table;
  const liveRows = () => rowsOf(probe, schema, liveTable());
  /** The table holds exactly the newest version of every account the test sent. */
  const holdsNewestVersions = async () => {
    const rows = await liveRows();
    if (rows.length !== newest.size) return false;
    return rows.every((row) => {
      const expected = newest.get(String(row['increase_id']));
      return expected !== undefined && row['name'] === expected.account['name'] && (row['updated_at'] as Date).toISOString() === new Date(expected.at).toISOString();
    });
  };

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, backfiller: FAST_BACKFILLER_ENV, startTimeoutMs: START_TIMEOUT_MS }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    const apiKey = `key_${randomBytes(8).toString('hex')}`;
    fake = await new FakeIncrease({ apiKey, cursorStyle: 'both' }).start();
    integration = await setUpIncreaseIntegration(stack, 'e2e_rebuild');
    schema = `whdb_org_${integration.orgKey}`;
    // 120 accounts by backfill (their versions date from the accounts' created_at, 2020)...
    const backfilled = Array.from({ length: 120 }, (_, n) => buildIncreaseAccount({ name: `Listed ${n}`, created_at: '2020-01-31T23:59:59Z' }));
    fake.addAccounts(...backfilled);
    for (const account of backfilled) newest.set(String(account['id']), { account, at: '2020-01-31T23:59:59Z' });
    const path = `/v1/organizations/${integration.orgKey}/service_integrations/${integration.opaqueId}/transition`;
    expectStatus(await integration.client.request<StepBody>('POST', `${path}/backfill_key`, { value: apiKey }), 200);
    const done = expectStatus(await integration.client.request<StepBody & { backfill_job_id?: string }>('POST', `${path}/api_url`, { value: fake.url }), 200);
    await waitForJob({ orgKey: integration.orgKey, client: integration.client }, integration.opaqueId, done.backfill_job_id!, 'finished');
    // ...then webhooks: new versions of 40 of them, and 60 accounts only webhooks ever told us about.
    for (const account of backfilled.slice(0, 40)) await sendVersion({ ...account, name: `${account['name']} (renamed)` });
    for (let n = 0; n < 60; n += 1) await sendVersion(buildIncreaseAccount({ name: `Webhook ${n}` }));
    await eventually(holdsNewestVersions, { timeoutMs: 60_000, description: 'the live table holds every account' });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    if (integration) await probe?.dropOrganizationSchema(integration.orgKey).catch(() => undefined);
    await probe?.close();
    await fake?.stop();
  });

  it('rebuilds the damaged table from Kafka under live traffic, swaps it in, keeps the old version, and never calls the provider', async () => {
    const providerCalls = fake.server.requests.length;
    const before = await liveRows();
    // Damage by hand: a wrong value, a deleted row.
    const [damaged, deleted] = before.slice(0, 2).map((row) => String(row['increase_id']));
    await probe.query(`UPDATE "${schema}"."${liveTable()}" SET name = 'damaged by hand' WHERE increase_id = $1`, [damaged]);
    await probe.query(`DELETE FROM "${schema}"."${liveTable()}" WHERE increase_id = $1`, [deleted]);

    const started = expectStatus(await rebuildRequest(integration, 'POST'), 202);
    expect(started).toMatchObject({ state: 'pending', service_integration: { opaque_id: integration.opaqueId, table_name: liveTable() } });

    // Webhooks keep arriving while it runs: new versions of accounts and new accounts.
    const statesSeen = new Set<string>();
    const touched = new Set<string>();
    let rebuild: RebuildBody = started;
    const existing = [...newest.values()].map((entry) => entry.account);
    for (let n = 0; rebuild.state !== 'finished' || n < 5; n += 1) {
      // New versions of 20 accounts only, so most rows stay as they were for the row-for-row comparison.
      const account = n % 2 === 0 ? { ...existing[(n / 2) % 20]!, name: `During rebuild ${n}` } : buildIncreaseAccount({ name: `New during rebuild ${n}` });
      await sendVersion(account);
      touched.add(String(account['id']));
      rebuild = await getRebuild(integration, started.id);
      if (rebuild.state === 'failed') throw new Error(`rebuild failed: ${rebuild.error}`);
      statesSeen.add(rebuild.state);
      if (n > 2000) throw new Error('the rebuild did not finish');
    }
    expect(statesSeen.has('running')).toBe(true);

    const finished = await waitForRebuild(integration, started.id, 'finished');
    expect(finished).toMatchObject({ events_skipped: 0, old_table_dropped: false, error: null });
    expect(finished.events_read).toBeGreaterThanOrEqual(220);
    expect(finished.rows_written).toBeGreaterThanOrEqual(220);
    expect(finished.old_table).toMatch(new RegExp(`^${liveTable()}_old_[a-z0-9]{8}$`));

    // The analysts' table name is unchanged and now holds the newest version of every account:
    // the damage is repaired, and every webhook sent before, during and after the swap is in.
    await eventually(holdsNewestVersions, { timeoutMs: 60_000, description: 'the rebuilt table holds every account' });
    const after = await liveRows();
    expect(after.find((row) => row['increase_id'] === damaged)?.['name']).not.toBe('damaged by hand');
    expect(after.some((row) => row['increase_id'] === deleted)).toBe(true);

    // Row for row, every column: equal to the old version wherever the rebuild's traffic and the damage did not touch.
    const old = await rowsOf(probe, schema, finished.old_table!);
    const untouched = (row: Record<string, unknown>) => !touched.has(String(row['increase_id'])) && row['increase_id'] !== damaged && row['increase_id'] !== deleted;
    expect(after.filter(untouched)).toEqual(old.filter(untouched));
    expect(after.filter(untouched).length).toBeGreaterThan(150);
    // Its indexes carry the live names again (docs/behaviour/replicator-framework.md#table-shape).
    const indexes = await probe.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', [schema, liveTable()]);
    expect(indexes.map((index) => index.indexname)).toEqual(expect.arrayContaining([`${integration.opaqueId}_balance_idx`, `${integration.opaqueId}_updated_at_idx`]));
    // It was filled UNLOGGED, and is a logged (crash-safe) table once swapped in (docs/behaviour/rebuild.md#what-is-written).
    const persistence = await probe.query<{ relpersistence: string }>('SELECT c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2', [schema, liveTable()]);
    expect(persistence).toEqual([{ relpersistence: 'p' }]);

    // The provider was never asked for anything.
    expect(fake.server.requests.length).toBe(providerCalls);

    // The old version stays until it is dropped; then it is gone, and dropping it again is a conflict.
    const dropped = expectStatus(await rebuildRequest(integration, 'POST', `/${started.id}/drop_old`), 200);
    expect(dropped).toMatchObject({ id: started.id, old_table_dropped: true });
    expect(await tableExists(probe, schema, finished.old_table!)).toBe(false);
    expect(await tableExists(probe, schema, liveTable())).toBe(true);
    const again = await rebuildRequest<{ error: { status: number; code: string } }>(integration, 'POST', `/${started.id}/drop_old`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const listed = expectStatus(await rebuildRequest<{ items: RebuildBody[] }>(integration, 'GET'), 200);
    expect(listed.items.map((item) => item.id)).toContain(started.id);
  }, 600_000);

  it('answers the errors of its endpoints: unknown integration or rebuild 403, a second rebuild or an early drop 409, no token 401', async () => {
    const unknownIntegration = await integration.client.request<{ error: { code: string } }>('POST', `/v1/organizations/${integration.orgKey}/service_integrations/svi_doesnotexist/rebuild`);
    expect(unknownIntegration.status).toBe(403);
    expect(unknownIntegration.body.error.code).toBe('forbidden');
    for (const id of ['rbd_doesnotexist', 'not-an-id']) {
      const unknown = await rebuildRequest<{ error: { code: string } }>(integration, 'GET', `/${id}`);
      expect(unknown.status).toBe(403);
      expect(unknown.body.error.code).toBe('forbidden');
    }
    const anonymous = await fetch(`${stack.apiUrl}/v1/organizations/${integration.orgKey}/service_integrations/${integration.opaqueId}/rebuild`, { method: 'POST' });
    expect(anonymous.status).toBe(401);

    const first = expectStatus(await rebuildRequest(integration, 'POST'), 202);
    const second = await rebuildRequest<{ error: { code: string; message: string } }>(integration, 'POST');
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('already running') });
    const early = await rebuildRequest<{ error: { code: string } }>(integration, 'POST', `/${first.id}/drop_old`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('conflict');

    const finished = await waitForRebuild(integration, first.id, 'finished');
    expect(await holdsNewestVersions()).toBe(true);
    expectStatus(await rebuildRequest(integration, 'POST', `/${finished.id}/drop_old`), 200);
  }, 600_000);

  it('is driven by `whdb integrations rebuild --wait` and `whdb integrations rebuild drop-old` (docs/cli.md#rebuild)', async () => {
    const env = { XDG_CONFIG_HOME: await newConfigHome() };
    const login = await runWhdb(['login', '--api-url', stack.apiUrl, '--token-stdin', '--org', integration.orgKey], env, integration.token);
    expect(login.code).toBe(0);
    const rebuilt = await runWhdb(['integrations', 'rebuild', integration.opaqueId, '--wait'], env);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.code).toBe(0);
    // Not a terminal: one progress line per state, then the api's sentence.
    expect(rebuilt.stdout).toMatch(/^finished +\[█+\] [\d,]+ events {2}[\d,]+ rows/m);
    expect(rebuilt.stdout).toContain(`${liveTable()} was rebuilt from the log. The previous version is kept as ${liveTable()}_old_`);
    expect(await holdsNewestVersions()).toBe(true);

    const dropped = await runWhdb(['integrations', 'rebuild', 'drop-old', integration.opaqueId, '--json'], env);
    expect(dropped.code).toBe(0);
    const body = JSON.parse(dropped.stdout) as RebuildBody;
    expect(body).toMatchObject({ state: 'finished', old_table_dropped: true });
    expect(await tableExists(probe, schema, body.old_table!)).toBe(false);
    const nothing = await runWhdb(['integrations', 'rebuild', 'drop-old', integration.opaqueId], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('no old table kept by a rebuild');
  }, 600_000);
});
