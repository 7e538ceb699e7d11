import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ControlPlaneClient, runWhdb, WhdbStack } from '@whdb/testing';

/**
 * A `whdb` user of a running stack: their own config directory (XDG_CONFIG_HOME), logged in as
 * a fresh organization's admin through `whdb login` itself.
 */
export interface CliUser {
  readonly env: Record<string, string>;
  readonly configHome: string;
  readonly orgKey: string;
  /** A client with the organization's admin token (to check results through the api). */
  readonly client: ControlPlaneClient;
  /** The organization's admin token itself. */
  readonly token: string;
  cleanUp(): Promise<void>;
}

export async function newConfigHome(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'whdb-cli-e2e-'));
}

export async function loggedInUser(stack: WhdbStack, prefix: string): Promise<CliUser> {
  const configHome = await newConfigHome();
  const orgKey = `${prefix}_${randomBytes(4).toString('hex')}`;
  const created = await stack.adminClient().createOrganization(`${prefix} org`, orgKey);
  const env = { XDG_CONFIG_HOME: configHome };
  const login = await runWhdb(['login', '--api-url', stack.apiUrl, '--token-stdin', '--org', orgKey], env, created.token);
  if (login.code !== 0) throw new Error(`whdb login failed (${login.code}): ${login.stderr}`);
  return {
    env,
    configHome,
    orgKey,
    client: stack.adminClient().withToken(created.token),
    token: created.token,
    cleanUp: () => rm(configHome, { recursive: true, force: true }),
  };
}

/** The webhook secret the api stored for an integration (`info webhook_secret`). */
export async function storedWebhookSecret(user: CliUser, sint: string): Promise<string> {
  const info = await user.client.request<{ blocks: { value: string }[] }>('POST', `/v1/organizations/${user.orgKey}/service_integrations/${sint}/info`, { field: 'webhook_secret' });
  return info.body.blocks[0].value;
}
