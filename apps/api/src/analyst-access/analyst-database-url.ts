import { AppError } from '@whdb/core';
import { AnalystConnection } from './analyst-connection';

/**
 * Where analysts connect (`WHDB_ANALYST_DATABASE_URL`, else `DATABASE_URL`) without any user or
 * password, so the api's own credentials never reach an analyst (docs/configuration.md#api).
 */
export function analystDatabaseBase(databaseUrl: string, analystDatabaseUrl: string | undefined): URL {
  const base = new URL(analystDatabaseUrl ?? databaseUrl);
  base.username = '';
  base.password = '';
  // libpq reads credentials from the query string too.
  for (const key of ['user', 'password']) base.searchParams.delete(key);
  return base;
}

/** The connection URL and its parts for one analyst role. */
export function analystConnection(base: URL, username: string, password: string, schema: string): AnalystConnection {
  const url = new URL(base.href);
  url.username = encodeURIComponent(username);
  url.password = encodeURIComponent(password);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '') throw new AppError('config_invalid', 'The analyst database URL names no database');
  return {
    connection_url: url.href,
    username,
    host: url.hostname,
    port: url.port === '' ? 5432 : Number(url.port),
    database,
    schema,
  };
}
