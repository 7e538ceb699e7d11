#!/usr/bin/env node
// `npm run bench -- [--requests N] [--concurrency C1,C2] [--runs R] [--warmup W] [--profile DIR]`:
// builds, brings up the dev Kafka + Postgres (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/increase-webhooks.bench.ts, which starts the whole stack as processes and prints rows
// visible/s, accepted/s, latency percentiles and CPU per webhook per process (docs/performance.md).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInfra } from './infra/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const infra = await ensureInfra({ profile: 'dev' });
await build();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/bench/increase-webhooks.bench.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...(infra.kafkaPid ? { WHDB_BENCH_KAFKA_PID: String(infra.kafkaPid) } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 1));
