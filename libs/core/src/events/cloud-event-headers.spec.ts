import { EventMetadata } from './envelopes';
import { decodeEventMetadata, encodeEventHeaders } from './cloud-event-headers';

const metadata: EventMetadata = {
  id: 'evt_1',
  type: 'webhook.received',
  source: '/v1/service_integrations/svi_abc',
  time: '2024-05-01T10:00:00.000Z',
  correlationId: 'corr-1',
};

describe('CloudEvents headers', () => {
  it('encodes the binary-mode headers', () => {
    expect(encodeEventHeaders(metadata)).toEqual({
      ce_specversion: '1.0',
      ce_id: 'evt_1',
      ce_type: 'webhook.received',
      ce_source: '/v1/service_integrations/svi_abc',
      ce_time: '2024-05-01T10:00:00.000Z',
      'x-correlation-id': 'corr-1',
      'content-type': 'application/json',
    });
  });

  it('round-trips', () => {
    expect(decodeEventMetadata(encodeEventHeaders(metadata))).toEqual(metadata);
  });

  it('tolerates missing or empty headers when decoding', () => {
    expect(decodeEventMetadata({})).toEqual({});
    expect(decodeEventMetadata({ ce_id: 'x', ce_type: '', other: 'y' })).toEqual({ id: 'x' });
  });

  it('refuses to encode incomplete metadata', () => {
    expect(() => encodeEventHeaders({ ...metadata, correlationId: '' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', details: { missing: ['correlationId'] } }),
    );
  });
});
