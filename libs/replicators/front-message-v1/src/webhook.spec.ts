import { IntegrationSettings, WebhookRequest } from '@whdb/core';
import { buildFrontMessage, buildFrontMessageEvent, contractIntegration, frontAppWebhookHeaders } from '@whdb/testing';
import { frontMessageV1Replicator as replicator } from './front-message-v1.replicator';
import { frontMessageResources, verifyFrontMessageWebhook } from './webhook';

const SECRET = 'front-app-secret';

function request(body: unknown, headers: Record<string, string> = {}): WebhookRequest {
  const rawBody = JSON.stringify(body);
  return { method: 'POST', path: '/v1/service_integrations/svi_unit', headers, rawBody, body };
}
const integration = (overrides: Partial<IntegrationSettings> = {}) => contractIntegration(replicator, { webhookSecret: SECRET, ...overrides });

describe('front_message_v1 verification on the generic endpoint (docs/behaviour/signatures.md#front)', () => {
  const body = buildFrontMessageEvent(buildFrontMessage());

  it('answers 200 {"o":"k"} to a fresh delivery signed with the webhook secret', () => {
    const headers = frontAppWebhookHeaders(SECRET, JSON.stringify(body));
    expect(verifyFrontMessageWebhook(request(body, headers), integration(), new Date())).toMatchObject({ status: 200, body: '{"o":"k"}' });
  });

  it.each([
    ['no signature', (h: Record<string, string>) => ({ ...h, 'x-front-signature': '' }), 'missing signature'],
    ['a wrong signature', (h: Record<string, string>) => ({ ...h, 'x-front-signature': 'AAAA' }), 'invalid signature'],
  ])('refuses %s with 401', (_name, change, reason) => {
    const headers = change(frontAppWebhookHeaders(SECRET, JSON.stringify(body)));
    expect(verifyFrontMessageWebhook(request(body, headers), integration(), new Date())).toMatchObject({ status: 401, reason });
  });

  it('refuses everything while the integration has no webhook secret', () => {
    const headers = frontAppWebhookHeaders('', JSON.stringify(body));
    expect(verifyFrontMessageWebhook(request(body, headers), integration({ webhookSecret: '' }), new Date())).toMatchObject({ status: 401 });
  });
});

describe('front_message_v1 resource extraction (docs/replicators/front_message_v1.md#events)', () => {
  const message = buildFrontMessage();
  const envelope = buildFrontMessageEvent(message);

  it('takes the message of a message event, with the payload as its event', () => {
    expect(frontMessageResources(request(envelope))).toEqual([{ resource: message, event: envelope['payload'] }]);
  });

  it('accepts the bare payload and the bare message', () => {
    expect(frontMessageResources(request(envelope['payload']))).toEqual([{ resource: message, event: envelope['payload'] }]);
    expect(frontMessageResources(request(message))).toEqual([{ resource: message, event: null }]);
  });

  it('ignores conversation events, the sync handshake and objects that are not messages', () => {
    expect(frontMessageResources(request(buildFrontMessageEvent({ id: 'cnv_1' }, { targetType: 'conversation' })))).toBeNull();
    expect(frontMessageResources(request({ type: 'sync', authorization: { id: 'cmp_1' } }))).toBeNull();
    expect(frontMessageResources(request({ id: 'tea_1' }))).toBeNull();
  });

  it('refuses a message event without its message, and a body that is not an object', () => {
    const broken = buildFrontMessageEvent(message);
    (broken['payload'] as { target: { data: unknown } }).target.data = 'nope';
    expect(() => frontMessageResources(request(broken))).toThrow(/payload.target.data/);
    expect(() => frontMessageResources(request([1]))).toThrow(/JSON object/);
  });
});
