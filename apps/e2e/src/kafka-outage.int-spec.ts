import { eventually, privateKafka, TableProbe, WhdbStack } from '@whdb/testing';
import { postSignedAccount, setUpIncreaseIntegration } from './stack-fixture';

/**
 * The ingress never answers 2xx for an event Kafka did not take: while the broker is down it
 * answers 503 with Retry-After, and it accepts again (without a restart) once the broker is back.
 * Runs against a broker of its own so the shared test broker is not disturbed.
 */
describe('ingress during a Kafka outage', () => {
  let kafka: Awaited<ReturnType<typeof privateKafka>>;
  let stack: WhdbStack;
  let probe: TableProbe;
  const orgKeys: string[] = [];

  beforeAll(async () => {
    kafka = await privateKafka('e2e-outage');
    await kafka.start();
    stack = await new WhdbStack({
      kafkaBrokers: kafka.brokers,
      databaseUrl: process.env['DATABASE_URL']!,
      env: { WHDB_KAFKA_SEND_TIMEOUT_MS: '2000', WHDB_CONSUMER_SESSION_TIMEOUT_MS: '6000' },
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    for (const key of orgKeys) await probe?.dropOrganizationSchema(key);
    await probe?.close();
    await kafka?.stop();
  }, 60_000);

  it('answers 503 while Kafka is down and accepts again when it is back', async () => {
    const integration = await setUpIncreaseIntegration(stack, 'outage');
    orgKeys.push(integration.orgKey);
    const rowsOf = (id: unknown) => probe.rows(integration.orgKey, integration.table, 'increase_id = $1', [id]);

    const before = await postSignedAccount(stack, integration);
    expect(before.response.status).toBe(202);
    await eventually(async () => (await rowsOf(before.account['id'])).length === 1);

    await kafka.stop();
    const during = await postSignedAccount(stack, integration);
    expect(during.response.status).toBe(503);
    expect(during.response.headers.get('retry-after')).toBe('5');
    expect(during.response.status).not.toBeLessThan(300);

    await kafka.start();
    const after = await eventually(
      async () => {
        const attempt = await postSignedAccount(stack, integration);
        return attempt.response.status === 202 ? attempt : false;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'the ingress to accept again' },
    );
    await eventually(async () => (await rowsOf(after.account['id'])).length === 1, { timeoutMs: 90_000, description: 'the projector to store the new account' });
    // The refused delivery was never stored: the provider retries it, we do not invent it.
    expect(await rowsOf(during.account['id'])).toEqual([]);
  });
});
