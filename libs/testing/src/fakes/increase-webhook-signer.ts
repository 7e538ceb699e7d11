import { createHmac } from 'node:crypto';

/**
 * Signs deliveries the way Increase does (docs/behaviour/signatures.md#increase-webhook-signature),
 * written independently of our verifier so tests check our code against the documented protocol
 * rather than against itself.
 */
export function increaseSignatureHeader(rawBody: string, secret: string, at: Date = new Date()): string {
  const t = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** The "Build a Replicator" guide's header: `sha256=<hex HMAC-SHA256(secret, raw body)>`. */
export function bankSignatureHeader(rawBody: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
