import { IntegrationSettings, parseWebhookBody, WebhookRequest } from '@whdb/core';
import { buildSignalwireMessage, contractIntegration } from '@whdb/testing';
import { signalwireMessageV1Replicator as replicator } from './signalwire-message-v1.replicator';
import { signalwireMessageResources, verifySignalwireMessageWebhook } from './webhook';

const SECRET = 'whdbuser:s3cret-pass';
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

function request(rawBody: string, headers: Record<string, string> = {}, contentType = 'application/json'): WebhookRequest {
  const parsed = parseWebhookBody(rawBody, contentType);
  return { method: 'POST', path: '/v1/service_integrations/svi_unit', headers: { 'content-type': contentType, ...headers }, rawBody, body: parsed.ok ? parsed.body : rawBody };
}

const integration = (overrides: Partial<IntegrationSettings> = {}) => contractIntegration(replicator, { webhookSecret: SECRET, ...overrides });
const verify = (headers: Record<string, string>, settings = integration()) => verifySignalwireMessageWebhook(request(JSON.stringify(buildSignalwireMessage()), headers), settings, new Date());

describe('signalwire_message_v1 webhook verification (docs/replicators/signalwire_message_v1.md#webhooks)', () => {
  it('accepts the right Basic credentials with 202 text/xml <Response></Response>', () => {
    expect(verify({ authorization: basic(SECRET) })).toEqual({ status: 202, headers: { 'content-type': 'text/xml' }, body: '<Response></Response>', reason: undefined });
  });

  it.each([
    ['no header', {}],
    ['a Bearer header', { authorization: 'Bearer abc' }],
    ['a Digest header', { authorization: 'Digest username="x"' }],
  ])('challenges %s: 401, empty text/plain, WWW-Authenticate Basic realm="Webhookdb"', (_name, headers) => {
    expect(verify(headers)).toEqual({ status: 401, headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="Webhookdb"' }, body: '', reason: 'challenge' });
  });

  it.each([
    ['a wrong password', basic('whdbuser:wrong')],
    ['a wrong user', basic('other:s3cret-pass')],
    ['a prefix of the secret', basic('whdbuser:s3cret')],
    ['empty credentials', 'Basic '],
  ])('refuses %s: 401, empty text/plain, no challenge', (_name, authorization) => {
    expect(verify({ authorization })).toEqual({ status: 401, headers: { 'content-type': 'text/plain' }, body: '', reason: 'invalid' });
  });

  it('refuses everything while no webhook secret is set, even empty credentials', () => {
    expect(verify({ authorization: 'Basic ' }, integration({ webhookSecret: '' }))).toMatchObject({ status: 401, reason: 'invalid' });
    expect(verify({ authorization: basic(':') }, integration({ webhookSecret: '' }))).toMatchObject({ status: 401, reason: 'invalid' });
  });
});

describe('signalwire_message_v1 resource extraction', () => {
  it('stores a JSON message resource as is', () => {
    const message = buildSignalwireMessage();
    expect(signalwireMessageResources(request(JSON.stringify(message)))).toEqual([{ resource: message, event: null }]);
  });

  it('refuses a form-encoded callback and a message without sid with a clear reason', () => {
    const form = 'MessageSid=SM1&MessageStatus=delivered&From=%2B15551230000&To=%2B15557650000';
    expect(() => signalwireMessageResources(request(form, {}, 'application/x-www-form-urlencoded'))).toThrow(/JSON message resource/);
    expect(() => signalwireMessageResources(request('{"status":"sent"}'))).toThrow(/'sid'/);
    expect(() => signalwireMessageResources(request('[1]'))).toThrow(/JSON message resource/);
  });
});
