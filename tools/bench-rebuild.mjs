#!/usr/bin/env node
// `npm run bench:rebuild -- [--resources 100000]`:
// brings up the dev Kafka + Postgres (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/rebuild/increase-rebuild.bench.ts: a rebuild of an increase_account_v1 table from the log
// through the stack as processes, printing rows/s, CPU per row of every process, the projector's
// memory and the load average (docs/performance.md#rebuild).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInfra } from './infra/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const infra = await ensureInfra({ profile: 'dev' });
await build();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/bench/rebuild/increase-rebuild.bench.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...(infra.kafkaPid ? { WHDB_BENCH_KAFKA_PID: String(infra.kafkaPid) } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 1));
