import { WebhookReceivedEvent, WebhookRejectedEvent } from '../events/envelopes';
import { loggedWebhookFromEvent } from './logged-webhook';
import { DEFAULT_LOGGED_WEBHOOK_RETENTION, retentionCutoffs } from './retention';

const received: WebhookReceivedEvent = {
  type: 'webhook.received',
  id: 'evt_1',
  correlation_id: 'corr_1',
  received_at: '2026-01-02T03:04:05.000Z',
  integration: { opaque_id: 'svi_a', service_name: 'increase_account_v1', organization_id: 7 },
  request: { method: 'POST', path: '/v1/service_integrations/svi_a', headers: { 'Content-Type': 'application/json', authorization: 'Basic c2VjcmV0' }, body: '{"id":"a"}' },
  response_status: 201,
};

const rejected: WebhookRejectedEvent = {
  type: 'webhook.rejected',
  id: 'evt_2',
  correlation_id: 'corr_2',
  received_at: '2026-01-02T03:04:06.000Z',
  opaque_id: 'svi_unknown',
  organization_id: null,
  status: 400,
  reason: 'No integration with that id',
  request: { method: 'POST', path: '/v1/service_integrations/svi_unknown', headers: {}, body: 'x' },
};

describe('loggedWebhookFromEvent', () => {
  it('keeps an accepted delivery with its status, lower-case headers and credentials redacted', () => {
    expect(loggedWebhookFromEvent(received)).toEqual({
      eventId: 'evt_1',
      correlationId: 'corr_1',
      receivedAt: new Date('2026-01-02T03:04:05.000Z'),
      opaqueId: 'svi_a',
      organizationId: 7,
      method: 'POST',
      path: '/v1/service_integrations/svi_a',
      headers: { 'content-type': 'application/json', authorization: '[redacted]' },
      body: '{"id":"a"}',
      status: 201,
      rejectedReason: null,
    });
  });

  it('says 202 for accepted events that do not carry the status', () => {
    const { response_status: _ignored, ...withoutStatus } = received;
    expect(loggedWebhookFromEvent(withoutStatus)?.status).toBe(202);
  });

  it('keeps a rejected delivery with its reason and no organization', () => {
    expect(loggedWebhookFromEvent(rejected)).toMatchObject({ eventId: 'evt_2', opaqueId: 'svi_unknown', organizationId: null, status: 400, rejectedReason: 'No integration with that id', body: 'x' });
  });

  it('skips replays and events that are not deliveries', () => {
    expect(loggedWebhookFromEvent({ ...received, replay_of: { logged_webhook_id: '12' } })).toBeNull();
    expect(loggedWebhookFromEvent({ type: 'backfill.resource', id: 'x' })).toBeNull();
  });

  it.each([
    ['not an object', 'nope'],
    ['no id', { ...received, id: '' }],
    ['no request', { ...received, request: null }],
    ['a bad time', { ...received, received_at: 'yesterday' }],
    ['no integration', { ...received, integration: null }],
    ['a rejected delivery without status', { ...rejected, status: 'bad' }],
  ])('throws a final error for an event with %s', (_label, event) => {
    expect(() => loggedWebhookFromEvent(event)).toThrow(expect.objectContaining({ code: 'resource_shape_invalid', retriable: false }));
  });
});

describe('retentionCutoffs', () => {
  it('counts the SPEC 9.3 ages back from now', () => {
    const cutoffs = retentionCutoffs(DEFAULT_LOGGED_WEBHOOK_RETENTION, new Date('2026-04-01T00:00:00.000Z'));
    expect(cutoffs).toEqual({
      orphansBefore: new Date('2026-03-18T00:00:00.000Z'),
      acceptedTruncateBefore: new Date('2026-03-25T00:00:00.000Z'),
      rejectedTruncateBefore: new Date('2026-03-02T00:00:00.000Z'),
      deleteBefore: new Date('2026-01-01T00:00:00.000Z'),
    });
  });
});
