#!/usr/bin/env node
// `npm run bench:rebuild -- [--resources 100000]`:
// brings up the dev Kafka and the whdb_bench database (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/rebuild/increase-rebuild.bench.ts: a rebuild of an increase_account_v1 table from the log
// through the stack as processes, printing rows/s, CPU per row of every process, the projector's
// memory and the load average (docs/performance.md#rebuild).
import { runBench } from './run-bench.mjs';

await runBench('bench/rebuild/increase-rebuild.bench.js');
