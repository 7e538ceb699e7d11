#!/usr/bin/env node
// `npm run bench:noisy-tenant -- [--rounds 3] [--quiet 200] [--gap 20] [--flood-concurrency 8] [--org-rate 50] [--ingress-env NAME=value] [--profile DIR]`:
// builds, brings up the dev Kafka and the whdb_bench database (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/noisy-tenant/noisy-tenant.bench.ts: one organization floods the ingress while another sends
// at its usual pace; prints the quiet one's latency unloaded vs flooded and the ingress's CPU per
// accepted and per refused webhook (docs/performance.md#noisy-tenant).
import { runBench } from './run-bench.mjs';

await runBench('bench/noisy-tenant/noisy-tenant.bench.js');
