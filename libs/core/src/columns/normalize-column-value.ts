import { Column } from './column';
import { ResourceShapeError } from '../errors/app-error';

type Normalized = string | number | boolean | null | readonly unknown[];

function fail(col: Column, value: unknown, expected: string): never {
  throw new ResourceShapeError(`column ${col.name} expects ${expected}, got ${JSON.stringify(value)?.slice(0, 80)}`);
}

function toTimestamp(col: Column, value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) fail(col, value, 'a timestamp');
  return date.toISOString();
}

function toInteger(col: Column, value: unknown): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return value.trim();
  return fail(col, value, 'an integer');
}

function toNumeric(col: Column, value: unknown): number | string {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value.trim();
  return fail(col, value, 'a number');
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Coerces a converted value into what the column's Postgres type accepts, so that bad input fails
 * here, per resource, with a clear message, instead of failing a whole batch in Postgres.
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
      return toInteger(col, value);
    case 'decimal':
    case 'double':
    case 'float':
      return toNumeric(col, value);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(col, value, 'a boolean');
    case 'text':
    case 'uuid':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'object':
      return typeof value === 'string' && isJsonText(value) ? value : JSON.stringify(value);
    case 'intarray':
    case 'bigintarray':
      if (!Array.isArray(value)) return fail(col, value, 'an array of integers');
      return value.map((v) => toInteger(col, v));
    case 'textarray':
      if (!Array.isArray(value)) return fail(col, value, 'an array of strings');
      return value.map((v) => (v === null ? null : String(v)));
  }
}
