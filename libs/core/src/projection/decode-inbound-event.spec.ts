import { BackfillResourceEvent, InboundEvent, WebhookReceivedEvent } from '../events/envelopes';
import { ResourceShapeError } from '../errors/app-error';
import { decodeInboundEvent } from './decode-inbound-event';
import { accountLikeReplicator } from './projection.fixtures';

const replicator = accountLikeReplicator;
const integration = { opaque_id: 'svi_1', service_name: 'widget_account_v1', organization_id: 1 };

function received(body: string, contentType = 'application/json'): WebhookReceivedEvent {
  return {
    type: 'webhook.received', id: 'e1', correlation_id: 'c1', received_at: '2024-01-01T00:00:00Z', integration,
    request: { method: 'POST', path: '/v1/service_integrations/svi_1', headers: { 'content-type': contentType }, body },
  };
}

describe('decodeInboundEvent', () => {
  it("extracts resources from a received webhook with the replicator's own rules", () => {
    const wrapped = { event_id: 'x', event: 'updated', created_at: '2024-02-02T00:00:00Z', data: { id: 'account_1' } };
    const decoded = decodeInboundEvent(replicator, received(JSON.stringify(wrapped)));
    expect(decoded).toEqual({ opaqueId: 'svi_1', correlationId: 'c1', items: [{ resource: { id: 'account_1' }, event: wrapped }] });
  });

  it('gives no items for bodies the replicator ignores', () => {
    expect(decodeInboundEvent(replicator, received('{"id":"transfer_1"}')).items).toEqual([]);
  });

  it('passes a backfilled resource through bare', () => {
    const event: BackfillResourceEvent = {
      type: 'backfill.resource', id: 'b1', correlation_id: 'c2', fetched_at: '2024-01-01T00:00:00Z', integration, backfill_job_id: 'bfj_1', resource: { id: 'account_2' },
    };
    const decoded = decodeInboundEvent(replicator, event);
    expect(decoded.items).toEqual([{ resource: { id: 'account_2' }, event: null }]);
    expect(decoded.snapshot).toBe(true);
  });

  it('passes channel rows and delivery results through bare', () => {
    for (const type of ['channel.resource', 'delivery.result'] as const) {
      const event = { type, id: 'x', correlation_id: 'c3', produced_at: '2024-01-01T00:00:00Z', integration, command_key: 'k', resource: { id: 'account_3' } } as InboundEvent;
      expect(decodeInboundEvent(replicator, event).items).toEqual([{ resource: { id: 'account_3' }, event: null }]);
      expect(decodeInboundEvent(replicator, event).snapshot).toBeUndefined();
    }
  });

  it('rejects events it cannot use, as non-retriable errors (they go to the DLQ)', () => {
    expect(() => decodeInboundEvent(replicator, received('{broken'))).toThrow(ResourceShapeError);
    expect(() => decodeInboundEvent(replicator, { ...received('{}'), integration: { ...integration, service_name: 'other_v1' } })).toThrow(/reached the widget_account_v1 projector/);
    expect(() => decodeInboundEvent(replicator, { ...received('{}'), type: 'mystery' } as unknown as WebhookReceivedEvent)).toThrow(/unknown inbound event type/);
  });
});
