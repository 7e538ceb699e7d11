import { listQuery, parseCursor, parseLimit, parseStatusFilter, parseTimeFilter, webhookRow } from './webhook-query';
import { parseReplayIds } from './replay-ids';

describe('webhooks list filters', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');

  it('accepts ISO times and durations back from now', () => {
    expect(parseTimeFilter('--since', '2h', now)).toBe('2026-12-02T10:00:00.000Z');
    expect(parseTimeFilter('--since', '7d', now)).toBe('2026-11-25T12:00:00.000Z');
    expect(parseTimeFilter('--until', '2026-12-01T08:30:00+01:00', now)).toBe('2026-12-01T07:30:00.000Z');
    expect(() => parseTimeFilter('--since', 'yesterday', now)).toThrow(/--since must be/);
  });

  it('accepts accepted or rejected, a limit from 1 to 200, a cursor as the api printed it', () => {
    expect(parseStatusFilter('Rejected')).toBe('rejected');
    expect(() => parseStatusFilter('401')).toThrow(/--status must be accepted or rejected/);
    expect(parseLimit('200')).toBe(200);
    expect(() => parseLimit('0')).toThrow(/--limit/);
    expect(() => parseLimit('201')).toThrow(/from 1 to 200/);
    expect(parseCursor('120')).toBe('120');
    expect(() => parseCursor('abc')).toThrow(/--cursor/);
  });

  it('sends the filters under the api names, and refuses a time range that ends before it starts', () => {
    expect(listQuery({ integration: 'svi_a', status: 'rejected', since: '2026-12-02T10:00:00.000Z', limit: 5 })).toEqual({
      service_integration: 'svi_a',
      status: 'rejected',
      since: '2026-12-02T10:00:00.000Z',
      until: undefined,
      limit: 5,
      cursor: undefined,
    });
    expect(() => listQuery({ since: '2026-12-02T10:00:00.000Z', until: '2026-12-02T09:00:00.000Z' })).toThrow(/--since must be before --until/);
  });

  it('renders one row per delivery, with the reason of a refusal', () => {
    const item = { id: '7', inserted_at: 't', service_integration_opaque_id: 'svi_a', request_method: 'POST', request_path: '/v1/service_integrations/svi_a', response_status: 401, rejected_reason: 'missing hmac', truncated_at: null, replayable: false };
    expect(webhookRow(item)).toEqual(['7', 't', 'svi_a', 'POST', '/v1/service_integrations/svi_a', '401', 'missing hmac']);
    expect(webhookRow({ ...item, truncated_at: 't2' })[6]).toBe('truncated');
  });
});

describe('webhooks replay ids', () => {
  it('takes whole numbers once each, at most 100', () => {
    expect(parseReplayIds(['12', '13', '12'])).toEqual(['12', '13']);
    expect(() => parseReplayIds([])).toThrow(/Name the deliveries to replay/);
    expect(() => parseReplayIds(['12', 'x1'])).toThrow(/"x1" is not a logged webhook id/);
    expect(() => parseReplayIds(Array.from({ length: 101 }, (_, i) => String(i + 1)))).toThrow(/At most 100 deliveries per replay; 101 were given/);
  });
});
