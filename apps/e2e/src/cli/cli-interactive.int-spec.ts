import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startWhdbOnPty, WhdbStack } from '@whdb/testing';
import { CliUser, loggedInUser, newConfigHome, storedWebhookSecret } from './cli-fixture';

// The `whdb` binary on a pseudo-terminal against the running stack, as an operator uses it
// (docs/cli.md): prompts, hidden secrets, answers asked again after a refusal.
describe('whdb on a terminal', () => {
  let stack: WhdbStack;
  let user: CliUser;

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! }).start();
    user = await loggedInUser(stack, 'cli_pty');
  });

  afterAll(async () => {
    await user?.cleanUp();
    await stack?.stop();
  });

  it('logs in with a hidden token and saves it in a 0600 file', async () => {
    const configHome = await newConfigHome();
    const orgKey = `cli_login_${randomBytes(3).toString('hex')}`;
    const { token } = await stack.adminClient().createOrganization('login org', orgKey);
    const session = await startWhdbOnPty(['login'], { XDG_CONFIG_HOME: configHome });
    await session.waitFor('Api URL: [http://127.0.0.1:18002]');
    session.typeLine(stack.apiUrl);
    await session.waitFor('Token: (input is hidden)');
    session.typeLine(token);
    await session.waitFor('Organization key (empty for none):');
    session.typeLine(orgKey);
    expect(await session.exited).toBe(0);
    expect(session.text).toContain(`Logged in to ${stack.apiUrl} (organization ${orgKey}).`);
    expect(session.raw).not.toContain(token);
    const file = path.join(configHome, 'whdb', 'config.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ api_url: stack.apiUrl, token, org: orgKey });
  });

  it('creates an integration, asking for the webhook secret without echoing it', async () => {
    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    const session = await startWhdbOnPty(['integrations', 'create', 'increase_account_v1'], user.env);
    await session.waitFor('Paste or type your secret here: (input is hidden)');
    // Typed key by key, with a correction, as a person would.
    session.type(`${secret}x`);
    session.type('\u007f');
    session.type('\r');
    expect(await session.exited).toBe(0);
    expect(session.raw).not.toContain(secret);
    expect(session.raw).not.toContain(secret.slice(0, 12));
    const text = session.text;
    expect(text).toContain('Great! WebhookDB is now listening for Increase Account webhooks at:');
    const sint = /Integration (svi_\w+) is set up; its table is (increase_account_v1_\w+)\./.exec(text)!;
    expect(sint).not.toBeNull();
    expect(await storedWebhookSecret(user, sint[1])).toBe(secret);
  });

  it('asks for the table name again after a wrong one before deleting', async () => {
    const created = await user.client.request<{ service_integration: { table_name: string } }>('POST', `/v1/organizations/${user.orgKey}/service_integrations/create`, {
      service_name: 'increase_account_v1',
      guard_confirm: true,
    });
    const step = created.body;
    const table = step.service_integration.table_name;
    const session = await startWhdbOnPty(['integrations', 'delete', table], user.env);
    await session.waitFor(`Please confirm by entering the table name ${table}:`);
    session.typeLine('not_the_table');
    await session.waitFor('error: Please confirm the deletion by entering the table name.');
    await session.waitFor(`Please confirm by entering the table name ${table}:`, { times: 2 });
    session.typeLine(table);
    expect(await session.exited).toBe(0);
    expect(session.text).toContain(`the tables ${table} have been dropped.`);
    expect(session.text.split('error: Please confirm the deletion').length - 1).toBe(1);
    const list = await user.client.request<{ items: { table_name: string }[] }>('GET', `/v1/organizations/${user.orgKey}/service_integrations`);
    expect(list.body.items.map((item) => item.table_name)).not.toContain(table);
  });

  it('asks before creating a second integration of a service, and creates nothing on "n"', async () => {
    const before = await user.client.request<{ items: unknown[] }>('GET', `/v1/organizations/${user.orgKey}/service_integrations`);
    expect(before.body.items.length).toBeGreaterThan(0);
    const session = await startWhdbOnPty(['integrations', 'create', 'increase_account_v1'], user.env);
    await session.waitFor('Are you sure you want to create another one? (y/n)');
    session.typeLine('n');
    expect(await session.exited).toBe(1);
    expect(session.text).toContain('whdb: Cancelled: nothing was created.');
    const after = await user.client.request<{ items: unknown[] }>('GET', `/v1/organizations/${user.orgKey}/service_integrations`);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('stops at Ctrl-C at a prompt with status 130', async () => {
    const session = await startWhdbOnPty(['integrations', 'create', 'increase_account_v1', '--yes'], user.env);
    await session.waitFor('Paste or type your secret here:');
    session.type('\u0003');
    expect(await session.exited).toBe(130);
    expect(session.text).toMatch(/whdb: Interrupted\. The integration svi_\w+ exists; answer its setup with: whdb integrations reset svi_\w+/);
  });
});
