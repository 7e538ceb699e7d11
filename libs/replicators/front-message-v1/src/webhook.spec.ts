import { IntegrationSettings, WebhookRequest } from '@whdb/core';
import { frontMessageV1SignatureHeader, buildFrontMessageV1, buildFrontMessageV1Event, contractIntegration } from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';
import { frontMessageV1Resources, verifyFrontMessageV1Webhook, FRONT_MESSAGE_V1_SIGNATURE_HEADER as HEADER } from './webhook';

const SECRET = 'whsec_unit_secret';
const now = new Date('2024-05-01T00:00:00Z');
const t = String(now.getTime() / 1000);
const body = JSON.stringify(buildFrontMessageV1());

function integration(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return contractIntegration(replicator, { webhookSecret: SECRET, ...overrides });
}

function request(rawBody: string, headers: Record<string, string> = {}): WebhookRequest {
  return { method: 'POST', path: '/v1/service_integrations/svi_unit', headers, rawBody, body: JSON.parse(rawBody) };
}

const verify = (headers: Record<string, string>, settings = integration(), at = now) => verifyFrontMessageV1Webhook(request(body, headers), settings, at);

describe('front_message_v1 webhook verification', () => {
  it('accepts a delivery signed as Front signs it (independent signer)', () => {
    expect(verify({ [HEADER]: frontMessageV1SignatureHeader(body, SECRET, now) })).toMatchObject({ status: 202, body: '{"o":"k"}' });
  });

  it('accepts any one of several v1 signatures (secret rotation) and ignores other versions', () => {
    const valid = frontMessageV1SignatureHeader(body, SECRET, now).split(',v1=')[1];
    expect(verify({ [HEADER]: `t=${t},v0=zz,v1=deadbeef,v1=${valid}` }).status).toBe(202);
  });

  it.each([
    ['', 'missing signature'],
    ['v1=abc', 'missing timestamp'],
    ['t=yesterday,v1=abc', 'missing timestamp'],
    [`t=${t}`, 'missing signatures'],
    [`t=${Number(t) - 301},v1=abc`, 'timestamp outside tolerance'],
    [`t=${Number(t) + 301},v1=abc`, 'timestamp outside tolerance'],
    [`t=${t},v1=${'0'.repeat(64)}`, 'invalid signature'],
  ])('rejects header %p with 401 %p', (header, reason) => {
    expect(verify({ [HEADER]: header })).toMatchObject({ status: 401, reason, body: JSON.stringify({ message: reason }) });
  });

  it('rejects a signature made with another secret, or over another body', () => {
    expect(verify({ [HEADER]: frontMessageV1SignatureHeader(body, 'other-secret', now) })).toMatchObject({ status: 401, reason: 'invalid signature' });
    expect(verify({ [HEADER]: frontMessageV1SignatureHeader(`${body} `, SECRET, now) })).toMatchObject({ status: 401, reason: 'invalid signature' });
  });

  it('rejects a delivery without the header', () => {
    expect(verify({})).toMatchObject({ status: 401, reason: 'missing signature' });
  });

  it('refuses everything until a webhook secret is set (an empty HMAC key is forgeable)', () => {
    const forged = { [HEADER]: frontMessageV1SignatureHeader(body, '', now) };
    expect(verify(forged, integration({ webhookSecret: '' }))).toMatchObject({ status: 401, reason: 'webhook secret not configured' });
  });
});

describe('front_message_v1 resource extraction', () => {
  it('takes a bare message as the resource, with no event', () => {
    const resource = buildFrontMessageV1();
    expect(frontMessageV1Resources(request(JSON.stringify(resource)))).toEqual([{ resource, event: null }]);
  });

  it('unwraps a message.* event and keeps the event', () => {
    const resource = buildFrontMessageV1();
    const event = buildFrontMessageV1Event(resource, 'message.created');
    expect(frontMessageV1Resources(request(JSON.stringify(event)))).toEqual([{ resource, event }]);
  });

  it('ignores events about other objects and bodies that are not messages', () => {
    expect(frontMessageV1Resources(request(JSON.stringify(buildFrontMessageV1Event({ id: 'other_1' }, 'other.updated'))))).toBeNull();
    expect(frontMessageV1Resources(request(JSON.stringify({ id: 'other_1' })))).toBeNull();
    expect(frontMessageV1Resources(request(JSON.stringify({ name: 'no id' })))).toBeNull();
  });

  it("takes a bare message with a 'type' field of its own for a message, not for an event", () => {
    const resource = buildFrontMessageV1({ type: 'standard' });
    expect(frontMessageV1Resources(request(JSON.stringify(resource)))).toEqual([{ resource, event: null }]);
  });

  it('rejects a body that is not an object, and a message event without its object', () => {
    expect(() => frontMessageV1Resources(request('[1, 2]'))).toThrow(/JSON objects/);
    expect(() => frontMessageV1Resources(request(JSON.stringify({ type: 'message.updated', data: 'x' })))).toThrow(/'data'/);
  });
});
