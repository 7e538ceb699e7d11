import { backfillJobPath, isSafeApiPath } from './api-path';

describe('isSafeApiPath', () => {
  it('accepts the api paths of this origin only', () => {
    expect(isSafeApiPath('/v1/organizations/7/service_integrations/svi_a/transition/webhook_secret')).toBe(true);
    expect(isSafeApiPath(backfillJobPath('acme corp', 'svi_a', 'bfj_1'))).toBe(true);
    for (const path of ['https://evil.example/v1/x', '//evil.example/v1/x', '/v1//evil', '/v1/../admin', '/v2/x', 'v1/x', '/v1/x?token=1', '/v1/x#a', 'javascript:alert(1)', '/v1/x\\y']) {
      expect([path, isSafeApiPath(path)]).toEqual([path, false]);
    }
  });
});
