import {
  bankSignatureHeader,
  buildIncreaseAccount,
  buildIncreaseAccountEvent,
  ControlPlaneClient,
  eventually,
  increaseSignatureHeader,
  readMetric,
  TableProbe,
  TopicWatcher,
  WhdbStack,
} from '@whdb/testing';
import { randomBytes } from 'node:crypto';

/**
 * The first vertical slice as a user drives it: real HTTP to the api and the ingress, real Kafka,
 * real Postgres, every service its own process.
 */
describe('Increase account webhooks, end to end', () => {
  const secret = `whsec_${randomBytes(12).toString('hex')}`;
  const orgKey = `e2e_${randomBytes(4).toString('hex')}`;
  let stack: WhdbStack;
  let probe: TableProbe;
  let org: ControlPlaneClient;
  let opaqueId: string;
  let table: string;
  let accepted = 0;

  const webhookUrl = (): string => `${stack.ingressUrl}/v1/service_integrations/${opaqueId}`;
  const rows = (id: string) => probe.rows<Record<string, unknown>>(orgKey, table, 'increase_id = $1', [id]);
  const post = (rawBody: string, headers: Record<string, string>) =>
    fetch(webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
  const sendSigned = async (body: unknown, scheme: 'increase' | 'bank' = 'increase') => {
    const raw = JSON.stringify(body);
    const header: Record<string, string> =
      scheme === 'increase' ? { 'increase-webhook-signature': increaseSignatureHeader(raw, secret) } : { 'x-bank-webhook-signature': bankSignatureHeader(raw, secret) };
    const response = await post(raw, header);
    if (response.status === 202) accepted += 1;
    return response;
  };
  /** Barrier: the projector has consumed every event the ingress accepted so far. */
  const projectorCaughtUp = () =>
    eventually(async () => (await readMetric(stack.projector().options.probeUrl, 'whdb_projector_events_total')) >= accepted, { description: 'projector to catch up' });

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']! }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    const created = await stack.adminClient().createOrganization('E2E Org', orgKey);
    org = stack.adminClient().withToken(created.token);
    const first = await org.createIntegration(orgKey, 'increase_account_v1');
    expect(first).toMatchObject({ needs_input: true, complete: false });
    opaqueId = first.service_integration.opaque_id;
    table = first.service_integration.table_name;
    const done = await org.transition(orgKey, opaqueId, 'webhook_secret', secret);
    expect(done.complete).toBe(true);
    expect(done.output).toContain(`/v1/service_integrations/${opaqueId}`);
  });

  afterAll(async () => {
    await stack?.stop();
    if (orgKey) await probe?.dropOrganizationSchema(orgKey);
    await probe?.close();
  });

  it('lists the integration and creates its table in the organization schema', async () => {
    const listed = await org.request<{ items: unknown[] }>('GET', `/v1/organizations/${orgKey}/service_integrations`);
    expect(listed.body.items).toEqual([{ opaque_id: opaqueId, service_name: 'increase_account_v1', table_name: table }]);
    const columns = await probe.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [`whdb_org_${orgKey}`, table],
    );
    expect(columns.map((c) => c.column_name)).toEqual(['pk', 'increase_id', 'balance', 'created_at', 'entity_id', 'interest_accrued', 'name', 'status', 'updated_at', 'data']);
  });

  it('stores an account signed with the Increase-Webhook-Signature scheme', async () => {
    const account = buildIncreaseAccount({ balance: 4200 });
    const response = await sendSigned(buildIncreaseAccountEvent(account, '2024-03-01T10:00:00Z'));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ o: 'k' });
    const [row] = await eventually(async () => {
      const found = await rows(String(account['id']));
      return found.length === 1 ? found : false;
    });
    expect(row).toMatchObject({ increase_id: account['id'], balance: 4200, status: 'open', name: account['name'] });
    expect((row!['updated_at'] as Date).toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(row!['data']).toEqual(account);
  });

  it("stores an account signed with the guide's X-Bank-Webhook-Signature scheme", async () => {
    const account = buildIncreaseAccount();
    expect((await sendSigned(account, 'bank')).status).toBe(202);
    await eventually(async () => (await rows(String(account['id']))).length === 1);
  });

  it('refuses missing and wrong signatures with 401 and a reason, and stores nothing', async () => {
    const account = buildIncreaseAccount({ name: 'forged' });
    // The forgery is NEWER than the genuine event that follows on the same partition key: had it
    // been accepted, the genuine (older) event could not overwrite it.
    const forged = JSON.stringify(buildIncreaseAccountEvent(account, '2030-01-01T00:00:00Z'));
    const missing = await post(forged, {});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('whdb-rejected-reason')).toBe('missing hmac');
    expect(await missing.json()).toEqual({ message: 'missing hmac' });
    const wrong = await post(forged, { 'increase-webhook-signature': increaseSignatureHeader(forged, 'not-the-secret') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('whdb-rejected-reason')).toBe('invalid signature');
    const wrongBank = await post(forged, { 'x-bank-webhook-signature': bankSignatureHeader(forged, 'not-the-secret') });
    expect(wrongBank.status).toBe(401);
    expect(wrongBank.headers.get('whdb-rejected-reason')).toBe('invalid hmac');

    expect((await sendSigned(buildIncreaseAccountEvent({ ...account, name: 'genuine' }, '2024-01-01T00:00:00Z'))).status).toBe(202);
    const [row] = await eventually(async () => {
      const found = await rows(String(account['id']));
      return found.length === 1 ? found : false;
    });
    expect(row!['name']).toBe('genuine');
  });

  it('never lets an older event overwrite a newer one', async () => {
    const account = buildIncreaseAccount();
    expect((await sendSigned(buildIncreaseAccountEvent({ ...account, name: 'newer', balance: 2 }, '2024-06-02T00:00:00Z'))).status).toBe(202);
    await eventually(async () => (await rows(String(account['id'])))[0]?.['name'] === 'newer');
    expect((await sendSigned(buildIncreaseAccountEvent({ ...account, name: 'older', balance: 1 }, '2024-06-01T00:00:00Z'))).status).toBe(202);
    await projectorCaughtUp();
    const [row] = await rows(String(account['id']));
    expect(row).toMatchObject({ name: 'newer', balance: 2 });
    expect((row!['updated_at'] as Date).toISOString()).toBe('2024-06-02T00:00:00.000Z');
  });

  it('answers 400 for malformed JSON even when correctly signed', async () => {
    const raw = '{"id": "account_broken", "balance": ';
    const response = await post(raw, { 'increase-webhook-signature': increaseSignatureHeader(raw, secret) });
    expect(response.status).toBe(400);
    expect(response.headers.get('whdb-rejected-reason')).toMatch(/malformed JSON/);
  });

  it('answers 400 for an unknown integration', async () => {
    const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/svi_doesnotexist`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'No integration with that id' });
  });

  it('answers 413 for a body over WHDB_MAX_BODY_BYTES', async () => {
    const raw = JSON.stringify({ id: 'account_big', padding: 'x'.repeat(1_100_000) });
    const response = await post(raw, { 'increase-webhook-signature': increaseSignatureHeader(raw, secret) });
    expect(response.status).toBe(413);
    expect(response.headers.get('whdb-rejected-reason')).toMatch(/larger than 1048576/);
  });

  it('accepts a resource that is not an account but stores nothing for it', async () => {
    const account = buildIncreaseAccount();
    expect((await sendSigned({ id: 'transfer_123', amount: 5 })).status).toBe(202);
    expect((await sendSigned(account)).status).toBe(202);
    await projectorCaughtUp();
    expect(await probe.rows(orgKey, table, 'increase_id = $1', ['transfer_123'])).toEqual([]);
  });

  it("carries the caller's correlation id from the HTTP request to the row-change event", async () => {
    const watcher = await new TopicWatcher(process.env['KAFKA_BROKERS']!, 'whdb.rows.increase_account_v1').start();
    try {
      const account = buildIncreaseAccount();
      const raw = JSON.stringify(account);
      const correlationId = `e2e-${randomBytes(6).toString('hex')}`;
      const response = await post(raw, { 'increase-webhook-signature': increaseSignatureHeader(raw, secret), 'x-correlation-id': correlationId });
      expect(response.status).toBe(202);
      expect(response.headers.get('x-correlation-id')).toBe(correlationId);
      const change = await watcher.waitFor((m) => m.key === `${opaqueId}:${String(account['id'])}`);
      expect(change.headers['x-correlation-id']).toBe(correlationId);
      expect(change.json<{ op: string; after: Record<string, unknown>; source: Record<string, unknown> }>()).toMatchObject({
        op: 'c',
        after: { increase_id: account['id'] },
        source: { service_name: 'increase_account_v1', opaque_id: opaqueId, schema: `whdb_org_${orgKey}`, table },
      });
    } finally {
      await watcher.stop();
    }
  });
});
