import { buildIncreaseAccount, ControlPlaneClient, increaseSignatureHeader, WhdbStack } from '@whdb/testing';
import { randomBytes } from 'node:crypto';

/** An organization with one `increase_account_v1` integration whose webhook secret is set. */
export interface IncreaseIntegration {
  readonly orgKey: string;
  readonly opaqueId: string;
  readonly table: string;
  readonly secret: string;
  /** The organization's admin token. */
  readonly token: string;
  readonly client: ControlPlaneClient;
}

export async function setUpIncreaseIntegration(stack: WhdbStack, prefix: string): Promise<IncreaseIntegration> {
  const orgKey = `${prefix}_${randomBytes(4).toString('hex')}`;
  const secret = `whsec_${randomBytes(12).toString('hex')}`;
  const created = await stack.adminClient().createOrganization(`${prefix} org`, orgKey);
  const client = stack.adminClient().withToken(created.token);
  const step = await client.createIntegration(orgKey, 'increase_account_v1');
  await client.transition(orgKey, step.service_integration.opaque_id, 'webhook_secret', secret);
  return { orgKey, opaqueId: step.service_integration.opaque_id, table: step.service_integration.table_name, secret, token: created.token, client };
}

/** POSTs a freshly built, correctly signed account; returns the account and the response. */
export async function postSignedAccount(stack: WhdbStack, integration: IncreaseIntegration, overrides: Record<string, string | number> = {}) {
  const account = buildIncreaseAccount(overrides);
  const raw = JSON.stringify(account);
  const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${integration.opaqueId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(raw, integration.secret) },
    body: raw,
  });
  return { account, response };
}
