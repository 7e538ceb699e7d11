import { eventually, JsonResponse, TableProbe, WhdbStack } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from './stack-fixture';

interface LoggedWebhook {
  id: string;
  event_id: string;
  correlation_id: string;
  service_integration_opaque_id: string;
  request_method: string;
  request_path: string;
  request_headers: Record<string, string>;
  request_body: string;
  response_status: number;
  rejected_reason: string | null;
  replayable: boolean;
}

interface Page {
  items: LoggedWebhook[];
  next_cursor: string | null;
}

/**
 * The webhook audit log and replay (docs/behaviour/audit-log.md), end to end: the ingress accepts
 * and refuses deliveries, the webhook logger writes them to `whdb.logged_webhooks`, the api lists
 * and replays them, the projector applies a replay like any delivery.
 */
describe('webhook audit log and replay, end to end', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let integration: IncreaseIntegration;

  const logged = (query = ''): Promise<JsonResponse<Page>> => integration.client.request<Page>('GET', `/v1/organizations/${integration.orgKey}/logged_webhooks${query}`);
  const replay = (ids: unknown) => integration.client.request<Record<string, unknown>>('POST', `/v1/organizations/${integration.orgKey}/logged_webhooks/replay`, { ids });
  const loggedCount = async () => (await probe.query<{ n: number }>('SELECT count(*)::int AS n FROM whdb.logged_webhooks WHERE service_integration_opaque_id = $1', [integration.opaqueId]))[0]!.n;
  const rows = (id: string) => probe.rows<{ increase_id: string; name: string }>(integration.orgKey, integration.table, 'increase_id = $1', [id]);

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, webhookLogger: true }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    integration = await setUpIncreaseIntegration(stack, 'e2e_log');
  });

  afterAll(async () => {
    await stack?.stop();
    if (integration) await probe?.dropOrganizationSchema(integration.orgKey);
    await probe?.close();
  });

  it('logs an accepted delivery with its request, status and redacted credentials', async () => {
    const account = { ...(await postSignedAccount(stack, integration, { name: 'Logged' })) };
    expect(account.response.status).toBe(202);
    const page = await eventually(async () => {
      const response = await logged();
      return response.body.items?.some((item) => item.request_body.includes(String(account.account['id']))) ? response : false;
    }, { description: 'the accepted delivery in the audit log' });
    expect(page.status).toBe(200);
    const entry = page.body.items.find((item) => item.request_body.includes(String(account.account['id'])))!;
    expect(entry).toMatchObject({
      service_integration_opaque_id: integration.opaqueId,
      request_method: 'POST',
      request_path: `/v1/service_integrations/${integration.opaqueId}`,
      response_status: 202,
      rejected_reason: null,
      replayable: true,
      request_body: JSON.stringify(account.account),
    });
    expect(entry.request_headers['content-type']).toBe('application/json');
    expect(entry.request_headers['increase-webhook-signature']).toMatch(/^t=/);
  });

  it('logs refused deliveries with their reason, redacting credentials; they cannot be replayed', async () => {
    const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${integration.opaqueId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic c2VjcmV0OnNlY3JldA==' },
      body: '{"id": "account_unsigned"}',
    });
    expect(response.status).toBe(401);
    const rejected = await eventually(async () => (await logged('?status=rejected')).body.items?.[0] ?? false, { description: 'the refused delivery in the audit log' });
    expect(rejected).toMatchObject({ response_status: 401, rejected_reason: 'missing hmac', replayable: false, request_body: '{"id": "account_unsigned"}' });
    expect(rejected.request_headers['authorization']).toBe('[redacted]');
    expect((await logged('?status=accepted')).body.items.every((item) => item.response_status < 400)).toBe(true);

    const refused = await replay([rejected.id]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('Rejected deliveries cannot be replayed') } });
  });

  it('logs a delivery to an unknown integration without an organization', async () => {
    const unknown = `svi_${randomBytes(8).toString('hex')}`;
    expect((await fetch(`${stack.ingressUrl}/v1/service_integrations/${unknown}`, { method: 'POST', body: '{}' })).status).toBe(400);
    const row = await eventually(
      async () => (await probe.query<{ organization_id: number | null; response_status: number }>('SELECT organization_id, response_status FROM whdb.logged_webhooks WHERE service_integration_opaque_id = $1', [unknown]))[0] ?? false,
      { description: 'the unknown-integration delivery in the audit log' },
    );
    expect(row).toEqual({ organization_id: null, response_status: 400 });
  });

  it('filters by integration and time, and pages with a cursor', async () => {
    for (let i = 0; i < 3; i += 1) expect((await postSignedAccount(stack, integration)).response.status).toBe(202);
    await eventually(async () => (await loggedCount()) >= 5, { description: 'five deliveries logged' });
    const all = (await logged(`?service_integration=${integration.table}`)).body.items;
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.every((item) => item.service_integration_opaque_id === integration.opaqueId)).toBe(true);
    const first = await logged('?limit=2');
    expect(first.body.items.map((item) => item.id)).toEqual(all.slice(0, 2).map((item) => item.id));
    const second = await logged(`?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.items.map((item) => item.id)).toEqual(all.slice(2, 4).map((item) => item.id));
    expect((await logged(`?since=${new Date(Date.now() + 60_000).toISOString()}`)).body.items).toEqual([]);
    expect((await logged('?status=maybe')).status).toBe(400);
    expect((await logged('?cursor=abc')).status).toBe(400);
    expect((await logged('?since=yesterday')).status).toBe(400);
  });

  it('replays an accepted delivery through the pipeline: the row comes back, and the replay is not logged again', async () => {
    const { account, response } = await postSignedAccount(stack, integration, { name: 'Replayed' });
    expect(response.status).toBe(202);
    const id = String(account['id']);
    await eventually(async () => (await rows(id)).length === 1, { description: 'the row projected' });
    const entry = await eventually(async () => (await logged()).body.items.find((item) => item.request_body.includes(id)) ?? false, { description: 'the delivery logged' });
    // The analyst lost the row: the replay brings it back.
    await probe.query(`DELETE FROM whdb_org_${integration.orgKey}.${integration.table} WHERE increase_id = $1`, [id]);
    const before = await loggedCount();

    const replayed = await replay([entry.id]);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual({ items: [{ id: entry.id, event_id: expect.any(String), service_integration_opaque_id: integration.opaqueId }] });
    const [row] = await eventually(async () => {
      const found = await rows(id);
      return found.length === 1 ? found : false;
    }, { description: 'the replayed row' });
    expect(row).toMatchObject({ increase_id: id, name: 'Replayed' });
    // Replaying again is harmless: the conditional upsert keeps the one row.
    expect((await replay([entry.id])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await rows(id)).toHaveLength(1);
    expect(await loggedCount()).toBe(before);
  });

  it('refuses replays of unknown ids and bad input with a clear 4xx', async () => {
    expect((await replay(['999999999999'])).body).toMatchObject({ error: { code: 'not_found' } });
    expect((await replay([])).status).toBe(400);
    expect((await replay('nope')).status).toBe(400);
    expect((await replay(['1; DROP TABLE x'])).status).toBe(400);
  });

  it('shows the logger in Prometheus metrics', async () => {
    const metrics = await (await fetch(`${stack.webhookLogger!.options.probeUrl}/metrics`)).text();
    expect(metrics).toMatch(/whdb_webhook_logger_rows_total\{[^}]*outcome="inserted"[^}]*\} [1-9]/);
  });
});
