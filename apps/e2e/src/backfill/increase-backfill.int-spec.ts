import { buildIncreaseAccount, buildIncreaseAccountEvent, eventually, expectStatus, FakeIncrease, increaseSignatureHeader, IncreaseCursorStyle, StepBody, TableProbe, TopicWatcher, WhdbStack } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { IncreaseIntegration, setUpIncreaseIntegration } from '../stack-fixture';
import { byBackfiller, FAST_BACKFILLER_ENV, START_TIMEOUT_MS, waitForJob, waitForRowCount } from './backfill-fixture';

/**
 * Backfills of `increase_account_v1` (SPEC 0.2, 0.6; docs/behaviour/backfill.md): completing the
 * backfill setup starts a job that pages through every account, following the cursor where either
 * style of Increase puts it (`next_cursor` at the top level, or `response_metadata.next_cursor`).
 * A webhook newer than a backfilled page still wins.
 */
describe('Increase backfills, end to end', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  const fakes: FakeIncrease[] = [];
  const orgs: string[] = [];

  const table = (integration: IncreaseIntegration) => `whdb_org_${integration.orgKey}.${integration.table}`;

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, backfiller: FAST_BACKFILLER_ENV, startTimeoutMs: START_TIMEOUT_MS }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    for (const org of orgs) await probe?.dropOrganizationSchema(org).catch(() => undefined);
    await probe?.close();
    await Promise.all(fakes.map((fake) => fake.stop()));
  });

  async function backfilledIntegration(style: IncreaseCursorStyle, count: number, beforeBackfill: (integration: IncreaseIntegration) => Promise<void> = async () => undefined) {
    const apiKey = `key_${randomBytes(8).toString('hex')}`;
    const fake = await new FakeIncrease({ apiKey, cursorStyle: style }).start();
    fakes.push(fake);
    fake.addAccounts(...Array.from({ length: count }, (_, n) => buildIncreaseAccount({ name: `Page account ${n}` })));
    const integration = await setUpIncreaseIntegration(stack, 'e2e_bfinc');
    orgs.push(integration.orgKey);
    await beforeBackfill(integration);
    const path = `/v1/organizations/${integration.orgKey}/service_integrations/${integration.opaqueId}/transition`;
    expectStatus(await integration.client.request<StepBody>('POST', `${path}/backfill_key`, { value: apiKey }), 200);
    const done = expectStatus(await integration.client.request<StepBody & { backfill_job_id?: string }>('POST', `${path}/api_url`, { value: fake.url }), 200);
    expect(done.backfill_job_id).toMatch(/^bfj_/);
    const job = await waitForJob({ orgKey: integration.orgKey, client: integration.client }, integration.opaqueId, done.backfill_job_id!, 'finished');
    return { fake, integration, job };
  }

  it.each<IncreaseCursorStyle>(['top_level', 'response_metadata'])('pages through every account with the %s cursor', async (style) => {
    const { fake, integration, job } = await backfilledIntegration(style, 250);
    expect(job).toMatchObject({ pages: 3, rows: 250 });
    await waitForRowCount(probe, table(integration), 250);
    const cursors = fake.server.requests.filter(byBackfiller).map((r) => r.query.get('cursor'));
    expect(cursors).toHaveLength(3);
    expect(cursors[0]).toBeNull();
    expect(new Set(cursors).size).toBe(3);
  });

  it('keeps a newer webhook over the older backfilled page', async () => {
    const fixed = buildIncreaseAccount({ name: 'From the list', created_at: '2020-01-31T23:59:59Z' });
    const rowChanges = await new TopicWatcher(process.env['KAFKA_BROKERS']!, 'whdb.rows.increase_account_v1').start();
    try {
      const sendEvent = async (opaqueId: string, secret: string, name: string, at: string) => {
        const body = JSON.stringify(buildIncreaseAccountEvent({ ...fixed, name }, at));
        const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${opaqueId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(body, secret) },
          body,
        });
        expect(response.status).toBe(202);
      };
      const nameOf = async (integration: IncreaseIntegration) => (await probe.query<{ name: string }>(`SELECT name FROM ${table(integration)} WHERE increase_id = $1`, [fixed['id']]))[0]?.name;
      const { integration } = await backfilledIntegration('both', 120, async (created) => {
        await sendEvent(created.opaqueId, created.secret, 'From the webhook', '2030-01-01T00:00:00Z');
        await eventually(async () => (await nameOf(created)) === 'From the webhook', { description: 'the webhook row' });
        fakes.at(-1)!.addAccounts(fixed);
      });
      await waitForRowCount(probe, table(integration), 121);
      expect(await nameOf(integration)).toBe('From the webhook');
      // A later webhook shares the account's partition key with its backfilled copy, so once it is
      // written, the backfilled copy has been handled before it: it must not have changed the row.
      await sendEvent(integration.opaqueId, integration.secret, 'Marker', '2031-01-01T00:00:00Z');
      const rowKey = `${integration.opaqueId}:${String(fixed['id'])}`;
      const nameIn = (m: { json: <T>() => T }) => m.json<{ after: { name: string } }>().after.name;
      // Row changes of one row share a partition: once the marker's is seen, every earlier one has been.
      await rowChanges.waitFor((m) => m.key === rowKey && nameIn(m) === 'Marker', 60_000);
      const names = rowChanges.messages.filter((m) => m.key === rowKey).map(nameIn);
      expect(names).toEqual(['From the webhook', 'Marker']);
    } finally {
      await rowChanges.stop();
    }
  });
});
