import { randomBytes } from 'node:crypto';
import { ControlPlaneClient } from '../http/control-plane-client';
import { WhdbStack } from './whdb-stack';

/** An organization with one `increase_account_v1` integration whose webhook secret is set. */
export interface IncreaseIntegration {
  readonly orgKey: string;
  readonly opaqueId: string;
  /** The table's name in the organization's schema (`whdb_org_<orgKey>`). */
  readonly table: string;
  readonly secret: string;
  /** The organization's admin token. */
  readonly token: string;
  readonly client: ControlPlaneClient;
}

/** Sets one up through the api, as an operator does: organization, integration, webhook secret. */
export async function setUpIncreaseIntegration(stack: WhdbStack, prefix: string): Promise<IncreaseIntegration> {
  const orgKey = `${prefix}_${randomBytes(4).toString('hex')}`;
  const secret = `whsec_${randomBytes(12).toString('hex')}`;
  const created = await stack.adminClient().createOrganization(`${prefix} org`, orgKey);
  const client = stack.adminClient().withToken(created.token);
  const step = await client.createIntegration(orgKey, 'increase_account_v1');
  await client.transition(orgKey, step.service_integration.opaque_id, 'webhook_secret', secret);
  return { orgKey, opaqueId: step.service_integration.opaque_id, table: step.service_integration.table_name, secret, token: created.token, client };
}
