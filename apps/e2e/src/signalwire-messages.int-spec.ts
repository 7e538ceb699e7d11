import { buildSignalwireMessage, ControlPlaneClient, eventually, FakeSignalwire, TableProbe, TopicWatcher, WhdbStack } from '@whdb/testing';
import { randomBytes } from 'node:crypto';

/**
 * `signalwire_message_v1` as an operator drives it (docs/replicators/signalwire_message_v1.md):
 * setup through the api's transition endpoint against the fake SignalWire (SIGNALWIRE_URL_TEMPLATE
 * points the whole stack at it), then messages through the generic endpoint with Basic auth.
 */
describe('SignalWire messages, end to end', () => {
  const orgKey = `e2e_sw_${randomBytes(4).toString('hex')}`;
  const webhookSecret = `whdb:${randomBytes(8).toString('hex')}`;
  let fake: FakeSignalwire;
  let stack: WhdbStack;
  let probe: TableProbe;
  let rejected: TopicWatcher;
  let org: ControlPlaneClient;
  let opaqueId: string;
  let table: string;

  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
  const post = (body: string, headers: Record<string, string>, contentType = 'application/json') =>
    fetch(`${stack.ingressUrl}/v1/service_integrations/${opaqueId}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });

  beforeAll(async () => {
    fake = await new FakeSignalwire({ space: 'acme' }).addMessages(buildSignalwireMessage()).start();
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1'],
      env: { SIGNALWIRE_URL_TEMPLATE: fake.urlTemplate },
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    rejected = await new TopicWatcher(process.env['KAFKA_BROKERS']!, 'whdb.webhooks.rejected').start();
    const created = await stack.adminClient().createOrganization('SignalWire E2E', orgKey);
    org = stack.adminClient().withToken(created.token);
  });

  afterAll(async () => {
    await rejected?.stop();
    await stack?.stop();
    await probe?.dropOrganizationSchema(orgKey);
    await probe?.close();
    await fake?.stop();
  });

  it('asks for the space, project and token; bad credentials clear everything and start over', async () => {
    const first = await org.createIntegration(orgKey, 'signalwire_message_v1');
    opaqueId = first.service_integration.opaque_id;
    table = first.service_integration.table_name;
    expect(first).toMatchObject({ needs_input: true, prompt: 'Paste or type your Space URL here:', prompt_is_secret: false });
    expect(await org.transition(orgKey, opaqueId, 'api_url', 'https://acme.signalwire.com/dashboard')).toMatchObject({ prompt: 'Paste or type your Project ID here:' });
    expect(await org.transition(orgKey, opaqueId, 'backfill_key', fake.projectId)).toMatchObject({ prompt: 'Paste or type your API Token here:', prompt_is_secret: true });
    const refused = await org.transition(orgKey, opaqueId, 'backfill_secret', 'PTnot-the-token');
    expect(refused).toMatchObject({ needs_input: true, complete: false, prompt: 'Paste or type your Space URL here:' });
    expect(refused.output).toContain('Something is wrong with your configuration');
    const [check] = fake.listRequests();
    expect(check!.path).toBe(`/acme${fake.messagesPath}`);
    expect(check!.query.get('DateSent<')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Everything was cleared: the machine asks for the space again, then the project.
    expect(await org.transition(orgKey, opaqueId, 'api_url', 'acme')).toMatchObject({ prompt: 'Paste or type your Project ID here:' });
  });

  it('completes with the right credentials, checked against SignalWire with Basic project:token', async () => {
    await org.transition(orgKey, opaqueId, 'backfill_key', fake.projectId);
    const done = await org.transition(orgKey, opaqueId, 'backfill_secret', fake.apiToken);
    expect(done).toMatchObject({ needs_input: false, complete: true });
    expect(done.output).toContain('We are going to start replicating your SignalWire Messages');
    expect(fake.listRequests().at(-1)!.headers['authorization']).toBe(basic(`${fake.projectId}:${fake.apiToken}`));
  });

  it('accepts a message with the right Basic credentials: 202 <Response></Response>, then a row', async () => {
    expect((await org.transition(orgKey, opaqueId, 'webhook_secret', webhookSecret)).complete).toBe(true);
    const message = buildSignalwireMessage({ status: 'received', direction: 'inbound' }, new Date('2024-05-02T08:00:00Z'));
    const response = await post(JSON.stringify(message), { authorization: basic(webhookSecret) });
    expect(response.status).toBe(202);
    expect(response.headers.get('content-type')).toContain('text/xml');
    expect(await response.text()).toBe('<Response></Response>');
    const [row] = await eventually(async () => {
      const rows = await probe.rows(orgKey, table, 'signalwire_id = $1', [message['sid']]);
      return rows.length === 1 && rows;
    }, { description: 'the message row' });
    expect(row).toMatchObject({ status: 'received', direction: 'inbound', date_updated: new Date('2024-05-02T08:00:00Z'), data: message });
  });

  it('challenges a delivery without Basic credentials and refuses wrong ones, recording both', async () => {
    const body = JSON.stringify(buildSignalwireMessage());
    const missing = await post(body, {});
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Basic realm="Webhookdb"');
    expect(missing.headers.get('whdb-rejected-reason')).toBe('challenge');
    expect(await missing.text()).toBe('');
    const wrong = await post(body, { authorization: basic('whdb:wrong') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBeNull();
    expect(wrong.headers.get('whdb-rejected-reason')).toBe('invalid');
    for (const reason of ['challenge', 'invalid']) {
      const logged = await rejected.waitFor((m) => m.json<{ opaque_id: string; reason: string }>().opaque_id === opaqueId && m.json<{ reason: string }>().reason === reason);
      expect(logged.json<{ status: number; request: { headers: Record<string, string> } }>()).toMatchObject({ status: 401 });
      expect(JSON.stringify(logged.json())).not.toContain(Buffer.from('whdb:wrong').toString('base64'));
    }
  });

  it('refuses a form-encoded status callback with a clear 400 instead of dropping it', async () => {
    const response = await post('MessageSid=SM1&MessageStatus=delivered', { authorization: basic(webhookSecret) }, 'application/x-www-form-urlencoded');
    expect(response.status).toBe(400);
    expect((await response.json()) as { message: string }).toMatchObject({ message: expect.stringContaining('JSON message resource') });
  });
});
