import { eventually, readMetric, TableProbe, TcpFaultProxy, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from '../stack-fixture';

/**
 * docs/operations.md#postgres-down-at-the-ingress: while Postgres cannot be reached, the ingress
 * keeps verifying integrations it has already seen from its cache and accepts their webhooks
 * (Kafka buffers them); one it has never seen gets 503 + Retry-After, never 400. The projector
 * neither commits past nor dead-letters what it could not store, and catches up once Postgres is
 * back: every acknowledged webhook is a row exactly once.
 *
 * The shared Postgres is never stopped: the ingress and the projector reach it through a
 * `TcpFaultProxy` this test cuts (connections reset, new ones refused) and pauses (no byte moves).
 */
describe('ingress while Postgres is down', () => {
  const databaseUrl = process.env['DATABASE_URL']!;
  const { proxy, rewrite } = TcpFaultProxy.forUrl(databaseUrl);
  let stack: WhdbStack;
  let probe: TableProbe;
  let seen: IncreaseIntegration;
  let unseen: IncreaseIntegration;

  beforeAll(async () => {
    await proxy.start();
    const viaProxy = { DATABASE_URL: rewrite(proxy.port) };
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl,
      // A 1 s cache, so that the outage outlives every cached entry and the stale path answers.
      env: { WHDB_INTEGRATION_CACHE_SECONDS: '1', WHDB_INGRESS_LOOKUP_TIMEOUT_MS: '1000' },
      ingressEnv: viaProxy,
      projectorEnv: viaProxy,
    }).start();
    probe = await TableProbe.connect(databaseUrl);
    seen = await setUpIncreaseIntegration(stack, 'pgdown_seen');
    unseen = await setUpIncreaseIntegration(stack, 'pgdown_unseen');
  }, 180_000);

  afterAll(async () => {
    proxy.restore();
    await stack?.stop();
    for (const integration of [seen, unseen]) if (integration) await probe?.dropOrganizationSchema(integration.orgKey);
    await probe?.close();
    await proxy.stop();
  }, 60_000);

  const rowsOf = (ids: readonly unknown[]) => probe.rows(seen.orgKey, seen.table, 'increase_id = ANY($1::text[])', [ids]);
  const projectorMetric = (name: string) => readMetric(stack.projector().options.probeUrl, name);

  it('accepts a known integration from its cache, answers 503 for an unknown one, and the projector catches up', async () => {
    const first = await postSignedAccount(stack, seen);
    expect(first.response.status).toBe(202);
    await eventually(async () => (await rowsOf([first.account['id']])).length === 1, { description: 'the first row' });

    const acceptedIds: unknown[] = [first.account['id']];
    const deadLetteredBefore = await projectorMetric('whdb_projector_dead_lettered_total');
    const retriesBefore = await projectorMetric('whdb_projector_retries_total');

    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the cached entry is now older than its TTL
    for (let i = 0; i < 10; i++) {
      const during = await postSignedAccount(stack, seen);
      expect(during.response.status).toBe(202);
      acceptedIds.push(during.account['id']);
    }
    const unknown = await postSignedAccount(stack, unseen);
    expect(unknown.response.status).toBe(503);
    expect(Number(unknown.response.headers.get('retry-after'))).toBeGreaterThan(0);
    // The ingress stays ready: it is still doing its job (a load balancer must keep sending to it).
    expect((await fetch(`${stack.ingressUrl}/readyz`)).status).toBe(200);

    // A partition (no byte moves) rather than a refusal: lookups time out, the cache still answers.
    proxy.pause();
    for (let i = 0; i < 5; i++) {
      const during = await postSignedAccount(stack, seen);
      expect(during.response.status).toBe(202);
      acceptedIds.push(during.account['id']);
    }
    expect((await postSignedAccount(stack, unseen)).response.status).toBe(503);

    // Long enough for the projector to fail on the buffered events several times.
    await eventually(async () => (await projectorMetric('whdb_projector_retries_total')) >= retriesBefore + 2, {
      timeoutMs: 30_000,
      description: 'the projector to retry during the outage',
    });
    expect(await rowsOf(acceptedIds)).toHaveLength(1);

    proxy.restore();
    await eventually(async () => (await rowsOf(acceptedIds)).length === acceptedIds.length, {
      timeoutMs: 90_000,
      intervalMs: 500,
      description: 'the projector to catch up on every webhook accepted during the outage',
    });
    const rows = await rowsOf(acceptedIds);
    expect(new Set(rows.map((row) => row['increase_id'])).size).toBe(acceptedIds.length);
    expect(await projectorMetric('whdb_projector_dead_lettered_total')).toBe(deadLetteredBefore);

    // Back to normal: the integration never seen before is found now.
    const after = await eventually(
      async () => {
        const attempt = await postSignedAccount(stack, unseen);
        return attempt.response.status === 202 ? attempt : false;
      },
      { timeoutMs: 30_000, description: 'the unseen integration to be accepted once Postgres is back' },
    );
    expect(after.response.status).toBe(202);
  });
});
