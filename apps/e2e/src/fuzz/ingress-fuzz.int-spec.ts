import fc from 'fast-check';
import { buildSignalwireMessage, FakeSignalwire, frontAppWebhookHeaders, frontChannelHeaders, fuzzParameters, TableProbe, WhdbStack } from '@whdb/testing';
import { hostileBody, hostileHeaders, method, METHODS, nodeParsesMethod, pathSegment, queryString } from './http-input.arbitrary';
import { rawHttp, rawHttpJudgingTheAnswer } from './raw-http';
import { expectClientError, expectNoServerError } from './safe-answer';
import { IncreaseIntegration, setUpIncreaseIntegration } from '../stack-fixture';
import { CHANNEL_APP_SECRET, channelStackEnv, ChannelSetup, setUpChannel } from '../channel/channel-fixture';

/**
 * Issue 6, "Bad input": the public ingress over real HTTP (its own process, real Kafka and
 * Postgres). Whatever arrives unsigned, it answers a 4xx (never a 5xx) without internal detail
 * (docs/bad-input.md). Signed deliveries are fuzzed in ingress-signed-accounts-fuzz.int-spec.ts.
 */
const FRONT_SECRET = 'fuzz-front-app-secret';
const FRONT_ROUTE = '/v1/install/front/webhook';
const CHANNEL_ROUTES = ['/v1/install/front_signalwire/channel', '/v1/install/front_signalwire/authorization', '/v1/install/front_signalwire/message/svi_x'];

describe('fuzz: the ingress answers bad input with a clean 4xx', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let integration: IncreaseIntegration;
  let fake: FakeSignalwire;
  let channel: ChannelSetup;

  beforeAll(async () => {
    fake = await new FakeSignalwire({ space: 'fuzz' }).addMessages(buildSignalwireMessage()).start();
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, replicators: [], env: { FRONT_APP_SECRET: FRONT_SECRET, ...channelStackEnv(fake) } }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    integration = await setUpIncreaseIntegration(stack, 'fuzz_ingress');
    channel = await setUpChannel(stack, fake, 'fuzz_channel');
  });

  afterAll(async () => {
    await stack?.stop();
    if (integration?.orgKey) await probe?.dropOrganizationSchema(integration.orgKey);
    if (channel?.orgKey) await probe?.dropOrganizationSchema(channel.orgKey);
    await probe?.close();
    await fake?.stop();
  });

  /** `/v1/service_integrations/<id>[/<rest>]<query>` with the real id or a hostile one. */
  const webhookTarget = () =>
    fc
      .record({
        id: fc.oneof(pathSegment(), fc.constant('{own}')),
        rest: fc.array(pathSegment(), { maxLength: 3 }),
        query: queryString(),
      })
      .map(({ id, rest, query }) => ({ own: id === '{own}', target: `/v1/service_integrations/${id === '{own}' ? integration.opaqueId : id}${rest.map((s) => `/${s}`).join('')}${query}` }));

  it('answers a clean 4xx to any unsigned delivery: any method, id, sub-path, headers and body', async () => {
    await fc.assert(
      fc.asyncProperty(method(), webhookTarget(), hostileHeaders(), hostileBody(), async (m, { target }, headers, body) => {
        const response = await rawHttpJudgingTheAnswer(stack.ingressUrl, { method: m, target, headers, body: nodeParsesMethod(m) ? body : body.subarray(0, 1_000) });
        expectClientError(response);
      }),
      fuzzParameters(300),
    );
  });

  it('refuses with 401 a delivery to the real integration with a forged or malformed signature', async () => {
    const signature = fc.oneof(
      fc.record({ 'increase-webhook-signature': fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('t=,v1=', 't=2024-01-01T00:00:00Z,v1=00', `t=${new Date().toISOString()},v1=${'a'.repeat(64)}`, ',,,=', 't=9999999999999,v1=x')) }),
      fc.record({ 'x-bank-webhook-signature': fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('sha256=', `sha256=${'0'.repeat(64)}`, 'SHA256=zz')) }),
    );
    await fc.assert(
      fc.asyncProperty(signature, hostileBody(), async (headers, body) => {
        const printable = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace(/[^\x20-\x7e]/g, '?')]));
        const response = await rawHttpJudgingTheAnswer(stack.ingressUrl, { method: 'POST', target: `/v1/service_integrations/${integration.opaqueId}`, headers: { 'content-type': 'application/json', ...printable }, body });
        expectClientError(response);
        expect([401, 413]).toContain(response.status);
      }),
      fuzzParameters(150),
    );
  });

  it('answers a clean 4xx to any unsigned or forged Front application event (docs/replicators/front_message_v1.md#routing)', async () => {
    await fc.assert(
      fc.asyncProperty(method(), hostileHeaders(), hostileBody(), async (m, headers, body) => {
        const response = await rawHttpJudgingTheAnswer(stack.ingressUrl, { method: m, target: FRONT_ROUTE, headers, body: nodeParsesMethod(m) ? body : body.subarray(0, 1_000) });
        expectClientError(response);
      }),
      fuzzParameters(150),
    );
  });

  it('never fails on a correctly signed Front event with a hostile body: 200 or a clean 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody(), async (body) => {
        const headers = frontAppWebhookHeaders(FRONT_SECRET, body.toString('utf8'));
        const response = await rawHttpJudgingTheAnswer(stack.ingressUrl, { method: 'POST', target: FRONT_ROUTE, headers, body: Buffer.from(body.toString('utf8')) });
        expectNoServerError(response);
        expect([200, 400, 401, 413]).toContain(response.status);
      }),
      fuzzParameters(150),
    );
  });

  it('answers a clean 4xx to any unsigned or forged call of the SignalWire channel (docs/behaviour/channel.md#endpoint)', async () => {
    const target = fc.oneof(fc.constantFrom(...CHANNEL_ROUTES), pathSegment().map((s) => `/v1/install/front_signalwire/${s}`), pathSegment().map((s) => `/v1/install/front_signalwire/message/${s}`));
    const authorization = fc.option(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('Bearer ', 'Bearer sk/svi_x/y', 'Basic eDp5')), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(method(), target, hostileHeaders(), authorization, hostileBody(), async (m, t, headers, auth, body) => {
        const withAuth = auth === undefined ? headers : { ...headers, authorization: auth.replace(/[^\x20-\x7e]/g, '?') };
        const response = await rawHttpJudgingTheAnswer(stack.ingressUrl, { method: m, target: t, headers: withAuth, body: nodeParsesMethod(m) ? body : body.subarray(0, 1_000) });
        expectClientError(response);
      }),
      fuzzParameters(150),
    );
  });

  it("never fails on a hostile body signed with the channel's app secret and key: 200 or a clean 4xx", async () => {
    await fc.assert(
      // POST only: a bodiless DELETE is Front's `delete`, which would (rightly) remove the channel.
      fc.asyncProperty(fc.constant('POST'), hostileBody(), async (m, body) => {
        const text = body.toString('utf8');
        const headers = frontChannelHeaders(CHANNEL_APP_SECRET, channel.channel.apiKey, text);
        const response = await rawHttpJudgingTheAnswer(stack.ingressUrl, { method: m, target: '/v1/install/front_signalwire/channel', headers, body: Buffer.from(text) });
        expectNoServerError(response);
        expect([200, 400, 413]).toContain(response.status);
      }),
      fuzzParameters(150),
    );
  });

  it.each([1_048_577, 4_000_000])('answers 413 to a %i-byte body (over WHDB_MAX_BODY_BYTES), and the client gets that answer', async (size) => {
    for (const method of ['POST', 'GET', 'PUT']) {
      for (const target of [`/v1/service_integrations/${integration.opaqueId}`, '/v1/service_integrations/svi_unknown', FRONT_ROUTE, CHANNEL_ROUTES[0]!]) {
        const response = await rawHttp(stack.ingressUrl, { method, target, headers: { 'content-type': 'application/json' }, body: Buffer.alloc(size, 0x20) });
        expect({ method, target, status: response.status }).toEqual({ method, target, status: 413 });
      }
    }
  });

  it.each(['%C0%AE', '%ff', '%E0%A4%A'])('answers 400 to a sub-path that is not UTF-8 once percent-decoded (%s), and the client gets that answer', async (segment) => {
    for (const size of [0, 200_000]) {
      const response = await rawHttp(stack.ingressUrl, { method: 'POST', target: `/v1/service_integrations/${integration.opaqueId}/${segment}`, headers: { 'content-type': 'application/json' }, body: Buffer.alloc(size, 0x20) });
      expect({ size, status: response.status }).toEqual({ size, status: 400 });
      expectClientError(response);
    }
  });

  it('answers the probes to GET, and a clean 4xx to other methods, queries and sub-paths', async () => {
    const probePath = fc.constantFrom('/healthz', '/readyz', '/metrics');
    await fc.assert(
      fc.asyncProperty(method(), probePath, fc.oneof(fc.constant(''), pathSegment().map((s) => `/${s}`)), queryString(), async (m, path, sub, query) => {
        const response = await rawHttp(stack.ingressUrl, { method: m, target: `${path}${sub}${query}` });
        expectNoServerError(response);
        const served = (m === 'GET' || m === 'HEAD') && sub === '';
        if (!served) expect(response.status).toBeGreaterThanOrEqual(400);
      }),
      fuzzParameters(150),
    );
  });

  it('answers a clean 4xx to unknown routes and dot segments, with every method', async () => {
    const segments = fc.array(pathSegment(), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    const target = fc.oneof(segments.map((s) => `/${s}`), segments.map((s) => `/v1/${s}`), segments.map((s) => `/v1/service_integrations/../${s}`), fc.constantFrom('/', '//', '/v1', '/v1/service_integrations', '/v1/service_integrations/', '*'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), target, async (m, t) => {
        fc.pre(!['/healthz', '/readyz', '/metrics'].includes(t));
        expectClientError(await rawHttp(stack.ingressUrl, { method: m, target: t }));
      }),
      fuzzParameters(150),
    );
  });
});
