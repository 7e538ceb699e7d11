import { JsonObject } from '@whdb/core';
import { ChannelFakes, DEMO_CUSTOMER_NUMBER, DEMO_SUPPORT_NUMBER, eventually, runChannelDemo, startChannelFakes, TableProbe, WhdbStack } from '@whdb/testing';

/**
 * `npm run up -- --demo channel` (tools/up/channel-demo.mjs) runs `runChannelDemo` against the
 * stack it started with the fakes' environment. Here the same steps run against the stack as
 * processes: they must tell each step, and each message must reach its fake exactly once.
 */
describe('npm run up --demo channel: the channel demo against the fakes', () => {
  let fakes: ChannelFakes;
  let stack: WhdbStack;
  let probe: TableProbe;
  let orgKey: string | undefined;

  beforeAll(async () => {
    fakes = await startChannelFakes({ allowlist: DEMO_CUSTOMER_NUMBER });
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1', 'front_signalwire_message_channel_app_v1'],
      env: fakes.env,
      reconciler: true,
      outboundSender: true,
      startTimeoutMs: 90_000,
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    if (orgKey) await probe?.dropOrganizationSchema(orgKey);
    await probe?.close();
    await fakes?.stop();
  });

  it('sets the channel up, turns a Front reply into one SMS and an inbound SMS into one Front import, telling each step', async () => {
    // Generous waits: on a busy shared machine one message can take many seconds through four processes.
    const lines: string[] = [];
    const result = await runChannelDemo({ apiUrl: stack.apiUrl, ingressUrl: stack.ingressUrl, adminToken: stack.adminToken, fakes, say: (line) => lines.push(line), timeoutMs: 110_000 });
    orgKey = result.channel.orgKey;
    expect(lines.filter((line) => /^\d\. /.test(line)).map((line) => line.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.']);
    expect(lines.join('\n')).toContain(`-> SignalWire fake got an SMS: from ${DEMO_SUPPORT_NUMBER} to ${DEMO_CUSTOMER_NUMBER}`);
    expect(lines.join('\n')).toContain(`-> Front fake got an inbound import into channel ${result.channel.channel.frontChannelId}: from ${DEMO_CUSTOMER_NUMBER}`);
    expect(fakes.signalwire.sent.map((m) => [m['from'], m['to'], m['body']])).toEqual([[DEMO_SUPPORT_NUMBER, DEMO_CUSTOMER_NUMBER, 'Hi! Your order shipped today.']]);
    expect(fakes.front.imports.map((i) => [i.direction, i.handle, i.body])).toEqual([['inbound', DEMO_CUSTOMER_NUMBER, 'Great, thank you!']]);
    const rows = await eventually(
      async () => {
        const found = await probe.rows<JsonObject>(result.channel.orgKey, result.channel.channel.table);
        return found.length === 2 && found.every((r) => r['signalwire_sid'] !== null && r['front_message_id'] !== null) ? found : false;
      },
      { description: 'both channel rows converged', timeoutMs: 60_000 },
    );
    expect(rows.map((r) => [r['direction'], r['signalwire_sid']])).toEqual([
      ['outbound', result.sms['sid']],
      ['inbound', result.frontImport.externalId],
    ]);
  }, 300_000);
});
