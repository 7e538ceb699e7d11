import { IntegrationSettings, WebhookRequest } from '@whdb/core';
import { bankSignatureHeader, buildIncreaseAccount, buildIncreaseAccountEvent, contractIntegration, increaseSignatureHeader } from '@whdb/testing';
import { increaseAccountV1Replicator } from './increase-account-v1.replicator';
import { increaseAccountResources, verifyIncreaseAccountWebhook } from './webhook';

const SECRET = 'whsec_zlFsbBZ8Xcodlpcu6NDTdSzZRLSdhkst';

function integration(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return contractIntegration(increaseAccountV1Replicator, { webhookSecret: SECRET, ...overrides });
}

function request(rawBody: string, headers: Record<string, string>): WebhookRequest {
  return { method: 'POST', path: '/v1/service_integrations/svi_test', headers, rawBody, body: JSON.parse(rawBody || '{}') };
}

describe('increase_account_v1 webhook verification', () => {
  const body = '{"id":"event_123abc","created_at":"2020-01-31T23:59:59Z"}';
  const vectorNow = new Date('2022-02-01T00:00:00Z');

  it('accepts the published Increase test vector (docs/behaviour/signatures.md#increase-webhook-signature)', () => {
    const header = 't=2022-01-31T23:59:59Z,v1=3f9c3dcc820ca3adfae8e196d05b09dfef63b91db5ce5ac1407090f2aa424a6f';
    const response = verifyIncreaseAccountWebhook(request(body, { 'increase-webhook-signature': header }), integration(), vectorNow);
    expect(response).toMatchObject({ status: 202, body: '{"o":"k"}' });
  });

  it('accepts any one of several v1 signatures and ignores other versions', () => {
    const header = 't=2022-01-31T23:59:59Z,v0=zz,v1=deadbeef,v1=3f9c3dcc820ca3adfae8e196d05b09dfef63b91db5ce5ac1407090f2aa424a6f';
    expect(verifyIncreaseAccountWebhook(request(body, { 'increase-webhook-signature': header }), integration(), vectorNow).status).toBe(202);
  });

  it.each([
    ['', 'missing header'],
    ['v1=abc', 'missing timestamp'],
    ['t=not-a-time,v1=abc', 'missing timestamp'],
    ['t=2022-01-31T23:59:59Z', 'missing signatures'],
    ['t=2021-12-01T00:00:00Z,v1=abc', 'too old'],
    ['t=2022-02-06T00:00:00Z,v1=abc', 'too new'],
    ['t=2022-01-31T23:59:59Z,v1=3f9c3dcc820ca3adfae8e196d05b09dfef63b91db5ce5ac1407090f2aa424a6e', 'invalid signature'],
  ])('rejects header %p with 401 %p', (header, reason) => {
    const response = verifyIncreaseAccountWebhook(request(body, { 'increase-webhook-signature': header }), integration(), vectorNow);
    expect(response).toMatchObject({ status: 401, reason, body: JSON.stringify({ message: reason }) });
  });

  it('accepts the guide scheme and rejects a wrong HMAC', () => {
    const ok = verifyIncreaseAccountWebhook(request(body, { 'x-bank-webhook-signature': bankSignatureHeader(body, SECRET) }), integration(), new Date());
    expect(ok.status).toBe(202);
    const bad = verifyIncreaseAccountWebhook(request(body, { 'x-bank-webhook-signature': bankSignatureHeader(body, 'other') }), integration(), new Date());
    expect(bad).toMatchObject({ status: 401, reason: 'invalid hmac' });
  });

  it('rejects a delivery with neither header as missing hmac', () => {
    expect(verifyIncreaseAccountWebhook(request(body, {}), integration(), new Date())).toMatchObject({ status: 401, reason: 'missing hmac' });
  });

  it('refuses everything until a webhook secret is set (an empty HMAC key is forgeable)', () => {
    const forged = { 'x-bank-webhook-signature': bankSignatureHeader(body, '') };
    expect(verifyIncreaseAccountWebhook(request(body, forged), integration({ webhookSecret: '' }), new Date())).toMatchObject({ status: 401 });
  });

  it('verifies a fresh signature made by the independent signer', () => {
    const headers = { 'increase-webhook-signature': increaseSignatureHeader(body, SECRET) };
    expect(verifyIncreaseAccountWebhook(request(body, headers), integration(), new Date()).status).toBe(202);
  });
});

describe('increase_account_v1 resource extraction', () => {
  it('takes a bare account as the resource with no event', () => {
    const account = buildIncreaseAccount();
    expect(increaseAccountResources(request(JSON.stringify(account), {}))).toEqual([{ resource: account, event: null }]);
  });

  it('unwraps the event wrapper and keeps the event', () => {
    const account = buildIncreaseAccount();
    const event = buildIncreaseAccountEvent(account, '2021-01-01T00:00:00Z');
    expect(increaseAccountResources(request(JSON.stringify(event), {}))).toEqual([{ resource: account, event }]);
  });

  it('ignores resources whose id does not name an account', () => {
    expect(increaseAccountResources(request(JSON.stringify({ id: 'transfer_123' }), {}))).toBeNull();
    expect(increaseAccountResources(request(JSON.stringify({ name: 'no id' }), {}))).toBeNull();
  });

  it('rejects bodies that are not objects', () => {
    expect(() => increaseAccountResources({ ...request('[]', {}), body: [1, 2] })).toThrow(/JSON object/);
  });
});
