import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, runWhdb, WhdbStack } from '@whdb/testing';
import { CliUser, loggedInUser, newConfigHome, storedWebhookSecret } from './cli-fixture';

// `whdb` in scripts and CI (docs/cli.md#non-interactive-use): stdin is not a terminal, answers
// come from flags, --json prints one JSON document, and every failure is one line with a status.
describe('whdb in scripts', () => {
  let stack: WhdbStack;
  let user: CliUser;

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! }).start();
    user = await loggedInUser(stack, 'cli_json');
  });

  afterAll(async () => {
    await user?.cleanUp();
    await stack?.stop();
  });

  it('creates and lists integrations with --json, answers from --value-env, nothing else on stdout', async () => {
    const secret = `whsec_${randomBytes(12).toString('hex')}`;
    const created = await runWhdb(['integrations', 'create', 'increase_account_v1', '--value-env', 'webhook_secret=CI_SECRET', '--json'], { ...user.env, CI_SECRET: secret });
    expect(created.code).toBe(0);
    const step = JSON.parse(created.stdout);
    expect(step).toMatchObject({ complete: true, needs_input: false, error_code: '', service_integration: { service_name: 'increase_account_v1' } });
    expect(created.stderr).toContain('Great! WebhookDB is now listening');
    expect(created.stdout + created.stderr).not.toContain(secret);
    expect(await storedWebhookSecret(user, step.service_integration.opaque_id)).toBe(secret);

    const listed = await runWhdb(['integrations', 'list', '--json'], user.env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).items).toContainEqual(step.service_integration);

    const info = await runWhdb(['integrations', 'info', step.service_integration.opaque_id, 'url', '--json'], user.env);
    expect(JSON.parse(info.stdout)).toEqual({ blocks: [{ type: 'line', value: `${stack.ingressUrl}/v1/service_integrations/${step.service_integration.opaque_id}` }] });
  });

  it('deletes with --confirm, and a wrong --confirm fails without a terminal to ask', async () => {
    const created = await runWhdb(['integrations', 'create', 'increase_account_v1', '--yes', '--value', 'webhook_secret=s', '--json'], user.env);
    const { opaque_id, table_name } = JSON.parse(created.stdout).service_integration;
    const wrong = await runWhdb(['integrations', 'delete', opaque_id, '--confirm', 'nope', '--json'], user.env);
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.stdout).error).toMatchObject({ code: 'usage', field: 'confirm', exit_code: 2 });
    expect(wrong.stderr).toMatch(/^whdb: Missing a value for confirm .* pass --confirm <table name>/m);
    const deleted = await runWhdb(['integrations', 'delete', opaque_id, '--confirm', table_name, '--json'], user.env);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout).message).toContain(`the tables ${table_name} have been dropped`);
  });

  it('fails with a missing answer, naming the field (status 2)', async () => {
    const run = await runWhdb(['integrations', 'create', 'increase_account_v1', '--yes'], user.env);
    expect(run.code).toBe(2);
    const lastLine = run.stderr.trim().split('\n').pop()!;
    expect(lastLine).toMatch(/^whdb: Missing a value for webhook_secret \("Paste or type your secret here:"\), and stdin is not a terminal to ask: pass --value webhook_secret=\.\.\. The integration svi_\w+ exists/);
  });

  it('exits 3 when not logged in or the token is refused, 4 when the api is unreachable', async () => {
    const nobody = await runWhdb(['integrations', 'list'], { XDG_CONFIG_HOME: await newConfigHome() });
    expect(nobody).toMatchObject({ code: 3, stdout: '', stderr: 'whdb: Not logged in: run `whdb login` (or set WHDB_API_URL and WHDB_TOKEN).\n' });
    const refused = await runWhdb(['integrations', 'list', '--json'], { ...user.env, WHDB_TOKEN: 'whdb_not_a_token' });
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'unauthenticated', status: 401, exit_code: 3 });
    const nothingThere = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await runWhdb(['integrations', 'list'], { ...user.env, WHDB_API_URL: nothingThere });
    expect(unreachable.code).toBe(4);
    expect(unreachable.stderr).toBe(`whdb: Could not reach the api at ${nothingThere} (ECONNREFUSED).\n`);
  });

  it("exits 1 with the api's one-line reason, 2 on bad usage, 5 for an endpoint this api lacks", async () => {
    const unknown = await runWhdb(['integrations', 'info', 'svi_doesnotexist'], user.env);
    expect(unknown).toMatchObject({ code: 1, stderr: 'whdb: There is no service integration with that identifier.\n' });
    const invalid = await runWhdb(['integrations', 'create', 'no_such_service_v1', '--json'], user.env);
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout).error).toMatchObject({ code: 'invalid_service', status: 400 });
    const usage = await runWhdb(['integrations', 'frobnicate'], user.env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("error: unknown command 'frobnicate'");
    // An older api without the rebuild endpoint (every path 404, as an api answers for a route it lacks).
    const older = createServer((_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404,"message":"Cannot POST"}'));
    await new Promise<void>((resolve) => older.listen(0, '127.0.0.1', resolve));
    try {
      const olderUrl = `http://127.0.0.1:${(older.address() as AddressInfo).port}`;
      const later = await runWhdb(['integrations', 'rebuild', 'increase_account_v1_0000'], { ...user.env, WHDB_API_URL: olderUrl });
      expect(later.code).toBe(5);
      expect(later.stderr).toMatch(/^whdb: `whdb integrations rebuild` is not available yet on this server \(POST \/v1\/organizations\/\w+\/service_integrations\/increase_account_v1_0000\/rebuild answered 404\)\.\n$/);
    } finally {
      older.close();
    }
  });

  it('prints the table DDL of a replicator without a login or an api', async () => {
    const run = await runWhdb(['fixture', 'increase_account_v1', '--schema', 'test', '--table', 'accounts'], { XDG_CONFIG_HOME: await newConfigHome() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CREATE TABLE IF NOT EXISTS "test"."accounts" (\n  "pk" bigserial PRIMARY KEY,\n  "increase_id" text UNIQUE NOT NULL,');
    expect(run.stdout).toContain('CREATE INDEX IF NOT EXISTS "accounts_updated_at_idx" ON "test"."accounts" ("updated_at");');
    const unknown = await runWhdb(['fixture', 'nope_v1'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"nope_v1" is not a service this whdb knows\. Services: [a-z0-9_, ]*\bincrease_account_v1\b/);
  });

  it('shows examples in --help', async () => {
    const help = await runWhdb(['backfill', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:\n  $ whdb backfill svi_abc123 --wait');
    expect(help.stdout).toContain('--incremental');
  });
});
