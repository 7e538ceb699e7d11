#!/usr/bin/env node
// `npm run bench:backfill -- [--messages 100000] [--page-size 100] [--compare] [--backfiller-heap-mib N] [--profile DIR]`:
// brings up the dev Kafka and the whdb_bench database (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/backfill/signalwire-backfill.bench.ts: a full signalwire_message_v1 backfill from the fake
// through the stack as processes, printing rows/s, the backfiller's peak memory and CPU per row
// of every process (docs/performance.md#backfill).
import { runBench } from './run-bench.mjs';

await runBench('bench/backfill/signalwire-backfill.bench.js');
