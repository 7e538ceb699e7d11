import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One cluster of this machine as `pg_lsclusters` lists it (Debian's postgresql-common). */
export interface LocalPostgresCluster {
  readonly version: string;
  readonly name: string;
  readonly port: number;
}

/**
 * The machine's Postgres cluster that listens on the port of `databaseUrl`, when Debian's
 * `pg_lsclusters` / `pg_ctlcluster` are here and the URL names this machine; otherwise null (a
 * container or a remote server: a test then fails that link with a `TcpFaultProxy` instead).
 */
export async function localPostgresCluster(databaseUrl: string): Promise<LocalPostgresCluster | null> {
  const url = new URL(databaseUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) return null;
  const port = Number(url.port || 5432);
  try {
    const { stdout } = await run('pg_lsclusters', ['--no-header']);
    for (const line of stdout.split('\n')) {
      const [version, name, clusterPort, status] = line.trim().split(/\s+/);
      if (version && name && Number(clusterPort) === port && status?.startsWith('online')) return { version, name, port };
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * Restarts that cluster (`pg_ctlcluster <version> <name> restart -m fast`: every session is
 * terminated, the server is down for about a second). Root runs it directly, anyone else through
 * `sudo -n`. Resolves with how long the restart took, in milliseconds.
 */
export async function restartLocalPostgres(cluster: LocalPostgresCluster): Promise<number> {
  const args = [cluster.version, cluster.name, 'restart', '-m', 'fast'];
  const started = Date.now();
  if (process.getuid?.() === 0) await run('pg_ctlcluster', args, { timeout: 60_000 });
  else await run('sudo', ['-n', 'pg_ctlcluster', ...args], { timeout: 60_000 });
  return Date.now() - started;
}
