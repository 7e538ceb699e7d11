import { randomBytes } from 'node:crypto';

/** The jose module's type (it ships ES modules only, we compile to CommonJS). */
type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

/** jose ships ES modules only; loaded once, lazily (docs/behaviour/outbound-sender.md#front-jwt). */
const jose = (): Promise<Jose> => import('jose');

/** A Front channel JWT as WebhookDB makes it (PROVIDERS 1.3.1, 7.1): HS256, `{iss, jti, sub, exp}`. */
export async function signFrontChannelToken(appId: string, appSecret: string, channelId: string, lifetimeSeconds = 30): Promise<string> {
  const { SignJWT } = await jose();
  const exp = Math.floor(Date.now() / 1000) + lifetimeSeconds;
  return new SignJWT({ iss: appId, jti: randomBytes(4).toString('hex'), sub: channelId, exp }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(appSecret));
}

export type FrontTokenCheck = { readonly ok: true; readonly channelId: string } | { readonly ok: false; readonly reason: string };

/**
 * Front's check of a channel API call (PROVIDERS 1.5): Bearer JWT, HS256 with the app secret,
 * `iss` = app id, `sub` = `channelId` when given, `jti` present, `exp` in (now, now + 30 s].
 */
export async function verifyFrontChannelToken(authorization: string | undefined, appId: string, appSecret: string, channelId?: string): Promise<FrontTokenCheck> {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  if (!match) return { ok: false, reason: 'missing bearer token' };
  const { jwtVerify } = await jose();
  try {
    const { payload } = await jwtVerify(match[1]!, new TextEncoder().encode(appSecret), {
      algorithms: ['HS256'],
      issuer: appId,
      subject: channelId,
      requiredClaims: ['jti', 'exp', 'sub'],
    });
    const now = Math.floor(Date.now() / 1000);
    if ((payload.exp as number) - now > 30) return { ok: false, reason: 'token lives longer than 30 s' };
    return { ok: true, channelId: String(payload.sub) };
  } catch (error) {
    return { ok: false, reason: `invalid token: ${(error as Error).message}` };
  }
}
