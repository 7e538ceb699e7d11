import { AppError } from '../errors/app-error';

/**
 * Identifiers we create (tables, columns, schemas, roles) must match this
 * (docs/behaviour/replicator-framework.md#table-shape).
 */
const SAFE_IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const MAX_IDENTIFIER_LENGTH = 63;

export function isSafeIdentifier(name: string): boolean {
  return SAFE_IDENTIFIER.test(name) && name.length <= MAX_IDENTIFIER_LENGTH;
}

/** Throws `invalid_identifier` unless `name` is a safe SQL identifier. */
export function validateIdentifier(name: string, what = 'identifier'): string {
  if (!isSafeIdentifier(name)) {
    throw new AppError(
      'invalid_identifier',
      `Invalid ${what} "${name}": use letters, digits and underscores, start with a letter, at most ${MAX_IDENTIFIER_LENGTH} characters.`,
    );
  }
  return name;
}

/** Double-quotes an identifier for SQL, escaping embedded quotes. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"` */
export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}

/** Single-quotes a literal for SQL (used only for constants in generated DDL, never user input). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
