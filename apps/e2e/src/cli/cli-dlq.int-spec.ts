import { eventually, runWhdb, TableProbe, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration, postSignedAccount, setUpIncreaseIntegration } from '../stack-fixture';

interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  error_code: string | null;
  value: string | null;
  redriven_at: string | null;
}

const INBOUND = 'whdb.inbound.increase_account_v1';
const DLQ = `${INBOUND}.dlq`;

/**
 * `whdb dlq list|redrive` (docs/cli.md#dlq; runbook docs/runbooks/drain-a-dlq.md), the real binary
 * with the admin token against the running stack: a projector event whose table is missing is
 * dead-lettered; the CLI lists it; once the table is back, its redrive lands the row, and a second
 * redrive publishes nothing.
 */
describe('whdb dlq', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let integration: IncreaseIntegration;
  let admin: Record<string, string>;

  const table = () => `whdb_org_${integration.orgKey}.${integration.table}`;
  /** Every message of the DLQ, page by page, as a script would read them. */
  const allDeadLetters = async (): Promise<DeadLetter[]> => {
    const items: DeadLetter[] = [];
    let cursor: string[] = [];
    for (;;) {
      const run = await runWhdb(['dlq', 'list', DLQ, '--limit', '500', ...cursor, '--json'], admin);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const page = JSON.parse(run.stdout) as { items: DeadLetter[]; next_cursor: string | null };
      items.push(...page.items);
      if (!page.next_cursor) return items;
      cursor = ['--cursor', page.next_cursor];
    }
  };

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! }).start();
    probe = await TableProbe.connect(process.env.DATABASE_URL!);
    integration = await setUpIncreaseIntegration(stack, 'cli_dlq');
    admin = { WHDB_API_URL: stack.apiUrl, WHDB_TOKEN: stack.adminToken };
  });

  afterAll(async () => {
    await stack?.stop();
    if (integration) await probe?.dropOrganizationSchema(integration.orgKey);
    await probe?.close();
  });

  it('lists a poisoned message, and redrives it once the cause is fixed: the row lands, a second redrive publishes nothing', async () => {
    // Poison: the integration's table disappears (an operator renamed it by mistake).
    await probe.query(`ALTER TABLE ${table()} RENAME TO ${integration.table}_away`);
    const { account, response } = await postSignedAccount(stack, integration, { name: 'Dead lettered' });
    expect(response.status).toBe(202);
    const accountId = String(account['id']);
    const letter = await eventually(async () => (await allDeadLetters()).find((item) => item.value?.includes(accountId)) ?? false, { timeoutMs: 30_000, description: 'the dead letter' });
    expect(letter).toMatchObject({ error_code: 'not_found', key: `${integration.opaqueId}:${accountId}`, redriven_at: null });
    const position = `${letter.partition}:${letter.offset}`;

    const topics = await runWhdb(['dlq', 'list'], admin);
    expect(topics.code).toBe(0);
    expect(topics.stdout).toMatch(/^TOPIC +MESSAGES\n/);
    expect(topics.stdout).toMatch(new RegExp(`^${DLQ.replace(/\./g, '\\.')} +[1-9]\\d*$`, 'm'));
    // The page that starts at the message (a cursor is a position).
    const messages = await runWhdb(['dlq', 'list', DLQ, '--cursor', position, '--limit', '1'], admin);
    expect(messages.stdout).toMatch(/^POSITION +KEY +ERROR CODE +FAILED AT +REDRIVEN +ERROR\n/);
    const [, , line] = messages.stdout.split('\n');
    expect(line).toMatch(new RegExp(`^${position} +${integration.opaqueId}:${accountId} +not_found +\\S+ +- +.*Missing table`));

    // Fix the cause, then redrive.
    await probe.query(`ALTER TABLE ${table()}_away RENAME TO ${integration.table}`);
    const redriven = await runWhdb(['dlq', 'redrive', DLQ, position], admin);
    expect(redriven).toMatchObject({ code: 0, stderr: '', stdout: `Redrove 1 message of ${DLQ} to ${INBOUND}: ${position}.\n` });
    const [row] = await eventually(async () => {
      const rows = await probe.rows<{ increase_id: string; name: string }>(integration.orgKey, integration.table, 'increase_id = $1', [accountId]);
      return rows.length === 1 ? rows : false;
    }, { description: 'the redriven row' });
    expect(row).toMatchObject({ increase_id: accountId, name: 'Dead lettered' });

    const again = await runWhdb(['dlq', 'redrive', DLQ, position, '--json'], admin);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ topic: DLQ, original_topic: INBOUND, redriven: [], already_redriven: [{ partition: letter.partition, offset: letter.offset }] });
    const whole = await runWhdb(['dlq', 'redrive', DLQ, '--all'], admin);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(new RegExp(`^Already redriven before, not published again: .*\\b${position}\\b`, 'm'));
    expect((await allDeadLetters()).find((item) => `${item.partition}:${item.offset}` === position)?.redriven_at).toEqual(expect.any(String));
  });

  it("is refused to an organization's token, and says what is wrong with bad arguments", async () => {
    const org = { WHDB_API_URL: stack.apiUrl, WHDB_TOKEN: integration.token };
    const refused = await runWhdb(['dlq', 'list', '--json'], org);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('whdb: Only the admin token may read or redrive dead letters.\n');
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'forbidden', status: 403 });

    expect(await runWhdb(['dlq', 'list', INBOUND], admin)).toMatchObject({ code: 2, stderr: `whdb: "${INBOUND}" is not a dead-letter topic; its dead letters are in ${DLQ}.\n` });
    expect(await runWhdb(['dlq', 'redrive', DLQ], admin)).toMatchObject({ code: 2, stderr: 'whdb: Give either the messages (<partition>:<offset> ...) or --all.\n' });
    const missing = await runWhdb(['dlq', 'redrive', DLQ, '0:999999999'], admin);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`whdb: ${DLQ} holds no message at 0:999999999.\n`);
  });
});
