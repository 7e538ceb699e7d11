import {
  buildIncreaseAccount,
  buildIncreaseAccountEvent,
  ControlPlaneClient,
  eventually,
  expectStatus,
  freePort,
  increaseSignatureHeader,
  ServiceProcess,
  StepBody,
  TableProbe,
  TopicWatcher,
  WhdbStack,
} from '@whdb/testing';
import { parseRowChangeMessage, RowChangeEvent } from '@whdb/core';
import { randomBytes } from 'node:crypto';

const SERVICE = 'increase_account_v1';
const MIRROR_TABLE = 'increase_accounts';

/**
 * The change stream is enough to mirror a table (docs/topics.md#row-change-envelope): webhooks
 * (creates, updates, a stale update) and an integration delete go through the real stack, and
 * apps/mirror-example, which knows only the documented envelope and the published schema, copies
 * `whdb.rows.increase_account_v1` into a second Postgres database.
 */
describe('change stream: the mirror example equals the source table', () => {
  const orgKey = `e2e_${randomBytes(4).toString('hex')}`;
  const mirrorDatabase = `whdb_mirror_${randomBytes(4).toString('hex')}`;
  const secrets = { keep: `whsec_${randomBytes(8).toString('hex')}`, drop: `whsec_${randomBytes(8).toString('hex')}` };
  let stack: WhdbStack;
  let probe: TableProbe;
  let mirrorProbe: TableProbe | undefined;
  let mirror: ServiceProcess | undefined;
  let rows: TopicWatcher;
  let org: ControlPlaneClient;
  const integrations: Record<'keep' | 'drop', { opaqueId: string; table: string }> = { keep: { opaqueId: '', table: '' }, drop: { opaqueId: '', table: '' } };

  const mirrorUrl = () => {
    const url = new URL(process.env['DATABASE_URL']!);
    url.pathname = `/${mirrorDatabase}`;
    return url.toString();
  };
  const send = async (which: 'keep' | 'drop', body: unknown) => {
    const raw = JSON.stringify(body);
    const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${integrations[which].opaqueId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(raw, secrets[which]) },
      body: raw,
    });
    expect(response.status).toBe(202);
  };
  /** The source table as JSON rows, by pk. */
  const sourceRows = (which: 'keep' | 'drop') =>
    probe.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t.*) AS row FROM "whdb_org_${orgKey}"."${integrations[which].table}" t ORDER BY pk`).then((r) => r.map((x) => x.row));
  /** The mirror's live rows of one integration, without its bookkeeping columns, by pk. */
  const mirrorRows = (which: 'keep' | 'drop') =>
    mirrorProbe!
      .query<{ row: Record<string, unknown> }>(
        `SELECT to_jsonb(m.*) - '_key' - '_opaque_id' - '_lsn' - '_deleted' AS row FROM "${MIRROR_TABLE}" m WHERE _opaque_id = $1 AND NOT _deleted ORDER BY pk`,
        [integrations[which].opaqueId],
      )
      .then((r) => r.map((x) => x.row));

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, startTimeoutMs: 120_000 }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    await probe.query(`CREATE DATABASE "${mirrorDatabase}"`);
    mirrorProbe = await TableProbe.connect(mirrorUrl());
    const created = await stack.adminClient().createOrganization('Mirror Org', orgKey);
    org = stack.adminClient().withToken(created.token);
    for (const which of ['keep', 'drop'] as const) {
      // The second integration of one service is confirmed (SPEC: guard_confirm).
      const step = expectStatus(await org.request<StepBody>('POST', `/v1/organizations/${orgKey}/service_integrations/create`, { service_name: SERVICE, guard_confirm: true }), 200);
      integrations[which] = { opaqueId: step.service_integration.opaque_id, table: step.service_integration.table_name };
      expect((await org.transition(orgKey, integrations[which].opaqueId, 'webhook_secret', secrets[which])).complete).toBe(true);
    }
    rows = await new TopicWatcher(process.env['KAFKA_BROKERS']!, `whdb.rows.${SERVICE}`).start();
    const probePort = await freePort();
    mirror = await new ServiceProcess({
      app: 'mirror-example',
      probeUrl: `http://127.0.0.1:${probePort}`,
      env: {
        KAFKA_BROKERS: process.env['KAFKA_BROKERS']!,
        MIRROR_DATABASE_URL: mirrorUrl(),
        MIRROR_SERVICE: SERVICE,
        MIRROR_SCHEMA_URL: `${stack.apiUrl}/v1/schemas/rows/${SERVICE}`,
        MIRROR_TABLE,
        MIRROR_GROUP_ID: `mirror-example.e2e.${randomBytes(4).toString('hex')}`,
        MIRROR_PROBE_PORT: String(probePort),
      },
    }).start(120_000);
  }, 300_000);

  afterAll(async () => {
    await mirror?.stop();
    await rows?.stop();
    await mirrorProbe?.close();
    await probe?.query(`DROP DATABASE IF EXISTS "${mirrorDatabase}" WITH (FORCE)`);
    await stack?.stop();
    await probe?.dropOrganizationSchema(orgKey);
    await probe?.close();
  });

  it('mirrors creates and updates row for row, and a deleted integration as d events with before', async () => {
    const accounts = [buildIncreaseAccount(), buildIncreaseAccount(), buildIncreaseAccount()];
    const dropped = [buildIncreaseAccount(), buildIncreaseAccount()];
    for (const account of accounts) await send('keep', buildIncreaseAccountEvent(account, '2024-03-01T10:00:00Z'));
    for (const account of dropped) await send('drop', buildIncreaseAccountEvent(account, '2024-03-01T10:00:00Z'));
    // Updates: two newer versions, and a stale one the upsert guard refuses.
    await send('keep', buildIncreaseAccountEvent({ ...accounts[0], name: 'Renamed', balance: 1, updated_at: '2024-03-02T00:00:00Z' }, '2024-03-02T00:00:00Z'));
    await send('keep', buildIncreaseAccountEvent({ ...accounts[1], status: 'closed', updated_at: '2024-03-03T00:00:00Z' }, '2024-03-03T00:00:00Z'));
    await send('keep', buildIncreaseAccountEvent({ ...accounts[0], name: 'Stale', updated_at: '2020-01-01T00:00:00Z' }, '2020-01-01T00:00:00Z'));
    await send('drop', buildIncreaseAccountEvent({ ...dropped[0], name: 'Changed before the delete', updated_at: '2024-03-02T00:00:00Z' }, '2024-03-02T00:00:00Z'));

    // Rows of different keys may be projected in any order (their partitions differ): find them by id.
    const byId = (source: Record<string, unknown>[], account: Record<string, unknown>) => source.find((row) => row['increase_id'] === account['id']);
    const keep = await eventually(async () => {
      const source = await sourceRows('keep');
      return source.length === 3 && byId(source, accounts[0]!)?.['name'] === 'Renamed' && byId(source, accounts[1]!)?.['status'] === 'closed' && source;
    }, { timeoutMs: 60_000, description: 'the source table to hold the creates and updates' });
    const dropSource = await eventually(async () => {
      const source = await sourceRows('drop');
      return source.length === 2 && byId(source, dropped[0]!)?.['name'] === 'Changed before the delete' && source;
    }, { timeoutMs: 60_000, description: 'the second table to hold its rows' });
    await eventually(async () => JSON.stringify(await mirrorRows('drop')) === JSON.stringify(dropSource), { timeoutMs: 60_000, description: 'the mirror to hold the rows about to be deleted' });

    expectStatus(await org.request('POST', `/v1/organizations/${orgKey}/service_integrations/${integrations.drop.opaqueId}/delete`, { confirm: integrations.drop.table }), 200);

    // The delete: a `d` per row whose `before` is the row as it was, then a tombstone.
    const deleteOf = (key: string) =>
      rows.messages
        .filter((m) => m.key === `${integrations.drop.opaqueId}:${key}` && m.value !== null)
        .map((m) => parseRowChangeMessage(m.value)!)
        .find((event): event is RowChangeEvent => event.op === 'd');
    await eventually(() => dropSource.every((row) => deleteOf(String(row['increase_id'])) !== undefined), { timeoutMs: 30_000, description: 'd events for the dropped rows' });
    for (const row of dropSource) expect(deleteOf(String(row['increase_id']))).toMatchObject({ op: 'd', before: row, after: null });
    expect(rows.messages.filter((m) => m.key?.startsWith(`${integrations.drop.opaqueId}:`) && m.value === null)).toHaveLength(2);

    // The mirror equals the source row for row; the deleted integration's rows are gone from it.
    await eventually(async () => JSON.stringify(await mirrorRows('keep')) === JSON.stringify(keep) && (await mirrorRows('drop')).length === 0, {
      timeoutMs: 60_000,
      description: 'the mirror to equal the source',
    });
    expect(await mirrorRows('keep')).toEqual(keep);
    expect(await mirrorRows('drop')).toEqual([]);
    const deletedKeys = await mirrorProbe!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${MIRROR_TABLE}" WHERE _opaque_id = $1 AND _deleted`, [integrations.drop.opaqueId]);
    expect(deletedKeys).toEqual([{ n: 2 }]);
  }, 300_000);
});
