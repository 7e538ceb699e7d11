import { eventually, runWhdb, TableProbe, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration, postSignedAccount } from '../stack-fixture';
import { CliUser, increaseIntegrationOf, loggedInUser } from './cli-fixture';

interface LoggedWebhook {
  id: string;
  service_integration_opaque_id: string;
  request_body: string;
  response_status: number;
  rejected_reason: string | null;
  replayable: boolean;
}

/**
 * `whdb webhooks list|replay` (docs/cli.md#webhooks), the real binary against the running stack
 * with the webhook logger: deliveries accepted and refused by the ingress are listed with the
 * api's filters and pages, and a replay brings a lost row back through the projector.
 */
describe('whdb webhooks', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let user: CliUser;
  let integration: IncreaseIntegration;
  const accepted: string[] = [];

  const listJson = async (...args: string[]): Promise<{ items: LoggedWebhook[]; next_cursor: string | null }> => {
    const run = await runWhdb(['webhooks', 'list', '--json', ...args], user.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout);
  };
  const rows = (id: string) => probe.rows<{ increase_id: string; name: string }>(integration.orgKey, integration.table, 'increase_id = $1', [id]);

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL!, webhookLogger: true }).start();
    probe = await TableProbe.connect(process.env.DATABASE_URL!);
    user = await loggedInUser(stack, 'cli_hooks');
    integration = await increaseIntegrationOf(user);
    // One at a time, each logged before the next: the log is ordered by insertion.
    const logged = (count: number) => eventually(async () => (await listJson()).items.length === count, { timeoutMs: 30_000, description: `${count} deliveries logged` });
    for (const name of ['First', 'Second', 'Third']) {
      const { account, response } = await postSignedAccount(stack, integration, { name });
      expect(response.status).toBe(202);
      accepted.push(String(account['id']));
      await logged(accepted.length);
    }
    const unsigned = await fetch(`${stack.ingressUrl}/v1/service_integrations/${integration.opaqueId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": "account_unsigned"}' });
    expect(unsigned.status).toBe(401);
    await logged(4);
  });

  afterAll(async () => {
    await user?.cleanUp();
    await stack?.stop();
    if (user) await probe?.dropOrganizationSchema(user.orgKey);
    await probe?.close();
  });

  it('lists deliveries newest first as a table, with the reason of a refusal', async () => {
    const run = await runWhdb(['webhooks', 'list'], user.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [header, rule, ...lines] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +RECEIVED +INTEGRATION +METHOD +PATH +STATUS +NOTE$/);
    expect(rule).toMatch(/^-+( +-+){6}$/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^\\d+ +\\S+ +${integration.opaqueId} +POST +/v1/service_integrations/${integration.opaqueId} +401 +missing hmac$`));
    expect(lines.slice(1).every((line) => / 202$/.test(line))).toBe(true);
  });

  it("filters by status, integration and time under the api's query names", async () => {
    const rejected = await listJson('--status', 'rejected');
    expect(rejected.items).toHaveLength(1);
    expect(rejected.items[0]).toMatchObject({ response_status: 401, rejected_reason: 'missing hmac', replayable: false });
    const byTable = await listJson('--integration', integration.table, '--status', 'accepted');
    expect(byTable.items.map((item) => JSON.parse(item.request_body).id)).toEqual([...accepted].reverse());
    expect((await listJson('--since', '1h')).items).toHaveLength(4);
    expect((await listJson('--until', '1h')).items).toEqual([]);
    const future = await runWhdb(['webhooks', 'list', '--since', new Date(Date.now() + 60_000).toISOString()], user.env);
    expect(future).toMatchObject({ code: 0, stdout: 'No logged webhooks match.\n' });
  });

  it('pages: the printed next-page command gives the next page', async () => {
    const all = (await listJson()).items.map((item) => item.id);
    const first = await runWhdb(['webhooks', 'list', '--limit', '3', '--since', '1h'], user.env);
    expect(first.code).toBe(0);
    const next = /^Next page: whdb (webhooks list --since \S+ --limit 3 --cursor (\d+))$/m.exec(first.stdout);
    expect(next).not.toBeNull();
    const second = await listJson(...next![1]!.split(' ').slice(2));
    expect(second).toEqual({ items: [expect.objectContaining({ id: all[3] })], next_cursor: null });
  });

  it('replays chosen deliveries: a lost row comes back', async () => {
    const id = accepted[1]!;
    await eventually(async () => (await rows(id)).length === 1, { description: 'the row projected' });
    const entry = (await listJson('--status', 'accepted')).items.find((item) => item.request_body.includes(id))!;
    await probe.query(`DELETE FROM whdb_org_${integration.orgKey}.${integration.table} WHERE increase_id = $1`, [id]);

    const run = await runWhdb(['webhooks', 'replay', entry.id], user.env);
    expect(run).toMatchObject({ code: 0, stderr: '', stdout: `Sent 1 delivery through the pipeline again: ${entry.id} (${integration.opaqueId}).\n` });
    const [row] = await eventually(async () => {
      const found = await rows(id);
      return found.length === 1 ? found : false;
    }, { description: 'the replayed row' });
    expect(row).toMatchObject({ increase_id: id, name: 'Second' });

    const json = await runWhdb(['webhooks', 'replay', entry.id, entry.id, '--json'], user.env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ items: [{ id: entry.id, event_id: expect.any(String), service_integration_opaque_id: integration.opaqueId }] });
  });

  it("refuses a refused delivery with the api's reason, and a replay by filter with the way to pick ids", async () => {
    const [refused] = (await listJson('--status', 'rejected')).items;
    const run = await runWhdb(['webhooks', 'replay', refused!.id, '--json'], user.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`whdb: Rejected deliveries cannot be replayed: ${refused!.id}.\n`);
    expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'conflict', status: 409, exit_code: 1 });

    const byFilter = await runWhdb(['webhooks', 'replay', '--since', '1h'], user.env);
    expect(byFilter.code).toBe(2);
    expect(byFilter.stderr).toMatch(/^whdb: The api replays chosen deliveries by id only, not by filter or time window\. .*\| xargs -r -n 100 whdb webhooks replay\n$/);
    expect((await runWhdb(['webhooks', 'replay'], user.env)).stderr).toMatch(/^whdb: Name the deliveries to replay/);
    const badStatus = await runWhdb(['webhooks', 'list', '--status', '401'], user.env);
    expect(badStatus).toMatchObject({ code: 2, stderr: 'whdb: --status must be accepted or rejected.\n' });
  });
});
