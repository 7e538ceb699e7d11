import { frontEventRoute, normalizeFrontApiUrl } from './front-event-route';

describe('routing Front application events (docs/replicators/front_message_v1.md#routing)', () => {
  const event = (self: unknown, targetType?: unknown) => ({ type: 'inbound', payload: { _links: { self }, ...(targetType === undefined ? {} : { target: { _meta: { type: targetType }, data: {} } }) } });

  it('routes by the host of payload._links.self and the target type', () => {
    expect(frontEventRoute(event('https://ACME.api.frontapp.com/events/evt_1', 'message'))).toEqual({ host: 'acme.api.frontapp.com', serviceName: 'front_message_v1' });
  });

  it('treats an event without a target type as a conversation event', () => {
    expect(frontEventRoute(event('https://acme.api.frontapp.com/events/evt_1'))).toEqual({ host: 'acme.api.frontapp.com', serviceName: 'front_conversation_v1' });
    expect(frontEventRoute(event('https://acme.api.frontapp.com/e', '../../etc'))?.serviceName).toBe('front_conversation_v1');
  });

  it('finds nothing to route in the sync handshake or without a usable link', () => {
    expect(frontEventRoute({ type: 'sync', authorization: { id: 'cmp_1' } })).toBeNull();
    expect(frontEventRoute(event('not a url', 'message'))).toBeNull();
    expect(frontEventRoute(event(42, 'message'))).toBeNull();
    expect(frontEventRoute('string')).toBeNull();
  });

  it('normalizes an API URL to https://<host>', () => {
    expect(normalizeFrontApiUrl(' Acme.API.frontapp.com ')).toBe('https://acme.api.frontapp.com');
    expect(normalizeFrontApiUrl('http://acme.api.frontapp.com/x?y')).toBe('https://acme.api.frontapp.com');
    expect(normalizeFrontApiUrl('')).toBe('');
  });
});
