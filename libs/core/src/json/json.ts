/** JSON values as they come off the wire. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonObject | JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Serializes a value for a Postgres `jsonb` parameter. Postgres rejects the NUL code point in
 * jsonb, so every escaped `\u0000` is removed; an escaped backslash followed by the literal text
 * `u0000` is kept (docs/behaviour/upserts.md#upsert-statement). Postgres also rejects a lone UTF-16 surrogate, which
 * `JSON.stringify` writes as an escape (`\ud800`; paired surrogates are written as the character
 * itself): each becomes U+FFFD, as invalid UTF-8 does when a body is decoded (docs/bad-input.md).
 */
export function toJsonbText(value: unknown): string {
  return JSON.stringify(value).replace(/(\\+)u(0000|d[89a-f][0-9a-f]{2})/g, (match, slashes: string, code: string) => {
    if (slashes.length % 2 === 0) return match;
    return code === '0000' ? slashes.slice(0, -1) : `${slashes}ufffd`;
  });
}
