import { AppError, isAppError } from '@whdb/core';

/** Network-level failures of the driver or the pool: the database is (temporarily) unreachable. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** Messages pg / pg-pool use for failures that carry no code. */
const CONNECTION_ERROR_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connection timeout',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end on the pool',
];

/**
 * SQLSTATEs that mean "try again later": connection exceptions (08), operator intervention
 * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 57014 query canceled),
 * insufficient resources (53), transaction rollback (40: serialization failure, deadlock) and
 * lock not available (55P03).
 */
function isRetriableSqlState(state: string): boolean {
  return (
    state.startsWith('08') ||
    state.startsWith('53') ||
    state.startsWith('40') ||
    state === '57P01' ||
    state === '57P02' ||
    state === '57P03' ||
    state === '57014' ||
    state === '55P03'
  );
}

const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA_NAME = '3F000';

interface DriverErrorLike {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  schema?: unknown;
}

/**
 * The pg error under a TypeORM `QueryFailedError` (its `driverError`), under an `AppError` we
 * mapped (its `cause`), or the error itself.
 */
function driverErrorOf(error: unknown): DriverErrorLike | null {
  if (typeof error !== 'object' || error === null) return null;
  if (isAppError(error)) return driverErrorOf(error.cause);
  const inner = (error as { driverError?: unknown }).driverError;
  return (typeof inner === 'object' && inner !== null ? inner : error) as DriverErrorLike;
}

/** The SQLSTATE (e.g. `23505`) or Node error code (e.g. `ECONNREFUSED`) of a database error. */
export function databaseErrorCode(error: unknown): string | undefined {
  const code = driverErrorOf(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for a unique violation, optionally on a given constraint name. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (databaseErrorCode(error) !== '23505') return false;
  return constraint === undefined || driverErrorOf(error)?.constraint === constraint;
}

/** True when the database could not be reached or the operation may succeed when retried. */
export function isRetriableDatabaseError(error: unknown): boolean {
  const code = databaseErrorCode(error);
  if (code !== undefined && (CONNECTION_ERROR_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isRetriableSqlState(code)))) return true;
  const message = driverErrorOf(error)?.message;
  return typeof message === 'string' && CONNECTION_ERROR_MESSAGES.some((m) => message.includes(m));
}

/** Safe-to-show facts about a failed statement (never the statement's parameters). */
function detailsOf(error: unknown): Record<string, unknown> {
  const driver = driverErrorOf(error);
  const details: Record<string, unknown> = {};
  for (const key of ['code', 'schema', 'table', 'column', 'constraint'] as const) {
    const value = driver?.[key];
    if (typeof value === 'string') details[key === 'code' ? 'sqlState' : key] = value;
  }
  return details;
}

/**
 * The one place that maps driver errors to `AppError`s: unreachable database / transient
 * conflicts become the retriable `database_unavailable`; data exceptions (class 22) become
 * `resource_shape_invalid`, integrity violations (class 23) `invariant_violated` and a missing
 * table or schema (42P01, 3F000) `not_found`, all final.
 * `AppError`s and anything else (bugs such as SQL syntax errors) pass through unchanged. The
 * driver error is kept as `cause`; the bound parameters, which may hold secrets, are dropped.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (isAppError(error)) return error;
  const driver = driverErrorOf(error);
  const message = typeof driver?.message === 'string' ? driver.message : String(error);
  const code = databaseErrorCode(error);
  const cause = driver ?? error;
  if (isRetriableDatabaseError(error)) {
    return new AppError('database_unavailable', `Database unavailable: ${message}`, detailsOf(error), { cause });
  }
  if (code?.startsWith('22')) return new AppError('resource_shape_invalid', `Invalid data: ${message}`, detailsOf(error), { cause });
  if (code?.startsWith('23')) return new AppError('invariant_violated', `Constraint violated: ${message}`, detailsOf(error), { cause });
  // A replicator table (or its schema) that is gone: its integration was deleted. Retrying cannot help.
  if (code === UNDEFINED_TABLE || code === INVALID_SCHEMA_NAME) return new AppError('not_found', `Missing table: ${message}`, detailsOf(error), { cause });
  return error;
}

/** Runs a database operation and rethrows its failure through `translateDatabaseError`. */
export async function mapDatabaseErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw translateDatabaseError(error);
  }
}
