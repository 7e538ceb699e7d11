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
 * `u0000` is kept (docs/behaviour/upserts.md#upsert-statement).
 */
export function toJsonbText(value: unknown): string {
  return JSON.stringify(value).replace(/(\\+)u0000/g, (match, slashes: string) =>
    slashes.length % 2 === 1 ? slashes.slice(0, -1) : match,
  );
}
