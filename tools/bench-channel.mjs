#!/usr/bin/env node
// `npm run bench:channel -- [--rate 20] [--duration 30] [--warmup 5] [--profile DIR]`: builds, brings
// up the dev Kafka + Postgres (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/channel/channel-latency.bench.ts: the channel stack as processes against fake Front and
// SignalWire, printing both legs' latency percentiles and CPU per message (docs/performance.md#channel-latency).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInfra } from './infra/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const infra = await ensureInfra({ profile: 'dev' });
await build();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/bench/channel/channel-latency.bench.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...(infra.kafkaPid ? { WHDB_BENCH_KAFKA_PID: String(infra.kafkaPid) } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 1));
