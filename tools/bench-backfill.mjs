#!/usr/bin/env node
// `npm run bench:backfill -- [--messages 100000] [--page-size 100] [--compare] [--backfiller-heap-mib N] [--profile DIR]`:
// brings up the dev Kafka + Postgres (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/backfill/signalwire-backfill.bench.ts: a full signalwire_message_v1 backfill from the fake
// through the stack as processes, printing rows/s, the backfiller's peak memory and CPU per row
// of every process (docs/performance.md#backfill).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInfra } from './infra/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const infra = await ensureInfra({ profile: 'dev' });
await build();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/bench/backfill/signalwire-backfill.bench.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...(infra.kafkaPid ? { WHDB_BENCH_KAFKA_PID: String(infra.kafkaPid) } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 1));
