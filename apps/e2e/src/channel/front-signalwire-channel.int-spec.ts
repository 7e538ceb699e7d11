import { randomUUID } from 'node:crypto';
import { JsonObject, RowChangeEvent, Topics } from '@whdb/core';
import {
  buildFrontChannelAutoreply,
  buildFrontChannelEvent,
  buildFrontChannelMessage,
  buildSignalwireMessage,
  eventually,
  FakeSignalwire,
  signalwireTime,
  TableProbe,
  TopicPublisher,
  TopicWatcher,
  WhdbStack,
} from '@whdb/testing';
import { CHANNEL_SERVICE, channelStackEnv, ChannelSetup, commandsOf, deliverSms, sendChannelEvent, setUpChannel, settle, SUPPORT, waitForCommand } from './channel-fixture';

/**
 * The Front <-> SignalWire channel over real Kafka and Postgres (docs/behaviour/channel.md): the
 * api sets it up, the ingress answers Front, the projectors write both tables and the reconciler
 * decides the commands, asserted on `whdb.commands.outbound`. The outbound sender is not running:
 * where a flow needs its answer, the test publishes the `delivery.result` it would.
 * Re-issues are pushed out of reach (1 h backoff) so every command seen here is a first issue.
 */
describe('Front SignalWire channel, end to end', () => {
  const brokers = process.env['KAFKA_BROKERS']!;
  let fake: FakeSignalwire;
  let stack: WhdbStack;
  let probe: TableProbe;
  let commands: TopicWatcher;
  let rejected: TopicWatcher;
  let results: TopicPublisher;
  let setup: ChannelSetup;
  const channelRows = (where = 'TRUE', params: unknown[] = []) => probe.rows<JsonObject>(setup.orgKey, setup.channel.table, where, params);
  const rowOf = (externalId: string) => eventually(async () => (await channelRows('external_id = $1', [externalId]))[0] ?? false, { description: `channel row ${externalId}` });

  beforeAll(async () => {
    fake = await new FakeSignalwire({ space: 'chan' }).addMessages(buildSignalwireMessage()).start();
    stack = await new WhdbStack({
      kafkaBrokers: brokers,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1', CHANNEL_SERVICE],
      env: channelStackEnv(fake),
      reconciler: { WHDB_RECONCILER_SWEEP_INTERVAL_SECONDS: '1', WHDB_RECONCILER_RETRY_BASE_SECONDS: '3600', WHDB_RETRY_BACKOFF_MAX_SECONDS: '3600' },
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    commands = await new TopicWatcher(brokers, 'whdb.commands.outbound').start();
    rejected = await new TopicWatcher(brokers, 'whdb.webhooks.rejected').start();
    results = await new TopicPublisher(brokers).start();
    setup = await setUpChannel(stack, fake, 'e2e_chan');
  });

  afterAll(async () => {
    await Promise.all([commands?.stop(), rejected?.stop(), results?.stop()]);
    await stack?.stop();
    if (setup) await probe?.dropOrganizationSchema(setup.orgKey);
    await probe?.close();
    await fake?.stop();
  });

  it('is set up after a SignalWire integration: parent number, phone number, then the API key to paste into Front', async () => {
    const [first, chosen, done] = setup.steps;
    expect(first).toMatchObject({ needs_input: true, prompt: 'Paste or type your Parent integration number here:', post_to_url: expect.stringMatching(/transition\/dependency_choice$/) });
    expect(first!.output).toContain(`1 - ${setup.signalwire.table}`);
    expect(chosen).toMatchObject({ needs_input: true, prompt: 'Paste or type your Phone number here:' });
    expect(done).toMatchObject({ complete: true, error_code: '' });
    expect(done!.output).toMatch(/^Almost there! You can now finish installing the SignalWire Channel in Front\./);
  });

  it('is refused without a SignalWire integration in the organization: no_candidate_dependency, nothing created', async () => {
    const orgKey = `e2e_chan_none_${randomUUID().slice(0, 8)}`;
    const org = stack.adminClient().withToken((await stack.adminClient().createOrganization('No SignalWire', orgKey)).token);
    const step = await org.createIntegration(orgKey, CHANNEL_SERVICE);
    expect(step).toMatchObject({ complete: true, error_code: 'no_candidate_dependency' });
    expect(step.output).toMatch(/^This integration requires SignalWire Messages to sync/);
    const listed = await org.request<{ items: unknown[] }>('GET', `/v1/organizations/${orgKey}/service_integrations`);
    expect(listed.body.items).toEqual([]);
  });

  it('answers authorization with the channel webhook url, at the channel path and at the /authorization alias', async () => {
    for (const path of ['channel', 'authorization']) {
      const answer = await sendChannelEvent(stack, setup, { type: 'authorization', payload: { channel_id: 'cha_e2e' } }, { path });
      expect(answer).toMatchObject({ status: 200, json: { type: 'success', webhook_url: `${stack.ingressUrl}/v1/install/front_signalwire/channel` } });
    }
  });

  it('checks params, then the API key, then the signature, each refusal recorded for the audit log', async () => {
    const message = buildFrontChannelEvent('message', buildFrontChannelMessage());
    const cases: [string, Awaited<ReturnType<typeof sendChannelEvent>>, number, string][] = [
      ['unknown type, no key, bad signature', await sendChannelEvent(stack, setup, { type: 'nope' }, { authorization: null, signWith: 'wrong' }), 400, 'type must be one of'],
      ['malformed JSON', await sendChannelEvent(stack, setup, '{"type":', { authorization: null }), 400, 'malformed JSON body'],
      ['no key, bad signature', await sendChannelEvent(stack, setup, message, { authorization: null, signWith: 'wrong' }), 401, 'Missing Authorization header'],
      ['Basic auth', await sendChannelEvent(stack, setup, message, { authorization: 'Basic abc' }), 401, 'Expected Bearer authorization'],
      ['unknown key, bad signature', await sendChannelEvent(stack, setup, message, { authorization: 'Bearer sk/svi_x/nope', signWith: 'wrong' }), 401, 'Invalid API key'],
      ['bad signature', await sendChannelEvent(stack, setup, message, { signWith: 'wrong' }), 401, 'invalid signature'],
      ['stale timestamp', await sendChannelEvent(stack, setup, message, { timestamp: String(Date.now() - 600_000) }), 401, 'stale timestamp'],
      ['another integration in the alias path', await sendChannelEvent(stack, setup, message, { path: `message/${setup.signalwire.opaqueId}` }), 401, 'does not belong'],
    ];
    for (const [name, answer, status, reason] of cases) {
      expect({ name, status: answer.status, reason: answer.headers.get('whdb-rejected-reason') }).toEqual({ name, status, reason: expect.stringContaining(reason) });
    }
    expect(cases.filter(([, answer]) => answer.status === 401 && (answer.json as { code?: string }).code === 'unauthenticated').map(([name]) => name)).toEqual([
      'no key, bad signature',
      'Basic auth',
      'unknown key, bad signature',
      'another integration in the alias path',
    ]);
    for (const [, , status, reason] of cases) await rejected.waitFor((m) => m.json<{ status: number; reason: string }>().status === status && m.json<{ reason: string }>().reason.includes(reason));
    expect(JSON.stringify(rejected.messages.map((m) => m.json()))).not.toContain(setup.channel.apiKey);
    const unknownPath = await fetch(`${stack.ingressUrl}/v1/install/front_signalwire/elsewhere`, { method: 'POST' });
    expect(unknownPath.status).toBe(404);
    expect((await sendChannelEvent(stack, setup, message, { method: 'DELETE', path: 'authorization' })).status).toBe(405);
  });

  it('makes a message to several recipients one row and one SMS command per recipient, once, however often Front retries', async () => {
    const message = buildFrontChannelMessage({ to: ['(222) 333-4444', '5556667777'], cc: ['9990001111'], text: 'Your order shipped' });
    const body = buildFrontChannelEvent('message', message);
    const ids = [`${message['id']}-+12223334444`, `${message['id']}-+15556667777`];
    const answer = await sendChannelEvent(stack, setup, body);
    expect(answer).toMatchObject({ status: 200, json: { type: 'success', external_id: ids.join(','), external_conversation_id: '+12223334444,+15556667777' } });
    const sends = await Promise.all(ids.map((id) => waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === id)));
    expect(sends.map((c) => [c.type, c.idempotency_key, c['from'], c['to'], c['body'], c.attempt])).toEqual([
      ['signalwire.send_sms', `fsmca-fims-${ids[0]}`, SUPPORT, '+12223334444', 'Your order shipped', 1],
      ['signalwire.send_sms', `fsmca-fims-${ids[1]}`, SUPPORT, '+15556667777', 'Your order shipped', 1],
    ]);
    expect(sends[0]!.row).toMatchObject({ external_id: ids[0], front_message_id: message['id'], recipient: '+12223334444', sender: SUPPORT });
    expect(sends[0]!['signalwire']).toMatchObject({ opaque_id: setup.signalwire.opaqueId });
    // Front retries the delivery, at the primary path and at the seed's alias: same answer, no second command.
    expect(await sendChannelEvent(stack, setup, body)).toMatchObject({ status: 200, json: answer.json });
    expect(await sendChannelEvent(stack, setup, body, { path: `message/${setup.channel.opaqueId}` })).toMatchObject({ status: 200, json: answer.json });
    await settle();
    expect(commandsOf(commands, setup.channel.opaqueId, (c) => ids.includes(c.external_id))).toHaveLength(2);
    expect((await channelRows('front_message_id = $1', [message['id']])).map((r) => [r['external_id'], r['signalwire_sid'], r['direction']])).toEqual([
      [ids[0], null, 'outbound'],
      [ids[1], null, 'outbound'],
    ]);
  });

  it('completes each row with its own sid from its delivery result, and then never re-imports those SMS (no echo)', async () => {
    const message = buildFrontChannelMessage({ to: ['3334445555', '6667778888'], text: 'Two of you' });
    await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', message));
    const ids = [`${message['id']}-+13334445555`, `${message['id']}-+16667778888`];
    const sends = await Promise.all(ids.map((id) => waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === id)));
    const sids = ['SMecho-a-' + randomUUID().slice(0, 8), 'SMecho-b-' + randomUUID().slice(0, 8)];
    for (const [index, send] of sends.entries()) {
      await results.publish(`whdb.inbound.${CHANNEL_SERVICE}`, `${setup.channel.opaqueId}:${send.external_id}`, {
        type: 'delivery.result',
        id: randomUUID(),
        correlation_id: randomUUID(),
        produced_at: new Date().toISOString(),
        integration: send.channel,
        command_key: send.idempotency_key,
        resource: { ...send.row!, signalwire_sid: sids[index]! },
      });
    }
    for (const [index, id] of ids.entries()) await eventually(async () => (await rowOf(id))['signalwire_sid'] === sids[index], { description: `${id} completed` });
    // SignalWire's poll then stores the channel's own sends (outbound-api from support): not mirrored back into Front.
    for (const [index, sid] of sids.entries()) {
      await deliverSms(stack, setup, buildSignalwireMessage({ sid, direction: 'outbound-api', from: SUPPORT, to: index === 0 ? '+13334445555' : '+16667778888', status: 'delivered', body: 'Two of you' }, new Date()));
    }
    await eventually(async () => (await probe.rows(setup.orgKey, setup.signalwire.table, 'signalwire_id = ANY($1)', [sids])).length === 2, { description: 'the SMS rows' });
    await settle();
    expect(commandsOf(commands, setup.channel.opaqueId, (c) => sids.includes(c.external_id))).toEqual([]);
    expect(await channelRows('external_id = ANY($1)', [sids])).toEqual([]);
  });

  it('sends an autoreply as an SMS too, and answers message_imported with {}', async () => {
    const body = buildFrontChannelEvent('message_autoreply', buildFrontChannelAutoreply('msg_asked', { to: ['4445556666'] }));
    expect(await sendChannelEvent(stack, setup, body)).toMatchObject({ status: 200, json: { type: 'success', external_id: 'msg_asked_autoreply-+14445556666' } });
    await waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === 'msg_asked_autoreply-+14445556666' && c.type === 'signalwire.send_sms');
    const imported = buildFrontChannelEvent('message_imported', { ...buildFrontChannelMessage(), metadata: { external_conversation_id: '+14445556666' } });
    expect(await sendChannelEvent(stack, setup, imported)).toMatchObject({ status: 200, json: {} });
  });

  it('refuses a message without a to recipient with a 400', async () => {
    const answer = await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', buildFrontChannelMessage({ to: [], cc: ['2223334444'] })));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: expect.stringContaining("at least one 'to' recipient") });
  });

  it('mirrors an inbound SMS to the support number into a channel row and one inbound import command', async () => {
    const sms = buildSignalwireMessage({ direction: 'inbound', from: '+17778889999', to: SUPPORT, status: 'received', body: 'Where is my order?' }, new Date());
    await deliverSms(stack, setup, sms);
    const command = await waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === sms['sid']);
    expect(command).toMatchObject({
      type: 'front.import_message',
      direction: 'inbound',
      channel_id: 'cha_e2e',
      idempotency_key: `fsmca-fims-${sms['sid']}`,
      external_conversation_id: '+17778889999',
      sender: '+17778889999',
      recipient: SUPPORT,
      body: 'Where is my order?',
      signalwire_sid: sms['sid'],
      attempt: 1,
    });
    expect(await rowOf(String(sms['sid']))).toMatchObject({ signalwire_sid: sms['sid'], front_message_id: null, direction: 'inbound', sender: '+17778889999' });
    await deliverSms(stack, setup, { ...sms, date_updated: signalwireTime(new Date(Date.now() + 1000)) });
    await settle();
    expect(commandsOf(commands, setup.channel.opaqueId, (c) => c.external_id === sms['sid'])).toHaveLength(1);
  });

  it('imports an SMS sent from the support number outside Front as outbound', async () => {
    const sms = buildSignalwireMessage({ direction: 'outbound-api', from: SUPPORT, to: '+18889990000', status: 'delivered', body: 'Bulk notice' }, new Date());
    await deliverSms(stack, setup, sms);
    const command = await waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === sms['sid']);
    expect(command).toMatchObject({ type: 'front.import_message', direction: 'outbound', external_conversation_id: '+18889990000', sender: SUPPORT, recipient: '+18889990000' });
  });

  it('puts exactly one failure notice into Front per failed sid, whatever happens to the SMS row afterwards', async () => {
    const at = new Date();
    const sms = buildSignalwireMessage({ direction: 'outbound-api', from: SUPPORT, to: '+12345678901', status: 'failed', error_code: 30007, error_message: 'Carrier violation', body: 'This text is longer than twenty-six characters' }, at);
    await deliverSms(stack, setup, sms);
    const notice = await waitForCommand(commands, setup.channel.opaqueId, (c) => c.idempotency_key === `fsmca-swfail-${sms['sid']}`);
    expect(notice).toMatchObject({ type: 'front.import_message', direction: 'inbound', sender: '+12345678901', recipient: SUPPORT, external_id: sms['sid'], row: null, body: 'SMS failed to send. Error (30007): Carrier violation\nThis text is longer than t' });
    await stack.reconciler!.stop();
    await stack.reconciler!.start();
    await deliverSms(stack, setup, { ...sms, status: 'undelivered', date_updated: signalwireTime(new Date(at.getTime() + 5000)) });
    await eventually(async () => (await probe.rows(setup.orgKey, setup.signalwire.table, 'signalwire_id = $1', [sms['sid']]))[0]?.['status'] === 'undelivered', { description: 'the updated SMS row' });
    await settle();
    expect(commandsOf(commands, setup.channel.opaqueId, (c) => c.idempotency_key === `fsmca-swfail-${sms['sid']}`)).toHaveLength(1);
  });

  it('marks messages older than the 48 h cutoff skipped_due_to_age and issues nothing for them', async () => {
    const old = buildFrontChannelMessage({ to: ['2120001111'], createdAt: Date.now() / 1000 - 3 * 86_400 });
    await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', old));
    const sms = buildSignalwireMessage({ direction: 'inbound', from: '+13130001111', to: SUPPORT, status: 'received' }, new Date(Date.now() - 3 * 86_400_000));
    await deliverSms(stack, setup, sms);
    await eventually(async () => (await rowOf(`${old['id']}-+12120001111`))['signalwire_sid'] === 'skipped_due_to_age', { description: 'the old Front message skipped' });
    await eventually(async () => (await rowOf(String(sms['sid'])))['front_message_id'] === 'skipped_due_to_age', { description: 'the old SMS skipped' });
    await settle();
    expect(commandsOf(commands, setup.channel.opaqueId, (c) => c.external_id === sms['sid'] || c.external_id === `${old['id']}-+12120001111`)).toEqual([]);
  });

  it('is deleted by Front: the integration and its table go, the SignalWire integration stays, the key stops working', async () => {
    const stored = await probe.rows<{ external_id: string }>(setup.orgKey, setup.channel.table);
    expect(stored.length).toBeGreaterThan(0);
    const rowChanges = await new TopicWatcher(process.env['KAFKA_BROKERS']!, Topics.rows(CHANNEL_SERVICE)).start();
    try {
      const answer = await sendChannelEvent(stack, setup, { type: 'delete', payload: { channel_id: 'cha_e2e' } }, { method: 'DELETE' });
      expect(answer).toMatchObject({ status: 200, json: {} });
      // Every row's delete reaches the change stream (docs/topics.md#deletes-and-tombstones): op d with
      // the row as it was, then a tombstone for compaction.
      const ours = (m: { key: string | null }) => m.key?.startsWith(`${setup.channel.opaqueId}:`) ?? false;
      await eventually(() => rowChanges.messages.filter((m) => ours(m) && m.value === null).length === stored.length, { description: 'a tombstone per channel row' });
      const deletes = rowChanges.messages.filter((m) => ours(m) && m.value !== null).map((m) => m.json<RowChangeEvent>()).filter((e) => e.op === 'd');
      expect(deletes.map((e) => e.before?.['external_id']).sort()).toEqual(stored.map((r) => r.external_id).sort());
      expect(deletes.every((e) => e.after === null && e.source.table === setup.channel.table)).toBe(true);
    } finally {
      await rowChanges.stop();
    }
    const listed = await setup.org.request<{ items: { opaque_id: string }[] }>('GET', `/v1/organizations/${setup.orgKey}/service_integrations`);
    expect(listed.body.items.map((i) => i.opaque_id)).toEqual([setup.signalwire.opaqueId]);
    const tables = await probe.query('SELECT 1 FROM pg_tables WHERE tablename = $1', [setup.channel.table]);
    expect(tables).toEqual([]);
    const again = await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', buildFrontChannelMessage()));
    expect(again).toMatchObject({ status: 401, json: { message: 'Invalid API key', code: 'unauthenticated' } });
  });
});
