import { randomBytes } from 'node:crypto';

/** Base36 of `bytes` random bytes. */
export function randomBase36(bytes = 16): string {
  return BigInt(`0x${randomBytes(bytes).toString('hex')}`).toString(36);
}

/** `<prefix>_<base36 of 16 random bytes>`, e.g. `svi_...` for integrations, `bfj_...` for jobs. */
export function opaqueId(prefix: string): string {
  return `${prefix}_${randomBase36(16)}`;
}

/**
 * The integration API key the Front channel uses: `sk/<opaque_id>/<base36 random>`
 * (docs/behaviour/integrations-api.md#roll-the-api-key).
 */
export function integrationApiKey(integrationOpaqueId: string): string {
  return `sk/${integrationOpaqueId}/${randomBase36(16)}`;
}
