import { createHash } from 'node:crypto';
import { Converter } from './converter';
import { quoteLiteral } from '../sql/identifiers';

function parseDateLike(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Epoch seconds (fractions allowed) to a timestamp; non-numeric input gives null in process. */
export const CONV_UNIX_TS: Converter = {
  name: 'unix_ts',
  convert(value) {
    if (value === null || value === undefined) return null;
    const n = typeof value === 'number' ? value : Number(value);
    if (typeof value === 'string' && value.trim() === '') return null;
    return Number.isFinite(n) ? new Date(n * 1000) : null;
  },
  sql: (expr) => `to_timestamp((${expr})::double precision)`,
};

/** Strips one leading and one trailing `"`, then parses the leading integer ("abc" gives 0). */
export const CONV_TO_I: Converter = {
  name: 'to_i',
  convert(value) {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return Math.trunc(value);
    const text = String(value).replace(/^"/, '').replace(/"$/, '').trim();
    const match = /^[+-]?\d+/.exec(text.replace(/_/g, ''));
    return match ? Number.parseInt(match[0], 10) : 0;
  },
  sql: (expr) => `(${expr})::integer`,
};

/** Lenient time parse (ISO 8601, RFC 2822). Unparseable input gives null. */
export const CONV_PARSE_TIME: Converter = {
  name: 'parse_time',
  convert: (value) => (value === null || value === undefined ? null : parseDateLike(value)),
  sql: (expr) => `(${expr})::timestamptz`,
};

/** Date parse to `YYYY-MM-DD`. */
export const CONV_PARSE_DATE: Converter = {
  name: 'parse_date',
  convert(value) {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const parsed = parseDateLike(value);
    return parsed ? parsed.toISOString().slice(0, 10) : null;
  },
  sql: (expr) => `(${expr})::date`,
};

/** Converts a timestamp to UTC and takes the date (`2020-02-01T03:00:00+10:00` gives 2020-01-31). */
export const CONV_TO_UTC_DATE: Converter = {
  name: 'to_utc_date',
  convert(value) {
    const parsed = parseDateLike(value);
    return parsed ? parsed.toISOString().slice(0, 10) : null;
  },
  sql: (expr) => `timezone('UTC', (${expr})::timestamptz)::date`,
};

/** Splits on "," and trims each part; null gives []. */
export const CONV_COMMA_SEP: Converter = {
  name: 'comma_sep',
  convert: (value) =>
    value === null || value === undefined ? [] : String(value).split(',').map((part) => part.trim()),
  sql: (expr) => `coalesce(array(SELECT trim(p) FROM unnest(string_to_array((${expr}), ',')) AS p), '{}')`,
};

/** int32 hash of a string: `(int(md5(s)[0..8], 16) & 0xFFFFFFFF) - 2^31`; null hashes as "". */
export const CONV_STR2HASH: Converter = {
  name: 'str2hash',
  convert(value) {
    const text = value === null || value === undefined ? '' : String(value);
    const prefix = createHash('md5').update(text).digest('hex').slice(0, 8);
    return Number.parseInt(prefix, 16) - 2 ** 31;
  },
  sql: (expr) => `(('x' || substr(md5(coalesce((${expr}), '')), 1, 8))::bit(32)::bigint - 2147483648)::integer`,
};

/** First capture group of `pattern`, optionally cast to an integer type; no match gives null. */
export function converterFromRegex(pattern: string, dbType?: 'int' | 'bigint'): Converter {
  const regex = new RegExp(pattern);
  const cast = dbType === 'int' ? '::integer' : dbType === 'bigint' ? '::bigint' : '';
  return {
    name: `regex(${pattern})`,
    convert(value) {
      if (value === null || value === undefined) return null;
      const match = regex.exec(String(value));
      if (!match || match[1] === undefined) return null;
      return dbType ? Number.parseInt(match[1], 10) : match[1];
    },
    sql: (expr) => `(substring((${expr})::text, ${quoteLiteral(pattern)}))${cast}`,
  };
}

/** Global regex replace. */
export function converterGsub(pattern: string, replacement: string): Converter {
  const regex = new RegExp(pattern, 'g');
  return {
    name: `gsub(${pattern})`,
    convert: (value) => (value === null || value === undefined ? null : String(value).replace(regex, replacement)),
    sql: (expr) => `regexp_replace((${expr}), ${quoteLiteral(pattern)}, ${quoteLiteral(replacement)}, 'g')`,
  };
}
