import { eventually, TableProbe, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from './stack-fixture';

/** "A message we accepted (2xx) must end up in Postgres even if a service crashes right after." */
describe('durability of accepted webhooks across crashes', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let integration: IncreaseIntegration;
  const count = () => probe.query<{ n: string }>(`SELECT count(*) AS n FROM whdb_org_${integration.orgKey}.${integration.table}`).then(([r]) => Number(r!.n));

  beforeAll(async () => {
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      // A killed projector's partitions are handed over after the session timeout.
      env: { WHDB_CONSUMER_SESSION_TIMEOUT_MS: '6000' },
      // 300 webhooks are sent at once: this file is about crashes, not overload (docs/operations.md#overload).
      ingressEnv: { WHDB_INGRESS_MAX_IN_FLIGHT: '0' },
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    integration = await setUpIncreaseIntegration(stack, 'durable');
  });

  afterAll(async () => {
    await stack?.stop();
    if (integration?.orgKey) await probe?.dropOrganizationSchema(integration.orgKey);
    await probe?.close();
  });

  it('keeps a webhook acknowledged just before the ingress is killed', async () => {
    const { account, response } = await postSignedAccount(stack, integration);
    expect(response.status).toBe(202);
    await stack.ingress.crash();
    await eventually(async () => (await probe.rows(integration.orgKey, integration.table, 'increase_id = $1', [account['id']])).length === 1);
    await stack.ingress.start();
  });

  it('stores everything accepted while the projector was down, once it is back', async () => {
    await stack.projector().crash();
    const sent: unknown[] = [];
    for (let i = 0; i < 25; i += 1) {
      const { account, response } = await postSignedAccount(stack, integration);
      expect(response.status).toBe(202);
      sent.push(account['id']);
    }
    await stack.projector().start(60_000);
    const stored = await eventually(
      async () => {
        const rows = await probe.rows<{ increase_id: string }>(integration.orgKey, integration.table, 'increase_id = ANY($1)', [sent]);
        return rows.length === sent.length ? rows : false;
      },
      { timeoutMs: 90_000, description: 'every accepted account to be stored' },
    );
    expect(new Set(stored.map((r) => r.increase_id))).toEqual(new Set(sent));
  });

  it('loses nothing and duplicates nothing when the projector is killed mid-stream', async () => {
    const before = await count();
    const sends = Array.from({ length: 300 }, () => postSignedAccount(stack, integration));
    const results = await Promise.all(sends);
    expect(results.every((r) => r.response.status === 202)).toBe(true);
    await stack.projector().crash();
    await stack.projector().start(60_000);
    await eventually(async () => (await count()) === before + 300, { timeoutMs: 90_000, description: '300 more rows' });
    const ids = results.map((r) => r.account['id']);
    const dupes = await probe.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT increase_id FROM whdb_org_${integration.orgKey}.${integration.table} WHERE increase_id = ANY($1) GROUP BY increase_id HAVING count(*) > 1) d`,
      [ids],
    );
    expect(Number(dupes[0]!.n)).toBe(0);
  });
});
