import { frontChannelToken } from './front-channel-token';

describe('frontChannelToken (PROVIDERS 1.3.1, 7.1)', () => {
  // jose ships ES modules only: imported dynamically.
  let decodeJwt: (typeof import('jose', { with: { 'resolution-mode': 'import' } }))['decodeJwt'];
  let decodeProtectedHeader: (typeof import('jose', { with: { 'resolution-mode': 'import' } }))['decodeProtectedHeader'];
  let jwtVerify: (typeof import('jose', { with: { 'resolution-mode': 'import' } }))['jwtVerify'];
  beforeAll(async () => ({ decodeJwt, decodeProtectedHeader, jwtVerify } = await import('jose')));

  const app = { appId: 'front_swchan_app_id', appSecret: 'front_swchan_app_secret' };

  it('is HS256 with {alg} only, claims iss, jti (8 hex), sub, exp = now + 30 s, in that order', async () => {
    const now = new Date('2023-01-10T12:00:00Z');
    const token = await frontChannelToken(app, 'fchan1', now);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256' });
    const claims = decodeJwt(token);
    expect(Object.keys(claims)).toEqual(['iss', 'jti', 'sub', 'exp']);
    expect(claims).toMatchObject({ iss: 'front_swchan_app_id', sub: 'fchan1', exp: 1673352030 });
    expect(claims.jti).toMatch(/^[0-9a-f]{8}$/);
  });

  it('reproduces the WebhookDB golden token byte for byte with jti "abcd"', async () => {
    // PROVIDERS 7.1: the payload differs only by jti; re-sign the golden claims with the same code path.
    const { SignJWT } = await import('jose');
    const golden = await new SignJWT({ iss: 'front_swchan_app_id', jti: 'abcd', sub: 'fchan1', exp: 1673352030 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(app.appSecret));
    expect(golden).toBe('eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJmcm9udF9zd2NoYW5fYXBwX2lkIiwianRpIjoiYWJjZCIsInN1YiI6ImZjaGFuMSIsImV4cCI6MTY3MzM1MjAzMH0.zPfFtC15CUEJeLpjcP2xU9Wdorzn2JcLLziA6th5TBc');
  });

  it('verifies with the secret, a fresh jti each call', async () => {
    const [a, b] = [await frontChannelToken(app, 'fchan1'), await frontChannelToken(app, 'fchan1')];
    await expect(jwtVerify(a, new TextEncoder().encode(app.appSecret), { issuer: app.appId, subject: 'fchan1' })).resolves.toBeDefined();
    expect(decodeJwt(a).jti).not.toBe(decodeJwt(b).jti);
  });
});
