import { randomUUID } from 'node:crypto';
import { buildFrontChannelEvent, buildFrontChannelMessage, buildSignalwireMessage, eventually, FakeSignalwire, readMetric, TableProbe, TopicWatcher, WhdbStack } from '@whdb/testing';
import { CHANNEL_SERVICE, channelStackEnv, ChannelSetup, commandsOf, sendChannelEvent, setUpChannel, settle, waitForCommand } from './channel-fixture';

/**
 * The reconciler's sweep (docs/behaviour/channel.md#sweep) with a fast clock: a row whose command
 * never converges it (no outbound sender runs here) is re-issued with a growing backoff and the
 * next attempt number, up to the retry cap, then the organization is alerted once and the row is
 * left alone. An import waiting for Front's authorization goes out once the channel is authorized.
 */
describe('Front SignalWire channel: the sweep re-issues unconverged rows, with backoff and a cap', () => {
  const brokers = process.env['KAFKA_BROKERS']!;
  let fake: FakeSignalwire;
  let stack: WhdbStack;
  let probe: TableProbe;
  let commands: TopicWatcher;
  let setup: ChannelSetup;

  beforeAll(async () => {
    fake = await new FakeSignalwire({ space: 'sweep' }).addMessages(buildSignalwireMessage()).start();
    stack = await new WhdbStack({
      kafkaBrokers: brokers,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1', CHANNEL_SERVICE],
      env: channelStackEnv(fake),
      reconciler: { WHDB_RECONCILER_SWEEP_INTERVAL_SECONDS: '1', WHDB_RECONCILER_RETRY_BASE_SECONDS: '1', WHDB_RETRY_BACKOFF_MAX_SECONDS: '2', WHDB_RECONCILER_MAX_ATTEMPTS: '3' },
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    commands = await new TopicWatcher(brokers, 'whdb.commands.outbound').start();
    setup = await setUpChannel(stack, fake, 'e2e_sweep');
  });

  afterAll(async () => {
    if (process.env['DEBUG_LOGS']) console.log(stack.reconciler?.logTail(200));
    await commands?.stop();
    await stack?.stop();
    if (setup) await probe?.dropOrganizationSchema(setup.orgKey);
    await probe?.close();
    await fake?.stop();
  });

  it('re-issues an unsent SMS with attempts 2 and 3, backing off, then alerts once and stops', async () => {
    const message = buildFrontChannelMessage({ to: ['2223334444'], text: 'Are you there?' });
    await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', message));
    const externalId = `${message['id']}-+12223334444`;
    const sent = () => commandsOf(commands, setup.channel.opaqueId, (c) => c.external_id === externalId);
    await waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === externalId && c.attempt === 3);
    const attempts = sent();
    expect(attempts.map((c) => [c.attempt, c.idempotency_key])).toEqual([
      [1, `fsmca-fims-${externalId}`],
      [2, `fsmca-fims-${externalId}`],
      [3, `fsmca-fims-${externalId}`],
    ]);
    const issuedAt = attempts.map((c) => Date.parse(String(c['issued_at'])));
    expect(issuedAt[1]! - issuedAt[0]!).toBeGreaterThanOrEqual(1000);
    expect(issuedAt[2]! - issuedAt[1]!).toBeGreaterThanOrEqual(2000);
    await eventually(() => stack.reconciler!.logTail(400).includes('errors/front_signalwire_channel_send_sms'), { description: 'the org alert', timeoutMs: 15_000 });
    await settle(4000);
    expect(sent()).toHaveLength(3);
    // Once: the alert counter below (the log line itself may have left the kept tail by now).
    const probeUrl = stack.reconciler!.options.probeUrl;
    expect(await readMetric(probeUrl, 'whdb_reconciler_commands_total', { type: 'signalwire.send_sms', reason: 'retry' })).toBe(2);
    expect(await readMetric(probeUrl, 'whdb_reconciler_alerts_total')).toBe(1);
    expect(await readMetric(probeUrl, 'whdb_reconciler_sweeps_total', { outcome: 'done' })).toBeGreaterThan(3);
  });

  it('imports an inbound SMS once Front authorizes the channel (its id is the import address)', async () => {
    const sms = buildSignalwireMessage({ direction: 'inbound', from: '+17770001111', to: '+15550001111', status: 'received' }, new Date());
    const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${setup.signalwire.opaqueId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(setup.signalwire.webhookSecret).toString('base64')}` },
      body: JSON.stringify(sms),
    });
    expect(response.status).toBe(202);
    await eventually(async () => (await probe.rows(setup.orgKey, setup.channel.table, 'external_id = $1', [sms['sid']])).length === 1, { description: 'the channel row', timeoutMs: 45_000, diagnose: () => stack.logs() });
    await settle(1500);
    expect(commandsOf(commands, setup.channel.opaqueId, (c) => c.external_id === sms['sid'])).toEqual([]);
    const channelId = `cha_${randomUUID().slice(0, 8)}`;
    expect((await sendChannelEvent(stack, setup, { type: 'authorization', payload: { channel_id: channelId } })).status).toBe(200);
    const command = await waitForCommand(commands, setup.channel.opaqueId, (c) => c.external_id === sms['sid']);
    expect(command).toMatchObject({ type: 'front.import_message', channel_id: channelId, attempt: 1 });
  });
});
