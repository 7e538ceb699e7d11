#!/usr/bin/env node
// `npm run bench -- [--requests N] [--concurrency C1,C2] [--runs R] [--warmup W] [--profile DIR]`:
// builds, brings up the dev Kafka and the whdb_bench database (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/increase-webhooks.bench.ts, which starts the whole stack as processes and prints rows
// visible/s, accepted/s, latency percentiles and CPU per webhook per process (docs/performance.md).
import { runBench } from './run-bench.mjs';

await runBench('bench/increase-webhooks.bench.js');
