import { eventually, JsonResponse, TableProbe, TopicWatcher, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from './stack-fixture';

interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  dlq_headers: Record<string, string>;
  error: string | null;
  error_code: string | null;
  original_topic: string | null;
  correlation_id: string | null;
  value: string | null;
  redriven_at: string | null;
}

const INBOUND = 'whdb.inbound.increase_account_v1';
const DLQ = `${INBOUND}.dlq`;

/**
 * Dead letters through the admin api (docs/behaviour/dead-letters.md): a projector event whose
 * table is missing is dead-lettered; once the table is back, a redrive lands the row, and a
 * second redrive of the same message publishes nothing.
 */
describe('dead letters: list and redrive, end to end', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let integration: IncreaseIntegration;
  let inbound: TopicWatcher;

  const admin = () => stack.adminClient();
  const allDeadLetters = async (): Promise<DeadLetter[]> => {
    const items: DeadLetter[] = [];
    let cursor: string | null = null;
    do {
      const page: JsonResponse<{ items: DeadLetter[]; next_cursor: string | null }> = await admin().request('GET', `/v1/admin/dlq?topic=${DLQ}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.next_cursor;
    } while (cursor);
    return items;
  };
  const table = () => `whdb_org_${integration.orgKey}.${integration.table}`;

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']! }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    integration = await setUpIncreaseIntegration(stack, 'e2e_dlq');
    inbound = await new TopicWatcher(process.env['KAFKA_BROKERS']!, INBOUND).start();
  });

  afterAll(async () => {
    await inbound?.stop();
    await stack?.stop();
    if (integration) await probe?.dropOrganizationSchema(integration.orgKey);
    await probe?.close();
  });

  it('is for the admin token only, and refuses topics that are not dead-letter topics', async () => {
    expect((await integration.client.request('GET', '/v1/admin/dlq')).status).toBe(403);
    expect((await integration.client.request('POST', '/v1/admin/dlq/redrive', { topic: DLQ, all: true })).status).toBe(403);
    expect((await admin().request('GET', `/v1/admin/dlq?topic=${INBOUND}`)).status).toBe(400);
    expect((await admin().request('POST', '/v1/admin/dlq/redrive', { topic: DLQ })).status).toBe(400);
    expect((await admin().request('POST', '/v1/admin/dlq/redrive', { topic: DLQ, messages: [{ partition: 'x', offset: '1' }] })).status).toBe(400);
  });

  it('dead-letters an event whose table is missing, lists it with its error, and redrives it once the table is back', async () => {
    // Poison: the integration's table disappears (an operator renamed it by mistake).
    await probe.query(`ALTER TABLE ${table()} RENAME TO ${integration.table}_away`);
    const { account, response } = await postSignedAccount(stack, integration, { name: 'Dead lettered' });
    expect(response.status).toBe(202);
    const accountId = String(account['id']);

    const letter = await eventually(async () => (await allDeadLetters()).find((item) => item.value?.includes(accountId)) ?? false, { timeoutMs: 30_000, description: 'the dead letter' });
    expect(letter).toMatchObject({ topic: DLQ, error_code: 'not_found', original_topic: INBOUND, key: `${integration.opaqueId}:${accountId}`, redriven_at: null });
    expect(letter.error).toContain('Missing table');
    expect(Object.keys(letter.dlq_headers)).toEqual(expect.arrayContaining(['x-dlq-error', 'x-dlq-error-code', 'x-dlq-original-topic', 'x-dlq-original-partition', 'x-dlq-original-offset', 'x-dlq-failed-at']));
    const summary = await admin().request<{ topics: { topic: string; messages: number }[] }>('GET', '/v1/admin/dlq');
    expect(summary.body.topics.find((topic) => topic.topic === DLQ)?.messages).toBeGreaterThanOrEqual(1);

    // Fix the cause, then redrive.
    await probe.query(`ALTER TABLE ${table()}_away RENAME TO ${integration.table}`);
    const position = { partition: letter.partition, offset: letter.offset };
    const redriven = await admin().request('POST', '/v1/admin/dlq/redrive', { topic: DLQ, messages: [position] });
    expect(redriven.status).toBe(200);
    expect(redriven.body).toEqual({ topic: DLQ, original_topic: INBOUND, redriven: [position], already_redriven: [] });
    const [row] = await eventually(async () => {
      const rows = await probe.rows<{ increase_id: string; name: string }>(integration.orgKey, integration.table, 'increase_id = $1', [accountId]);
      return rows.length === 1 ? rows : false;
    }, { description: 'the redriven row' });
    expect(row).toMatchObject({ increase_id: accountId, name: 'Dead lettered' });

    // Idempotent: the same message again, or the whole topic, publishes nothing more of it.
    const again = await admin().request('POST', '/v1/admin/dlq/redrive', { topic: DLQ, messages: [position] });
    expect(again.body).toEqual({ topic: DLQ, original_topic: INBOUND, redriven: [], already_redriven: [position] });
    const whole = await admin().request<{ already_redriven: unknown[] }>('POST', '/v1/admin/dlq/redrive', { topic: DLQ, all: true });
    expect(whole.status).toBe(200);
    expect(whole.body.already_redriven).toContainEqual(position);
    const from = `${DLQ}:${position.partition}:${position.offset}`;
    await inbound.waitFor((message) => message.headers['x-whdb-redriven-from'] === from);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(inbound.messages.filter((message) => message.headers['x-whdb-redriven-from'] === from)).toHaveLength(1);
    const redrivenCopy = inbound.messages.find((message) => message.headers['x-whdb-redriven-from'] === from)!;
    expect(Object.keys(redrivenCopy.headers).some((name) => name.startsWith('x-dlq-'))).toBe(false);

    const listed = (await allDeadLetters()).find((item) => item.partition === position.partition && item.offset === position.offset);
    expect(listed?.redriven_at).toEqual(expect.any(String));
  });

  it('answers a redrive of an offset that holds no message with a 4xx and redrives nothing', async () => {
    const response = await admin().request('POST', '/v1/admin/dlq/redrive', { topic: DLQ, messages: [{ partition: 0, offset: '999999999' }] });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('holds no message') } });
  });
});
