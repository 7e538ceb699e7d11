// Where local infrastructure keeps its files: outside the repository, shared by every checkout.
// ${WHDB_CACHE_DIR} or ${XDG_CACHE_HOME:-~/.cache}/webhookdb-kafka.
import os from 'node:os';
import path from 'node:path';

export function cacheDir() {
  if (process.env.WHDB_CACHE_DIR) return path.resolve(process.env.WHDB_CACHE_DIR);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'webhookdb-kafka');
}

/** State directory of one named Kafka instance: run/<name>/ (server.properties, data/, kafka.pid, broker.log). */
export function instanceDir(name) {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name ?? '')) {
    throw new Error(`invalid Kafka instance name ${JSON.stringify(name)} (letters, digits, '.', '_', '-')`);
  }
  return path.join(cacheDir(), 'run', name);
}
