import { eventually, runWhdb, startWhdbOnPty, TableProbe, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration, postSignedAccount } from '../stack-fixture';
import { CliUser, increaseIntegrationOf, loggedInUser } from './cli-fixture';

const URL_PATTERN = /postgres:\/\/whdb_org_\w+_analyst:[^@\s]+@[^\s/]+\/\w+/;

/**
 * `whdb db connection|roll-credentials` (docs/cli.md#db), the real binary against the running
 * stack: an analyst connects with the printed URL and reads the organization's table; after a
 * confirmed roll the old URL is refused and the new one works.
 */
describe('whdb db', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let user: CliUser;
  let integration: IncreaseIntegration;
  let accountId: string;

  /** Connects as the analyst, reads the integration's table by its plain name (the role's search_path), disconnects. */
  const readAsAnalyst = async (url: string) => {
    const analyst = await TableProbe.connect(url);
    try {
      return await analyst.query<{ increase_id: string; name: string }>(`SELECT increase_id, name FROM ${integration.table} ORDER BY pk`);
    } finally {
      await analyst.close();
    }
  };

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! }).start();
    probe = await TableProbe.connect(process.env.DATABASE_URL!);
    user = await loggedInUser(stack, 'cli_db');
    integration = await increaseIntegrationOf(user);
    const { account, response } = await postSignedAccount(stack, integration, { name: 'Readable' });
    expect(response.status).toBe(202);
    accountId = String(account['id']);
    await eventually(async () => (await probe.rows(integration.orgKey, integration.table)).length === 1, { description: 'the row projected' });
  });

  afterAll(async () => {
    await user?.cleanUp();
    await stack?.stop();
    if (user) await probe?.dropOrganizationSchema(user.orgKey);
    await probe?.close();
  });

  it("prints the read-only URL alone on stdout; an analyst reads the organization's table with it, and nothing else", async () => {
    const run = await runWhdb(['db', 'connection'], user.env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^${URL_PATTERN.source}\\n$`));
    expect(run.stdout).toContain(`whdb_org_${user.orgKey}_analyst:`);
    expect(await readAsAnalyst(run.stdout.trim())).toEqual([{ increase_id: accountId, name: 'Readable' }]);
    const analyst = await TableProbe.connect(run.stdout.trim());
    try {
      await expect(analyst.query('SELECT count(*) FROM whdb.organizations')).rejects.toThrow(/permission denied/);
      await expect(analyst.query(`DELETE FROM ${integration.table}`)).rejects.toThrow(/read-only transaction|permission denied/);
    } finally {
      await analyst.close();
    }

    const json = await runWhdb(['db', 'connection', '--json'], user.env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      connection_url: run.stdout.trim(),
      username: `whdb_org_${user.orgKey}_analyst`,
      host: expect.any(String),
      port: expect.any(Number),
      database: expect.any(String),
      schema: `whdb_org_${user.orgKey}`,
    });
  });

  it('rolls the credentials only once confirmed: the old URL is refused, the new one reads the table', async () => {
    const before = (await runWhdb(['db', 'connection'], user.env)).stdout.trim();

    const unasked = await runWhdb(['db', 'roll-credentials'], user.env);
    expect(unasked.code).toBe(2);
    expect(unasked.stderr).toMatch(/^whdb: Missing a value for confirm \("Roll the read-only credentials of \w+\? .*\(y\/n\)"\), and stdin is not a terminal to ask: pass --yes\n$/);

    const declined = await startWhdbOnPty(['db', 'roll-credentials'], user.env);
    await declined.waitFor('open analyst sessions are ended. (y/n)');
    declined.typeLine('n');
    expect(await declined.exited).toBe(1);
    expect(declined.text).toContain('whdb: Cancelled: the credentials were not rolled.');
    expect(await readAsAnalyst(before)).toHaveLength(1);

    const confirmed = await startWhdbOnPty(['db', 'roll-credentials'], user.env);
    await confirmed.waitFor('(y/n)');
    confirmed.typeLine('y');
    expect(await confirmed.exited).toBe(0);
    expect(confirmed.text).toContain(`Rolled the read-only credentials of ${user.orgKey}: the old password no longer works.`);
    const after = URL_PATTERN.exec(confirmed.text)![0];
    expect(after).not.toBe(before);
    await expect(readAsAnalyst(before)).rejects.toThrow(/password authentication failed/);
    expect(await readAsAnalyst(after)).toEqual([{ increase_id: accountId, name: 'Readable' }]);
    expect((await runWhdb(['db', 'connection'], user.env)).stdout.trim()).toBe(after);

    // In a script: --yes, the new URL in the JSON document on stdout and nowhere else.
    const scripted = await runWhdb(['db', 'roll-credentials', '--yes', '--json'], user.env);
    expect(scripted.code).toBe(0);
    const rolled = JSON.parse(scripted.stdout).connection_url as string;
    expect(rolled).toMatch(URL_PATTERN);
    expect(scripted.stderr).toBe(`Rolled the read-only credentials of ${user.orgKey}: the old password no longer works. The new URL is on stdout.\n`);
    await expect(readAsAnalyst(after)).rejects.toThrow(/password authentication failed/);
    expect(await readAsAnalyst(rolled)).toHaveLength(1);
  });
});
