import { listQuery, parseLimit, parseStatusFilter, parseTimeFilter, webhookRow } from './webhook-query';

describe('webhooks list filters', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');

  it('accepts ISO times and durations back from now', () => {
    expect(parseTimeFilter('--after', '2h', now)).toBe('2026-12-02T10:00:00.000Z');
    expect(parseTimeFilter('--after', '7d', now)).toBe('2026-11-25T12:00:00.000Z');
    expect(parseTimeFilter('--before', '2026-12-01T08:30:00+01:00', now)).toBe('2026-12-01T07:30:00.000Z');
    expect(() => parseTimeFilter('--after', 'yesterday', now)).toThrow(/--after must be/);
  });

  it('accepts accepted, rejected or a status code; a limit from 1 to 1000', () => {
    expect(parseStatusFilter('Rejected')).toBe('rejected');
    expect(parseStatusFilter('401')).toBe('401');
    expect(() => parseStatusFilter('bad')).toThrow(/--status/);
    expect(parseLimit('50')).toBe('50');
    expect(() => parseLimit('0')).toThrow(/--limit/);
  });

  it('sends only the filters given, under the api names', () => {
    expect(listQuery({ integration: 'svi_a', status: 'rejected' })).toEqual({
      service_integration_identifier: 'svi_a',
      status: 'rejected',
      after: undefined,
      before: undefined,
      limit: undefined,
      cursor: undefined,
    });
  });

  it('renders one row per delivery', () => {
    expect(webhookRow({ id: 7, inserted_at: 't', service_integration_opaque_id: 'svi_a', request_method: 'POST', request_path: '/v1/service_integrations/svi_a', response_status: 401, truncated_at: null })).toEqual([
      '7',
      't',
      'svi_a',
      'POST',
      '/v1/service_integrations/svi_a',
      '401',
      '',
    ]);
  });
});
