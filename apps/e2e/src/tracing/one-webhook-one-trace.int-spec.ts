import { randomUUID } from 'node:crypto';
import { JsonObject } from '@whdb/core';
import { buildFrontChannelEvent, buildFrontChannelMessage, buildSignalwireMessage, CollectedSpan, eventually, FakeOtlpCollector, FakeSignalwire, TableProbe, WhdbStack } from '@whdb/testing';
import { CHANNEL_SERVICE, channelStackEnv, ChannelSetup, sendChannelEvent, setUpChannel } from '../channel/channel-fixture';

const CUSTOMER = '+17775550100';
/** OTLP `SpanKind` numbers. */
const Kind = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

/**
 * One webhook, one trace, across the services as separate processes (docs/operations.md#tracing):
 * every service exports OTLP/HTTP JSON to a collector in this test. A reply typed by a Front agent
 * goes ingress -> projector (upsert, row change through the outbox) -> reconciler (command) ->
 * outbound sender (SignalWire call, delivery result) -> projector again, and every span of it
 * hangs under the ingress request span through `traceparent` in the Kafka headers.
 */
describe('Tracing: the spans of one webhook form one trace across the services', () => {
  const brokers = process.env['KAFKA_BROKERS']!;
  let collector: FakeOtlpCollector;
  let signalwire: FakeSignalwire;
  let stack: WhdbStack;
  let probe: TableProbe;
  let setup: ChannelSetup;
  const channelId = `cha_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    collector = await new FakeOtlpCollector().start();
    signalwire = await new FakeSignalwire({ space: 'trace' }).addMessages(buildSignalwireMessage()).start();
    stack = await new WhdbStack({
      kafkaBrokers: brokers,
      databaseUrl: process.env['DATABASE_URL']!,
      replicators: ['signalwire_message_v1', CHANNEL_SERVICE],
      env: {
        ...channelStackEnv(signalwire),
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      reconciler: { WHDB_RECONCILER_RETRY_BASE_SECONDS: '3600', WHDB_RETRY_BACKOFF_MAX_SECONDS: '3600' },
      outboundSender: { SIGNALWIRE_SMS_ALLOWLIST: '+1777*', WHDB_RETRY_BACKOFF_MAX_SECONDS: '2' },
      startTimeoutMs: 150_000,
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    setup = await setUpChannel(stack, signalwire, 'e2e_trace');
    const connected = await sendChannelEvent(stack, setup, { type: 'authorization', payload: { channel_id: channelId } });
    expect(connected.status).toBe(200);
  }, 300_000);

  afterAll(async () => {
    if (process.env['DEBUG_LOGS']) console.log(stack?.logs());
    await stack?.stop();
    if (setup) await probe?.dropOrganizationSchema(setup.orgKey);
    await probe?.close();
    await signalwire?.stop();
    await collector?.stop();
  });

  it('follows an agent reply from the ingress request to the SignalWire call and back into the table, with correct parents', async () => {
    const reply = buildFrontChannelMessage({ to: ['(777) 555-0100'], text: 'Traced reply' });
    const answer = await sendChannelEvent(stack, setup, buildFrontChannelEvent('message', reply));
    expect(answer.status).toBe(200);
    const correlationId = answer.headers.get('x-correlation-id');
    const externalId = `${reply['id']}-${CUSTOMER}`;
    await eventually(async () => ((await probe.rows<JsonObject>(setup.orgKey, setup.channel.table, 'external_id = $1 AND signalwire_sid IS NOT NULL', [externalId])).length === 1), { description: 'the reply row converged' });
    expect(signalwire.sent.filter((m) => m['body'] === 'Traced reply')).toHaveLength(1);

    const channelInbound = `whdb.inbound.${CHANNEL_SERVICE}`;
    const channelRows = `whdb.rows.${CHANNEL_SERVICE}`;
    const projector = `projector-${CHANNEL_SERVICE}`;
    const spans = await eventually(
      () => {
        const server = collector.spans.find((span) => span.kind === Kind.server && span.attributes['whdb.correlation_id'] === correlationId);
        if (!server) return false;
        const trace = collector.trace(server.traceId);
        const upserts = trace.filter((span) => span.name === `upsert ${CHANNEL_SERVICE}`);
        const whole = trace.every((span) => span === server || trace.some((parent) => parent.spanId === span.parentSpanId));
        const sent = trace.some((span) => span.kind === Kind.client && span.service === 'outbound-sender');
        return whole && sent && upserts.length >= 2 ? { server, trace } : false;
      },
      { description: 'the whole trace at the collector', timeoutMs: 30_000 },
    );
    const { server, trace } = spans;
    const childOf = (parent: CollectedSpan, service: string, name: string, kind: number): CollectedSpan => {
      const found = trace.filter((span) => span.parentSpanId === parent.spanId && span.service === service && span.name === name && span.kind === kind);
      if (found.length === 0) throw new Error(`no ${name} (${service}) under ${parent.name} (${parent.service}); trace: ${trace.map((s) => `${s.service}:${s.name}`).join(', ')}`);
      return found[0]!;
    };

    expect(server).toMatchObject({ service: 'ingress', name: 'POST /v1/install/front_signalwire/:channel_path', parentSpanId: '' });
    expect(server.attributes['http.response.status_code']).toBe(200);
    // ingress -> projector: the channel row, its upsert, its row change relayed from the outbox.
    const ingressPublish = childOf(server, 'ingress', `publish ${channelInbound}`, Kind.producer);
    const projected = childOf(ingressPublish, projector, `process ${channelInbound}`, Kind.consumer);
    const upsert = childOf(projected, projector, `upsert ${CHANNEL_SERVICE}`, Kind.client);
    expect(upsert.attributes).toMatchObject({ 'db.system.name': 'postgresql', 'db.operation.name': 'upsert' });
    const rowChange = childOf(upsert, projector, `publish ${channelRows}`, Kind.producer);
    // projector -> reconciler: the decision and its command.
    const reconciled = childOf(rowChange, 'reconciler', `process ${channelRows}`, Kind.consumer);
    const decision = childOf(reconciled, 'reconciler', `reconcile ${channelRows}`, Kind.internal);
    const command = childOf(decision, 'reconciler', 'publish whdb.commands.outbound', Kind.producer);
    // reconciler -> outbound sender: the SignalWire call, then the delivery result back to the projector.
    const received = childOf(command, 'outbound-sender', 'process whdb.commands.outbound', Kind.consumer);
    const execution = childOf(received, 'outbound-sender', 'execute signalwire.send_sms', Kind.internal);
    const call = childOf(execution, 'outbound-sender', 'POST', Kind.client);
    expect(call.attributes['url.full']).toMatch(/\/Messages\.json$/);
    expect(call.attributes['http.response.status_code']).toBe(201);
    const result = childOf(execution, 'outbound-sender', `publish ${channelInbound}`, Kind.producer);
    const resultProjected = childOf(result, projector, `process ${channelInbound}`, Kind.consumer);
    childOf(resultProjected, projector, `upsert ${CHANNEL_SERVICE}`, Kind.client);

    expect(new Set(trace.map((span) => span.service))).toEqual(new Set(['ingress', projector, 'reconciler', 'outbound-sender']));
    expect(trace.filter((span) => span.parentSpanId === '')).toEqual([server]);
  });
});
