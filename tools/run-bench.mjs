// What every `npm run bench*` launcher does: brings up the dev Kafka and the `whdb_bench` database
// (profile `bench`: benches never write into `npm run up`'s database; KAFKA_BROKERS/DATABASE_URL
// win when set), builds, then runs one built bench script with the
// launcher's arguments, passing the broker's pid so the bench can count its CPU
// (docs/performance.md#reproduce).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInfra } from './infra/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `dist/<benchScript>` (e.g. `bench/soak/soak.bench.js`) and exits with its status. */
export async function runBench(benchScript) {
  const infra = await ensureInfra({ profile: 'bench' });
  await build();
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', benchScript), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...(infra.kafkaPid ? { WHDB_BENCH_KAFKA_PID: String(infra.kafkaPid) } : {}) },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}
