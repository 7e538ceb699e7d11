import { randomBytes } from 'node:crypto';

/** The jose module's type (it ships ES modules only, we compile to CommonJS). */
type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

/** jose ships ES modules only; imported once, on first use. */
let josePromise: Promise<Jose> | undefined;
const jose = (): Promise<Jose> => (josePromise ??= import('jose'));

/** The Front channel app: JWT issuer and HS256 secret (CONTRACT `FRONT_SIGNALWIRE_CHANNEL_APP_ID` / `_SECRET`). */
export interface FrontChannelApp {
  readonly appId: string;
  readonly appSecret: string;
}

/**
 * A fresh channel JWT for one call (SPEC 15.5 "Posting to Front"; PROVIDERS 1.3.1): header
 * `{"alg":"HS256"}`, claims in WebhookDB's order `{iss, jti, sub, exp}`, `jti` 8 random hex
 * characters, `exp` = now + 30 s (Front refuses longer-lived tokens).
 */
export async function frontChannelToken(app: FrontChannelApp, channelId: string, now: Date = new Date()): Promise<string> {
  const { SignJWT } = await jose();
  const exp = Math.floor(now.getTime() / 1000) + 30;
  return new SignJWT({ iss: app.appId, jti: randomBytes(4).toString('hex'), sub: channelId, exp }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(app.appSecret));
}
