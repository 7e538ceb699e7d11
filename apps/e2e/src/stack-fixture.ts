import { buildIncreaseAccount, IncreaseIntegration, increaseSignatureHeader, WhdbStack } from '@whdb/testing';

export { setUpIncreaseIntegration } from '@whdb/testing';
export type { IncreaseIntegration } from '@whdb/testing';

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
