import { IntegrationSettings, WebhookRequest } from '@whdb/core';
import { frontSignalwireMessageChannelAppV1SignatureHeader, buildFrontSignalwireMessageChannelAppV1, buildFrontSignalwireMessageChannelAppV1Event, contractIntegration } from '@whdb/testing';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';
import { frontSignalwireMessageChannelAppV1Resources, verifyFrontSignalwireMessageChannelAppV1Webhook, FRONT_SIGNALWIRE_MESSAGE_CHANNEL_APP_V1_SIGNATURE_HEADER as HEADER } from './webhook';

const SECRET = 'whsec_unit_secret';
const now = new Date('2024-05-01T00:00:00Z');
const t = String(now.getTime() / 1000);
const body = JSON.stringify(buildFrontSignalwireMessageChannelAppV1());

function integration(overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return contractIntegration(replicator, { webhookSecret: SECRET, ...overrides });
}

function request(rawBody: string, headers: Record<string, string> = {}): WebhookRequest {
  return { method: 'POST', path: '/v1/service_integrations/svi_unit', headers, rawBody, body: JSON.parse(rawBody) };
}

const verify = (headers: Record<string, string>, settings = integration(), at = now) => verifyFrontSignalwireMessageChannelAppV1Webhook(request(body, headers), settings, at);

describe('front_signalwire_message_channel_app_v1 webhook verification', () => {
  it('accepts a delivery signed as Front SignalWire signs it (independent signer)', () => {
    expect(verify({ [HEADER]: frontSignalwireMessageChannelAppV1SignatureHeader(body, SECRET, now) })).toMatchObject({ status: 202, body: '{"o":"k"}' });
  });

  it('accepts any one of several v1 signatures (secret rotation) and ignores other versions', () => {
    const valid = frontSignalwireMessageChannelAppV1SignatureHeader(body, SECRET, now).split(',v1=')[1];
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
    expect(verify({ [HEADER]: frontSignalwireMessageChannelAppV1SignatureHeader(body, 'other-secret', now) })).toMatchObject({ status: 401, reason: 'invalid signature' });
    expect(verify({ [HEADER]: frontSignalwireMessageChannelAppV1SignatureHeader(`${body} `, SECRET, now) })).toMatchObject({ status: 401, reason: 'invalid signature' });
  });

  it('rejects a delivery without the header', () => {
    expect(verify({})).toMatchObject({ status: 401, reason: 'missing signature' });
  });

  it('refuses everything until a webhook secret is set (an empty HMAC key is forgeable)', () => {
    const forged = { [HEADER]: frontSignalwireMessageChannelAppV1SignatureHeader(body, '', now) };
    expect(verify(forged, integration({ webhookSecret: '' }))).toMatchObject({ status: 401, reason: 'webhook secret not configured' });
  });
});

describe('front_signalwire_message_channel_app_v1 resource extraction', () => {
  it('takes a bare signalwire_message_channel_app as the resource, with no event', () => {
    const resource = buildFrontSignalwireMessageChannelAppV1();
    expect(frontSignalwireMessageChannelAppV1Resources(request(JSON.stringify(resource)))).toEqual([{ resource, event: null }]);
  });

  it('unwraps a signalwire_message_channel_app.* event and keeps the event', () => {
    const resource = buildFrontSignalwireMessageChannelAppV1();
    const event = buildFrontSignalwireMessageChannelAppV1Event(resource, 'signalwire_message_channel_app.created');
    expect(frontSignalwireMessageChannelAppV1Resources(request(JSON.stringify(event)))).toEqual([{ resource, event }]);
  });

  it('ignores events about other objects and bodies that are not signalwire_message_channel_apps', () => {
    expect(frontSignalwireMessageChannelAppV1Resources(request(JSON.stringify(buildFrontSignalwireMessageChannelAppV1Event({ id: 'other_1' }, 'other.updated'))))).toBeNull();
    expect(frontSignalwireMessageChannelAppV1Resources(request(JSON.stringify({ id: 'other_1' })))).toBeNull();
    expect(frontSignalwireMessageChannelAppV1Resources(request(JSON.stringify({ name: 'no id' })))).toBeNull();
  });

  it("takes a bare signalwire_message_channel_app with a 'type' field of its own for a signalwire_message_channel_app, not for an event", () => {
    const resource = buildFrontSignalwireMessageChannelAppV1({ type: 'standard' });
    expect(frontSignalwireMessageChannelAppV1Resources(request(JSON.stringify(resource)))).toEqual([{ resource, event: null }]);
  });

  it('rejects a body that is not an object, and a signalwire_message_channel_app event without its object', () => {
    expect(() => frontSignalwireMessageChannelAppV1Resources(request('[1, 2]'))).toThrow(/JSON objects/);
    expect(() => frontSignalwireMessageChannelAppV1Resources(request(JSON.stringify({ type: 'signalwire_message_channel_app.updated', data: 'x' })))).toThrow(/'data'/);
  });
});
