import { eventually, readMetric, TableProbe, TopicWatcher, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from './stack-fixture';

interface RowEvent {
  op: string;
  source: { lsn: number };
}

/**
 * Two projector processes share one replicator's partitions. Each publishes its own row-change
 * events from its own outbox lanes (no lock shared between them), and killing one mid-stream
 * loses no row and no row-change event: the survivor takes its partitions over and publishes
 * what the dead one had committed but not yet published (docs/architecture.md#row-change-events).
 */
describe('two projector replicas, one topic with several partitions', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let integration: IncreaseIntegration;
  let rows: TopicWatcher;

  const rowCount = () => probe.query<{ n: string }>(`SELECT count(*) AS n FROM whdb_org_${integration.orgKey}.${integration.table}`).then(([r]) => Number(r!.n));
  const eventsByAccount = (): Map<string, RowEvent[]> => {
    const byKey = new Map<string, RowEvent[]>();
    for (const message of rows.messages) {
      if (!message.key?.startsWith(`${integration.opaqueId}:`)) continue;
      const key = message.key.slice(integration.opaqueId.length + 1);
      byKey.set(key, [...(byKey.get(key) ?? []), message.json<RowEvent>()]);
    }
    return byKey;
  };
  const send = async (count: number) => {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 50) {
      const results = await Promise.all(Array.from({ length: Math.min(50, count - start) }, () => postSignedAccount(stack, integration)));
      expect(results.map((r) => r.response.status).filter((s) => s !== 202)).toEqual([]);
      ids.push(...results.map((r) => String(r.account['id'])));
    }
    return ids;
  };

  beforeAll(async () => {
    stack = await new WhdbStack({
      kafkaBrokers: process.env['KAFKA_BROKERS']!,
      databaseUrl: process.env['DATABASE_URL']!,
      projectorReplicas: 2,
      // A killed projector's partitions are handed over after the session timeout.
      env: { WHDB_CONSUMER_SESSION_TIMEOUT_MS: '6000' },
    }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    integration = await setUpIncreaseIntegration(stack, 'replicas');
    rows = await new TopicWatcher(process.env['KAFKA_BROKERS']!, 'whdb.rows.increase_account_v1').start();
  });

  afterAll(async () => {
    await rows?.stop();
    await stack?.stop();
    if (integration?.orgKey) await probe?.dropOrganizationSchema(integration.orgKey);
    await probe?.close();
  });

  it('splits the partitions, and both replicas publish row-change events', async () => {
    const ids = await send(400);
    await eventually(async () => (await rowCount()) === 400, { timeoutMs: 60_000, description: '400 rows' });
    await eventually(() => ids.every((id) => eventsByAccount().has(id)), { timeoutMs: 30_000, description: 'a row-change event per account' });
    const [first, second] = stack.projectorReplicas.get('increase_account_v1')!;
    const published = await Promise.all([first!, second!].map((p) => readMetric(p.options.probeUrl, 'whdb_row_changes_published_total')));
    expect(published.every((count) => count > 0)).toBe(true);
    expect(published[0]! + published[1]!).toBeGreaterThanOrEqual(400);
  });

  it('loses no row and no row-change event when one replica is killed mid-stream', async () => {
    const [, victim] = stack.projectorReplicas.get('increase_account_v1')!;
    const before = await rowCount();
    const sending = send(600);
    await eventually(async () => (await rowCount()) >= before + 100, { timeoutMs: 30_000, description: 'the stream to be under way' });
    await victim!.crash();
    const ids = await sending;
    await eventually(async () => (await rowCount()) === before + 600, { timeoutMs: 90_000, description: '600 more rows' });
    await eventually(() => ids.every((id) => eventsByAccount().has(id)), { timeoutMs: 60_000, description: 'a row-change event for every account' });
    // At least once: a replay may repeat an event, and then it repeats its position too.
    for (const id of ids) {
      const distinct = new Map(eventsByAccount().get(id)!.map((event) => [event.source.lsn, event.op]));
      expect([...distinct.values()]).toEqual(['c']);
    }
    const dupes = await probe.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT increase_id FROM whdb_org_${integration.orgKey}.${integration.table} GROUP BY increase_id HAVING count(*) > 1) d`,
    );
    expect(Number(dupes[0]!.n)).toBe(0);
  });
});
