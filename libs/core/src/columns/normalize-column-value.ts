import { Column } from './column';
import { INTEGER_RANGES, integerOf, isStorableDecimalText, isStorableYear, isWithinJsonDepth, toStorableText } from './postgres-value-limits';
import { ResourceShapeError } from '../errors/app-error';
import { toJsonbText } from '../json/json';

type Normalized = string | number | boolean | null | readonly unknown[];

function fail(col: Column, value: unknown, expected: string): never {
  let shown: string;
  try {
    shown = String(JSON.stringify(value)).slice(0, 80);
  } catch {
    shown = typeof value;
  }
  // The value stays out of the message: messages reach callers (a 400's reason) and logs, and a
  // value may be personal data. It is kept in the details for whoever handles the error.
  throw new ResourceShapeError(`column ${col.name} expects ${expected}`, { column: col.name, value: shown });
}

function toTimestamp(col: Column, value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) fail(col, value, 'a timestamp');
  if (!isStorableYear(date)) fail(col, value, 'a timestamp between the years 1 and 9999');
  return date.toISOString();
}

/** An integer within the column type's range; large ones as digits (never `1e+21`). */
function toInteger(col: Column, type: 'int' | 'bigint', value: unknown): number | string {
  const integer = integerOf(value);
  if (integer === null) return fail(col, value, 'an integer');
  const { min, max } = INTEGER_RANGES[type];
  if (integer < min || integer > max) return fail(col, value, `an integer between ${min} and ${max}`);
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : integer.toString();
}

/** `numeric` keeps decimal text exact; `double precision` takes the nearest double. */
function toNumeric(col: Column, value: unknown, exact: boolean): number | string {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return fail(col, value, 'a number');
  const text = value.trim();
  if (!isStorableDecimalText(text)) return fail(col, value, 'a number in decimal notation');
  if (exact) return text;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : fail(col, value, 'a number within the range of a double');
}

const UUID_TEXT = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

function toUuid(col: Column, value: unknown): string {
  const match = typeof value === 'string' ? UUID_TEXT.exec(value.trim()) : null;
  if (!match) return fail(col, value, 'a UUID');
  return match.slice(1).join('-').toLowerCase();
}

function toText(col: Column, value: unknown): string {
  if (typeof value !== 'object') return toStorableText(String(value));
  if (!isWithinJsonDepth(value)) fail(col, '(deeply nested)', 'a value nested less deeply');
  return toStorableText(JSON.stringify(value));
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON text for a `jsonb` column: JSON text as it is, anything else encoded (SPEC 6), made storable. */
function toJsonb(col: Column, value: unknown): string {
  const document: unknown = typeof value === 'string' && isJsonText(value) ? JSON.parse(value) : value;
  if (!isWithinJsonDepth(document)) fail(col, '(deeply nested)', 'a value nested less deeply');
  return toJsonbText(document);
}

/**
 * Coerces a converted value into what the column's Postgres type accepts, so that bad input fails
 * here, per resource, with a clear message, instead of failing a whole batch in Postgres. Text
 * loses NUL code points (Postgres `text` cannot hold them), as `data` loses escaped NULs (SPEC 5).
 */
export function normalizeColumnValue(col: Column, value: unknown): Normalized {
  if (value === null || value === undefined) return null;
  switch (col.type) {
    case 'timestamp':
      return toTimestamp(col, value);
    case 'date':
      return toTimestamp(col, value).slice(0, 10);
    case 'int':
    case 'bigint':
      return toInteger(col, col.type, value);
    case 'decimal':
      return toNumeric(col, value, true);
    case 'double':
    case 'float':
      return toNumeric(col, value, false);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(col, value, 'a boolean');
    case 'text':
      return toText(col, value);
    case 'uuid':
      return toUuid(col, value);
    case 'object':
      return toJsonb(col, value);
    case 'intarray':
      if (!Array.isArray(value)) return fail(col, value, 'an array of integers');
      return value.map((v) => toInteger(col, 'int', v));
    case 'bigintarray':
      if (!Array.isArray(value)) return fail(col, value, 'an array of integers');
      return value.map((v) => toInteger(col, 'bigint', v));
    case 'textarray':
      if (!Array.isArray(value)) return fail(col, value, 'an array of strings');
      return value.map((v) => (v === null ? null : toText(col, v)));
  }
}
