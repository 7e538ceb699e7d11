#!/usr/bin/env node
// `npm run bench:soak -- [--minutes 20] [--rate 20] [--channel-rate 1] [--sample-seconds 30]`:
// brings up the dev Kafka + Postgres (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/soak/soak.bench.ts: fixed-rate Increase webhooks and channel replies through the whole
// stack, sampling RSS, CPU and consumer lag, with a summary in dist/soak/ (docs/performance.md#soak).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInfra } from './infra/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const infra = await ensureInfra({ profile: 'dev' });
await build();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/bench/soak/soak.bench.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...(infra.kafkaPid ? { WHDB_BENCH_KAFKA_PID: String(infra.kafkaPid) } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 1));
