import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ControlPlaneClient, runWhdb, WhdbStack } from '@whdb/testing';
import { IncreaseIntegration } from '../stack-fixture';

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

/** An `increase_account_v1` integration of the user's organization with a webhook secret, made through the api. */
export async function increaseIntegrationOf(user: CliUser): Promise<IncreaseIntegration> {
  const secret = `whsec_${randomBytes(12).toString('hex')}`;
  const step = await user.client.createIntegration(user.orgKey, 'increase_account_v1');
  await user.client.transition(user.orgKey, step.service_integration.opaque_id, 'webhook_secret', secret);
  return { orgKey: user.orgKey, opaqueId: step.service_integration.opaque_id, table: step.service_integration.table_name, secret, token: user.token, client: user.client };
}
