// Makes sure the Postgres named by a URL answers (starting the local Debian/Ubuntu cluster with
// pg_ctlcluster when it is down) and that the URL's database exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { canConnect, commandOnPath, pollUntil, say } from './process-util.mjs';
import { ensureAnalystPasswordAuth } from './postgres-analyst-auth.mjs';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);
const PG_CONF_ROOT = '/etc/postgresql';

export function parsePostgresUrl(url) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
  };
}

/** Clusters of `pg_ctlcluster` (Debian layout /etc/postgresql/<version>/<cluster>) configured on `port`. */
function localClustersOn(port) {
  if (!fs.existsSync(PG_CONF_ROOT)) return [];
  const clusters = [];
  for (const version of fs.readdirSync(PG_CONF_ROOT)) {
    const versionDir = path.join(PG_CONF_ROOT, version);
    if (!fs.statSync(versionDir).isDirectory()) continue;
    for (const cluster of fs.readdirSync(versionDir)) {
      const conf = path.join(versionDir, cluster, 'postgresql.conf');
      if (!fs.existsSync(conf)) continue;
      const match = /^\s*port\s*=\s*(\d+)/m.exec(fs.readFileSync(conf, 'utf8'));
      if (Number(match?.[1] ?? 5432) === port) clusters.push({ version, cluster });
    }
  }
  return clusters;
}

async function startLocalPostgres(port) {
  const clusters = localClustersOn(port);
  if (clusters.length === 0 || !commandOnPath('pg_ctlcluster')) {
    throw new Error(`Postgres does not answer on 127.0.0.1:${port} and there is no local pg_ctlcluster cluster configured on that port to start; start Postgres yourself or set DATABASE_URL`);
  }
  const { version, cluster } = clusters[0];
  say(`postgres: 127.0.0.1:${port} does not answer; starting cluster ${version}/${cluster} (pg_ctlcluster)`);
  const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, 'start'], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`pg_ctlcluster ${version} ${cluster} start failed (exit ${result.status}): ${`${result.stdout}\n${result.stderr}`.trim()}`);
  }
  if (!(await pollUntil(() => canConnect('127.0.0.1', port), { timeoutMs: 30_000, intervalMs: 250 }))) {
    throw new Error(`Postgres cluster ${version}/${cluster} was started but 127.0.0.1:${port} still does not answer after 30s`);
  }
}

async function createDatabaseIfMissing(url, database) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to Postgres at ${admin.host} as '${decodeURIComponent(admin.username) || '(default user)'}': ${error.message}`);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount > 0) return false;
    try {
      await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    } catch (error) {
      if (error.code === '42P04' || error.code === '23505') return false; // created concurrently
      throw new Error(`cannot create database '${database}': ${error.message}`);
    }
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Ensures Postgres answers and the database in `url` exists. Returns {databaseUrl, started, created}. */
export async function ensurePostgres({ url }) {
  const { host, port, database } = parsePostgresUrl(url);
  let started = false;
  if (!(await canConnect(host, port, 2000))) {
    if (!LOCAL_HOSTS.has(host)) throw new Error(`Postgres at ${host}:${port} does not answer`);
    await startLocalPostgres(port);
    started = true;
  }
  const created = await createDatabaseIfMissing(url, database);
  if (LOCAL_HOSTS.has(host)) await ensureAnalystPasswordAuth({ url });
  say(`postgres: ${host}:${port} answers; database '${database}' ${created ? 'created' : 'exists'}`);
  return { databaseUrl: url, started, created };
}
