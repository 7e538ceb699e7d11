/**
 * Names of fields, headers and query parameters whose values are secrets. Matched
 * case-insensitively as substrings of the key with `-` and spaces read as `_`, so
 * `Authorization`, `X-Front-Signature`, `WHDB_ADMIN_TOKEN`, `webhookdb_api_key` and `set-cookie`
 * all match. Over-redacting is cheap; a leaked secret is not.
 */
const SENSITIVE_KEY = new RegExp(
  [
    'authorization',
    'cookie',
    'passw(?:or)?d',
    'secret',
    'token',
    'api_?key',
    'backfill_key',
    'encryption_key',
    'private_key',
    'signing_key',
    'access_key',
    'signature',
    'credential',
  ].join('|'),
  'i',
);

export const REDACTED = '[redacted]';

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key.replace(/[-\s]/g, '_'));
}
