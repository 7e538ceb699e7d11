import { WebhookRequest } from '@whdb/core';
import { buildFrontChannelAutoreply, buildFrontChannelEvent, buildFrontChannelMessage, contractIntegration, contractWebhookRequest, frontChannelHeaders } from '@whdb/testing';
import { CHANNEL_SUPPORT_NUMBER_HEADER, channelMessageAnswer, parseChannelEvent } from './channel-event';
import { frontSignalwireMessageChannelAppV1Replicator as replicator } from './front-signalwire-message-channel-app-v1.replicator';
import { channelResources, verifyChannelSignature } from './webhook';

const SECRET = 'channel-app-secret';
const SUPPORT = '+15550001111';
const now = new Date('2024-05-01T12:00:00Z');

function request(body: unknown, headers: Record<string, string> = { [CHANNEL_SUPPORT_NUMBER_HEADER]: SUPPORT }): WebhookRequest {
  return contractWebhookRequest(body as never, headers);
}

describe('channel signature (docs/behaviour/signatures.md#front, SPEC 11.2)', () => {
  const raw = JSON.stringify(buildFrontChannelEvent('message', buildFrontChannelMessage()));
  const verify = (headers: Record<string, string>, rawBody = raw) => verifyChannelSignature({ headers, rawBody }, SECRET, now);

  it.each([
    ['milliseconds', String(now.getTime())],
    ['seconds', String(now.getTime() / 1000)],
    ['4 minutes old', String(now.getTime() - 240_000)],
  ])('accepts a fresh signature with a timestamp in %s: 200 {"o":"k"}', (_name, timestamp) => {
    expect(verify(frontChannelHeaders(SECRET, 'k', raw, { timestamp }))).toMatchObject({ status: 200, body: '{"o":"k"}' });
  });

  it('accepts a bodiless DELETE signed over "<ts>:undefined"', () => {
    const headers = frontChannelHeaders(SECRET, 'k', 'undefined', { timestamp: String(now.getTime()) });
    expect(verify(headers, '')).toMatchObject({ status: 200 });
  });

  it.each([
    ['no signature', (h: Record<string, string>) => ({ ...h, 'x-front-signature': '' }), 'missing signature'],
    ['another secret', () => frontChannelHeaders('other', 'k', raw, { timestamp: String(now.getTime()) }), 'invalid signature'],
    ['a stale timestamp', () => frontChannelHeaders(SECRET, 'k', raw, { timestamp: String(now.getTime() - 301_000) }), 'stale timestamp'],
    ['no timestamp', (h: Record<string, string>) => ({ ...h, 'x-front-request-timestamp': '' }), 'missing timestamp'],
  ])('refuses %s with a 401', (_name, change, reason) => {
    const headers = change(frontChannelHeaders(SECRET, 'k', raw, { timestamp: String(now.getTime()) }));
    expect(verify(headers)).toMatchObject({ status: 401, reason });
  });

  it('refuses everything on the generic endpoint', () => {
    expect(replicator.verifyWebhook(request({}), contractIntegration(replicator), now)).toMatchObject({ status: 401, reason: expect.stringContaining('/v1/install/front_signalwire/channel') });
  });
});

describe('channel resources (docs/behaviour/channel.md#message, SPEC 15.3)', () => {
  it('gives one row per to recipient, E.164, ignoring cc and from, with the comma-joined answer', () => {
    const message = buildFrontChannelMessage({ id: 'msg_1', to: ['(222) 333-4444', '1-555-666-7777', '2223334444'], cc: ['9998887777'], text: 'Hi' });
    const body = buildFrontChannelEvent('message', message);
    const resources = channelResources(request(body))!.map((item) => item.resource);
    expect(resources.map((r) => [r['external_id'], r['recipient'], r['external_conversation_id'], r['sender'], r['direction'], r['body'], r['front_message_id']])).toEqual([
      ['msg_1-+12223334444', '+12223334444', '+12223334444', SUPPORT, 'outbound', 'Hi', 'msg_1'],
      ['msg_1-+15556667777', '+15556667777', '+15556667777', SUPPORT, 'outbound', 'Hi', 'msg_1'],
    ]);
    expect(resources[0]).toMatchObject({ type: 'message', payload: message });
    expect(channelMessageAnswer(resources)).toEqual({ type: 'success', external_id: 'msg_1-+12223334444,msg_1-+15556667777', external_conversation_id: '+12223334444,+15556667777' });
  });

  it('names an autoreply after the message it answers', () => {
    const body = buildFrontChannelEvent('message_autoreply', buildFrontChannelAutoreply('msg_orig', { to: ['2223334444'] }));
    expect(channelResources(request(body))!.map((i) => i.resource['external_id'])).toEqual(['msg_orig_autoreply-+12223334444']);
  });

  it('refuses a message without a to recipient, with a non-phone recipient, or without an id', () => {
    const noTo = buildFrontChannelMessage({ to: [], cc: ['2223334444'] });
    expect(() => channelResources(request(buildFrontChannelEvent('message', noTo)))).toThrow(/at least one 'to' recipient/);
    expect(() => channelResources(request(buildFrontChannelEvent('message', buildFrontChannelMessage({ to: ['someone@example.com'] }))))).toThrow(/not a phone number/);
    const { id: _id, ...withoutId } = buildFrontChannelMessage();
    expect(() => channelResources(request(buildFrontChannelEvent('message', withoutId)))).toThrow(/'id'/);
    expect(() => channelResources(request(buildFrontChannelEvent('message_autoreply', { recipients: [{ role: 'to', handle: '2223334444' }] })))).toThrow(/message_replied_to/);
  });

  it('refuses a message that did not come through the channel endpoint (no support number)', () => {
    expect(() => channelResources(request(buildFrontChannelEvent('message', buildFrontChannelMessage()), {}))).toThrow(/only at \/v1\/install\/front_signalwire\/channel/);
  });

  it('stores a complete row as it is, without re-expanding it per recipient (SPEC 17.4)', () => {
    const row = { ...buildFrontChannelEvent('message', buildFrontChannelMessage({ to: ['2223334444', '5556667777'] })), external_id: 'msg_1-+12223334444', signalwire_sid: 'SM1' };
    expect(channelResources(request(row, {}))).toEqual([{ resource: row, event: null }]);
    expect(() => channelResources(request({ external_id: 5 }, {}))).toThrow(/external_id/);
  });

  it('stores nothing for the other channel events', () => {
    for (const type of ['authorization', 'delete', 'message_imported', 'unknown']) expect(channelResources(request({ type, payload: {} }))).toBeNull();
  });
});

describe('channel event params', () => {
  it('accepts the five types; a bodiless DELETE is a delete', () => {
    expect(parseChannelEvent('POST', { type: 'authorization', payload: { channel_id: 'cha_1' } })).toMatchObject({ ok: true, event: { type: 'authorization', payload: { channel_id: 'cha_1' } } });
    expect(parseChannelEvent('DELETE', {})).toMatchObject({ ok: true, event: { type: 'delete', payload: {} } });
  });

  it.each([[{}], [{ type: 'messages' }], [{ type: 7 }], [[1]], ['text'], [{ type: 'message', payload: [] }]])('refuses %j', (body) => {
    expect(parseChannelEvent('POST', body)).toMatchObject({ ok: false });
  });
});
