#!/usr/bin/env node
// `npm run bench:noisy-tenant -- [--rounds 3] [--quiet 200] [--gap 20] [--flood-concurrency 8] [--org-rate 50] [--ingress-env NAME=value] [--profile DIR]`:
// builds, brings up the dev Kafka + Postgres (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/noisy-tenant/noisy-tenant.bench.ts: one organization floods the ingress while another sends
// at its usual pace; prints the quiet one's latency unloaded vs flooded and the ingress's CPU per
// accepted and per refused webhook (docs/performance.md#noisy-tenant).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureInfra } from './infra/ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const infra = await ensureInfra({ profile: 'dev' });
await build();
const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/bench/noisy-tenant/noisy-tenant.bench.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl, ...(infra.kafkaPid ? { WHDB_BENCH_KAFKA_PID: String(infra.kafkaPid) } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 1));
