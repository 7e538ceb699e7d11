import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ControlPlaneClient, eventually, runWhdb, startWhdbOnPty, WhdbStack } from '@whdb/testing';
import { postSignedAccount } from '../stack-fixture';
import { CliUser, increaseIntegrationOf, loggedInUser, newConfigHome, storedWebhookSecret } from './cli-fixture';

/**
 * `whdb org create` (docs/cli.md#login) and `whdb integrations reset` (docs/cli.md#setup), the real
 * binary against the running stack: what each changes on the server, and how each fails (one line,
 * the exit status of docs/cli.md#exit-codes, `--json` errors on stdout).
 */
describe('whdb org create and whdb integrations reset', () => {
  let stack: WhdbStack;
  let user: CliUser;
  let adminHome: string;
  let admin: Record<string, string>;
  const users: CliUser[] = [];

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! }).start();
    user = await loggedInUser(stack, 'cli_reset');
    adminHome = await newConfigHome();
    admin = { XDG_CONFIG_HOME: adminHome, WHDB_API_URL: stack.apiUrl, WHDB_TOKEN: stack.adminToken };
  });

  afterAll(async () => {
    await Promise.all([user, ...users].map((u) => u?.cleanUp()));
    await stack?.stop();
  });

  /** An Increase integration (webhook secret set) of a new organization: the api allows one per organization without asking. */
  const increaseOfNewUser = async () => {
    const owner = await loggedInUser(stack, 'cli_reset');
    users.push(owner);
    return { owner, integration: await increaseIntegrationOf(owner) };
  };

  const listWith = (token: string, orgKey: string) => new ControlPlaneClient(stack.apiUrl, token).request<{ items: unknown[] }>('GET', `/v1/organizations/${orgKey}/service_integrations`);

  it('org create prints the new organization and its admin token once, and that token administers it', async () => {
    const key = `cli_org_${randomBytes(3).toString('hex')}`;
    const human = await runWhdb(['org', 'create', 'Acme Corp.', '--key', key], admin);
    expect(human.code).toBe(0);
    const token = /Its admin token, shown only this once:\n\n {2}(\S+)\n/.exec(human.stdout)?.[1];
    expect(token).toBeDefined();
    expect(human.stdout).toMatch(new RegExp(`^Created organization Acme Corp\\. \\(key ${key}, id \\d+\\)\\.\\n`));
    expect(human.stdout).toContain(`Log in with it: whdb login --org ${key}`);
    expect(await listWith(token!, key)).toMatchObject({ status: 200, body: { items: [] } });

    const json = await runWhdb(['org', 'create', 'Json Corp', '--key', `${key}_j`, '--json'], admin);
    expect(json.code).toBe(0);
    const body = JSON.parse(json.stdout) as { organization: { id: number; key: string; name: string }; token: string };
    expect(body.organization).toEqual({ id: expect.any(Number), key: `${key}_j`, name: 'Json Corp' });
    expect((await listWith(body.token, `${key}_j`)).status).toBe(200);
    // One organization's token does not reach the other.
    expect((await listWith(body.token, key)).status).toBe(403);
  });

  it('org create --save logs in as the new organization in a 0600 file instead of printing the token', async () => {
    const home = await newConfigHome();
    const name = `Saved ${randomBytes(3).toString('hex')}`;
    const saved = await runWhdb(['org', 'create', name, '--save', '--json'], { ...admin, XDG_CONFIG_HOME: home });
    expect(saved.code).toBe(0);
    const body = JSON.parse(saved.stdout) as { organization: { key: string; name: string }; config_path: string; token?: string };
    expect(body.organization.name).toBe(name);
    expect(body.organization.key).toBe(name.toLowerCase().replace(' ', '_'));
    expect(body.config_path).toBe(path.join(home, 'whdb', 'config.json'));
    expect(body.token).toBeUndefined();
    expect((await stat(body.config_path)).mode & 0o777).toBe(0o600);
    const config = JSON.parse(await readFile(body.config_path, 'utf8')) as { api_url: string; token: string; org: string };
    expect(config).toMatchObject({ api_url: stack.apiUrl, org: body.organization.key });
    expect(saved.stdout + saved.stderr).not.toContain(config.token);
    // The saved login works on its own (no WHDB_TOKEN), as the new organization's admin.
    const listed = await runWhdb(['integrations', 'list', '--json'], { XDG_CONFIG_HOME: home });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ items: [] });
    expect((await listWith(config.token, body.organization.key)).status).toBe(200);
  });

  it('org create fails in one line: a taken key, a bad key, a token that is not the admin token, no name', async () => {
    const key = `cli_dup_${randomBytes(3).toString('hex')}`;
    expect((await runWhdb(['org', 'create', 'Dup', '--key', key], admin)).code).toBe(0);
    const taken = await runWhdb(['org', 'create', 'Dup again', '--key', key, '--json'], admin);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe(`whdb: An organization with key "${key}" already exists.\n`);
    expect(JSON.parse(taken.stdout).error).toMatchObject({ code: 'conflict', status: 409, exit_code: 1 });

    const bad = await runWhdb(['org', 'create', 'Bad', '--key', 'Bad Key!'], admin);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^whdb: key must be [^\n]*\n$/);
    expect(bad.stdout).toBe('');

    const member = await runWhdb(['org', 'create', `Not mine ${randomBytes(2).toString('hex')}`], user.env);
    expect(member.code).toBe(1);
    expect(member.stderr).toBe('whdb: Only the admin token may create organizations.\n');

    const refused = await runWhdb(['org', 'create', 'Nobody'], { ...admin, WHDB_TOKEN: 'whdb_not_a_token' });
    expect(refused.code).toBe(3);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);

    const noName = await runWhdb(['org', 'create'], admin);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("missing required argument 'name'");
  });

  it('integrations reset replaces the webhook secret: the old one is refused at the ingress, the new one accepted', async () => {
    const { owner, integration } = await increaseOfNewUser();
    expect((await postSignedAccount(stack, integration)).response.status).toBe(202);
    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    const reset = await runWhdb(['integrations', 'reset', integration.opaqueId, '--value-env', 'webhook_secret=NEW_SECRET', '--json'], { ...owner.env, NEW_SECRET: secret });
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.stdout)).toMatchObject({ complete: true, error_code: '', service_integration: { opaque_id: integration.opaqueId } });
    expect(reset.stdout + reset.stderr).not.toContain(secret);
    expect(await storedWebhookSecret(owner, integration.opaqueId)).toBe(secret);
    await eventually(async () => (await postSignedAccount(stack, integration)).response.status === 401 || false, { timeoutMs: 60_000, description: 'the old secret refused' });
    expect((await postSignedAccount(stack, { ...integration, secret })).response.status).toBe(202);
  });

  it('integrations reset on a terminal asks for the new secret hidden, and says the integration is set up again', async () => {
    const { owner, integration } = await increaseOfNewUser();
    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    const session = await startWhdbOnPty(['integrations', 'reset', integration.opaqueId], owner.env);
    await session.waitFor('(input is hidden)');
    session.typeLine(secret);
    await session.waitFor('The integration is set up again.');
    expect(await session.exited).toBe(0);
    expect(session.raw).not.toContain(secret);
    expect(await storedWebhookSecret(owner, integration.opaqueId)).toBe(secret);
  });

  it('integrations reset fails in one line: an unknown integration (1), no answer and no terminal (2, the secret is cleared)', async () => {
    const unknown = await runWhdb(['integrations', 'reset', 'svi_nope', '--json'], user.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('whdb: There is no service integration with that identifier.\n');
    expect(JSON.parse(unknown.stdout).error).toMatchObject({ status: 403, exit_code: 1 });

    const { owner, integration } = await increaseOfNewUser();
    const missing = await runWhdb(['integrations', 'reset', integration.opaqueId], owner.env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^whdb: Missing a value for webhook_secret \("Paste or type your secret here:"\), and stdin is not a terminal to ask: pass --value webhook_secret=\.\.\./);
    // docs/behaviour/state-machines.md#setup-and-reset: reset cleared the secret before asking.
    expect(await storedWebhookSecret(owner, integration.opaqueId)).toBe('');
    expect((await postSignedAccount(stack, integration)).response.status).not.toBe(202);
  });
});
