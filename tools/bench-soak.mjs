#!/usr/bin/env node
// `npm run bench:soak -- [--minutes 20] [--rate 20] [--channel-rate 1] [--sample-seconds 30]`:
// brings up the dev Kafka and the whdb_bench database (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/soak/soak.bench.ts: fixed-rate Increase webhooks and channel replies through the whole
// stack, sampling RSS, CPU and consumer lag, with a summary in dist/soak/ (docs/performance.md#soak).
import { runBench } from './run-bench.mjs';

await runBench('bench/soak/soak.bench.js');
