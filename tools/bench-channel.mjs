#!/usr/bin/env node
// `npm run bench:channel -- [--rate 20] [--duration 30] [--warmup 5] [--profile DIR]`: builds, brings
// up the dev Kafka and the whdb_bench database (or uses KAFKA_BROKERS/DATABASE_URL), and runs
// bench/channel/channel-latency.bench.ts: the channel stack as processes against fake Front and
// SignalWire, printing both legs' latency percentiles and CPU per message (docs/performance.md#channel-latency).
import { runBench } from './run-bench.mjs';

await runBench('bench/channel/channel-latency.bench.js');
