import { AppError, isJsonObject } from '@whdb/core';

/** A JSON body as the controllers receive it (absent when the request had none). */
export type JsonBody = Record<string, unknown> | undefined;

/**
 * An optional boolean field (docs/behaviour/integrations-api.md#validation): absent or null gives
 * `fallback`; `true`/`false` and the strings "true"/"false" are accepted; anything else is a 400.
 */
export function optionalBoolean(body: JsonBody, name: string, fallback: boolean): boolean {
  const value = body?.[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new AppError('invalid_input', `${name} must be true or false.`);
}

/** An optional JSON object field: absent or null gives `{}`; anything but an object is a 400. */
export function optionalObject(body: JsonBody, name: string): Record<string, unknown> {
  const value = body?.[name];
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw new AppError('invalid_input', `${name} must be a JSON object.`);
  return value;
}
