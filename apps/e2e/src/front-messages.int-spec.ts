import {
  buildFrontMessage,
  buildFrontMessageEvent,
  ControlPlaneClient,
  eventually,
  frontAppWebhookHeaders,
  frontSignature,
  sendFrontAppEvent,
  TableProbe,
  TopicWatcher,
  WhdbStack,
} from '@whdb/testing';
import { randomBytes } from 'node:crypto';

/**
 * `front_message_v1` through `POST /v1/install/front/webhook` (docs/replicators/front_message_v1.md):
 * the challenge handshake, the FRONT_APP_SECRET signature with timestamp freshness, routing by
 * company to every matching integration, and refusals recorded like the generic endpoint's.
 */
describe('Front application events, end to end', () => {
  const appSecret = `front_${randomBytes(12).toString('hex')}`;
  const host = `c${randomBytes(4).toString('hex')}.api.frontapp.com`;
  const orgKeys = [`e2e_fr_${randomBytes(4).toString('hex')}`, `e2e_fr_${randomBytes(4).toString('hex')}`];
  let stack: WhdbStack;
  let probe: TableProbe;
  let rejected: TopicWatcher;
  const integrations: { orgKey: string; opaqueId: string; table: string; client: ControlPlaneClient }[] = [];

  const url = () => `${stack.ingressUrl}/v1/install/front/webhook`;
  const rowsOf = (index: number, frontId: string) => probe.rows(integrations[index]!.orgKey, integrations[index]!.table, 'front_id = $1', [frontId]);
  const postRaw = (rawBody: string, headers: Record<string, string>) => fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });

  beforeAll(async () => {
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['front_message_v1'],
      env: { FRONT_APP_SECRET: appSecret },
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    rejected = await new TopicWatcher(process.env['KAFKA_BROKERS']!, 'whdb.webhooks.rejected').start();
  });

  afterAll(async () => {
    await rejected?.stop();
    await stack?.stop();
    for (const orgKey of orgKeys) await probe?.dropOrganizationSchema(orgKey);
    await probe?.close();
  });

  it('sets up by asking for the company API URL, then names the Front webhook URL', async () => {
    for (const orgKey of orgKeys) {
      const created = await stack.adminClient().createOrganization(`Front ${orgKey}`, orgKey);
      const client = stack.adminClient().withToken(created.token);
      const first = await client.createIntegration(orgKey, 'front_message_v1');
      expect(first).toMatchObject({ needs_input: true, prompt: 'Paste or type your Front API URL here:' });
      const opaqueId = first.service_integration.opaque_id;
      expect(await client.transition(orgKey, opaqueId, 'api_url', '  ')).toMatchObject({ needs_input: true, complete: false });
      const done = await client.transition(orgKey, opaqueId, 'api_url', `https://${host.toUpperCase()}/settings`);
      expect(done).toMatchObject({ complete: true });
      expect(done.output).toContain(`${stack.ingressUrl}/v1/install/front/webhook`);
      integrations.push({ orgKey, opaqueId, table: first.service_integration.table_name, client });
    }
  });

  it('answers the X-Front-Challenge handshake with a valid signature, and refuses a forged one', async () => {
    const body = JSON.stringify({ type: 'sync', authorization: { id: 'cmp_1' } });
    const ok = await postRaw(body, frontAppWebhookHeaders(appSecret, body, { challenge: 'chal-123' }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: 'chal-123' });
    const forged = await postRaw(body, frontAppWebhookHeaders('not-the-secret', body, { challenge: 'chal-123' }));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ message: 'invalid credentials' });
  });

  it('stores a signed message event (ms timestamp) in every integration of that company, answering 200 {"o":"k"}', async () => {
    const message = buildFrontMessage({ type: 'sms' }, host);
    const response = await sendFrontAppEvent(url(), appSecret, buildFrontMessageEvent(message, { host, conversationId: 'cnv_e2e' }));
    expect(response).toMatchObject({ status: 200, text: '{"o":"k"}' });
    for (const index of [0, 1]) {
      const [row] = await eventually(async () => {
        const rows = await rowsOf(index, String(message['id']));
        return rows.length === 1 && rows;
      }, { description: `the message in integration ${index}` });
      expect(row).toMatchObject({ type: 'sms', front_conversation_id: 'cnv_e2e', data: message });
    }
  });

  it('accepts a timestamp in seconds too', async () => {
    const message = buildFrontMessage({}, host);
    const response = await sendFrontAppEvent(url(), appSecret, buildFrontMessageEvent(message, { host }), { timestamp: String(Math.floor(Date.now() / 1000)) });
    expect(response.status).toBe(200);
    await eventually(async () => (await rowsOf(0, String(message['id']))).length === 1, { description: 'the row' });
  });

  const event = () => JSON.stringify(buildFrontMessageEvent(buildFrontMessage({}, host), { host }));
  const now = Date.now();
  it.each([
    ['a wrong signature', (raw: string) => frontAppWebhookHeaders('wrong-secret', raw), 'invalid signature'],
    ['a stale timestamp in seconds', (raw: string) => frontAppWebhookHeaders(appSecret, raw, { timestamp: String(Math.floor(now / 1000) - 600) }), 'stale timestamp'],
    ['a stale timestamp in milliseconds', (raw: string) => frontAppWebhookHeaders(appSecret, raw, { timestamp: String(now - 600_000) }), 'stale timestamp'],
    ['no signature header', (_raw: string) => ({ 'x-front-request-timestamp': String(now) }), 'missing signature'],
    ['no timestamp header', (raw: string) => ({ 'x-front-signature': frontSignature(appSecret, '', raw) }), 'missing timestamp'],
  ])('refuses %s with 401, recorded for the audit log', async (_name, headersFor, reason) => {
    const raw = event();
    const response = await postRaw(raw, headersFor(raw));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: reason });
    expect(response.headers.get('whdb-rejected-reason')).toBe(reason);
    await rejected.waitFor((m) => {
      const value = m.json<{ opaque_id: string; reason: string; request: { body: string } }>();
      return value.opaque_id === 'front-app-webhook' && value.reason === reason && value.request.body === raw;
    });
  });

  it('refuses malformed JSON and an event of an unknown company with 400; acknowledges a conversation event without a row', async () => {
    const malformed = '{"type": "inbound", ';
    expect((await postRaw(malformed, frontAppWebhookHeaders(appSecret, malformed))).status).toBe(400);
    const stranger = await sendFrontAppEvent(url(), appSecret, buildFrontMessageEvent(buildFrontMessage(), { host: 'nobody.api.frontapp.com' }));
    expect(stranger.status).toBe(400);
    expect(stranger.text).toContain('No front_message_v1 integration for nobody.api.frontapp.com');
    const conversation = await sendFrontAppEvent(url(), appSecret, buildFrontMessageEvent({ id: 'cnv_9' }, { host, targetType: 'conversation' }));
    expect(conversation).toMatchObject({ status: 200, text: '{"o":"k"}' });
  });

  it('answers other methods with 405', async () => {
    const response = await fetch(url(), { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
