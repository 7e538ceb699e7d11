import os from 'node:os';
import path from 'node:path';
import { CpuLedger, CpuUsage, Participant } from '../cpu-ledger';
import { percentile } from '../latency-stats';
import { pidsWithCommandLine } from '../process-cpu';
import { parseChannelBenchArgs } from './channel-bench-args';
import { ChannelBenchStack, customerNumber } from './channel-bench-stack';
import { PostgresTransactions } from './postgres-transactions';

/**
 * `npm run bench:channel -- [--rate 20] [--duration 30] [--warmup 5] [--profile DIR]`
 *
 * The channel's two legs, measured at the fakes (docs/performance.md#channel-latency):
 * - Front reply to SMS: from the channel delivery POST to the send arriving at the SignalWire fake;
 * - SMS to Front: from the inbound SMS webhook to the import arriving at the Front fake.
 * `--rate` conversations start every second (open loop, not waiting for answers), each one
 * customer SMS and, half a tick later, one agent reply to another customer. Prints p50/p95/p99/max
 * per leg, throughput and CPU ms per message of every process.
 */
interface Leg {
  readonly name: string;
  readonly sentAt: Map<string, number>;
  arrivals(): Map<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (npm run bench:channel sets it)`);
  return value;
}

function kafkaPid(): number | undefined {
  const given = Number(process.env['WHDB_BENCH_KAFKA_PID']);
  if (Number.isInteger(given) && given > 0) return given;
  const found = pidsWithCommandLine('kafka.Kafka');
  return found.length === 1 ? found[0] : undefined;
}

/** Starts `count` conversations at `rate` per second; resolves when every request was answered. */
async function drive(bench: ChannelBenchStack, legs: { reply: Leg; sms: Leg }, first: number, count: number, rate: number): Promise<number> {
  const interval = 1000 / rate;
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  let failures = 0;
  const fail = (error: unknown) => {
    failures += 1;
    if (failures <= 3) console.warn(`  a request failed: ${error instanceof Error ? error.message : String(error)}`);
  };
  for (let i = 0; i < count; i += 1) {
    const n = first + i;
    await sleep(started + i * interval - performance.now());
    const smsText = `bench sms ${n}`;
    const smsAt = Date.now();
    pending.push(bench.sendSms(customerNumber(2 * n), smsText).then((sid) => legs.sms.sentAt.set(sid, smsAt), fail));
    await sleep(started + (i + 0.5) * interval - performance.now());
    const replyText = `bench reply ${n}`;
    legs.reply.sentAt.set(replyText, Date.now());
    pending.push(bench.sendReply(customerNumber(2 * n + 1), replyText).catch(fail));
  }
  await Promise.all(pending);
  return failures;
}

/** Waits until every message of every leg arrived at its fake; on timeout the error carries the services' log tails. */
async function waitForArrivals(bench: ChannelBenchStack, legs: readonly Leg[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = legs.map((leg) => {
      const arrived = leg.arrivals();
      return [...leg.sentAt.keys()].filter((key) => !arrived.has(key)).length;
    });
    if (missing.every((m) => m === 0)) return;
    if (Date.now() > deadline) throw new Error(`timed out: ${legs.map((leg, i) => `${leg.name} ${missing[i]} missing`).join(', ')}\n${bench.stack.logs()}`);
    await sleep(100);
  }
}

function report(leg: Leg, windowSeconds: number): { p50: number; p95: number; p99: number; max: number; count: number; perSecond: number } {
  const arrived = leg.arrivals();
  const latencies = [...leg.sentAt].map(([key, sentAt]) => arrived.get(key)! - sentAt).sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    count: latencies.length,
    perSecond: Number((latencies.length / windowSeconds).toFixed(1)),
  };
}

function printCpu(cpu: CpuUsage, messages: number): Record<string, number> {
  const per = (ms: number) => Number((ms / Math.max(1, messages)).toFixed(3));
  const perProcess = Object.fromEntries([...cpu.perName].map(([name, ms]) => [name, per(ms)]));
  const other = per(Math.max(0, cpu.machineMs - [...cpu.perName.values()].reduce((a, b) => a + b, 0)));
  console.log(`\nCPU per message (ms), ${messages} messages: whole machine ${per(cpu.machineMs)}`);
  for (const [name, ms] of Object.entries({ ...perProcess, other })) console.log(`  ${name.padEnd(36)} ${ms}`);
  return { machine: per(cpu.machineMs), ...perProcess, other };
}

async function main(): Promise<void> {
  const options = parseChannelBenchArgs(process.argv.slice(2));
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [];
  // Tuning knobs given to the bench (WHDB_PROJECTOR_FETCH_MIN_BYTES=1, ...) reach every service.
  const knobs = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('WHDB_') && !e[0].startsWith('WHDB_BENCH_') && e[1] !== undefined));
  if (Object.keys(knobs).length > 0) console.log(`services run with ${Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  const bench = await new ChannelBenchStack({ kafkaBrokers: env('KAFKA_BROKERS'), databaseUrl: env('DATABASE_URL'), nodeArgs, env: knobs }).start();
  const newLegs = () => ({
    reply: { name: 'Front reply to SMS', sentAt: new Map<string, number>(), arrivals: () => bench.smsArrivals() },
    sms: { name: 'SMS to Front', sentAt: new Map<string, number>(), arrivals: () => bench.importArrivals() },
  });
  try {
    const { stack } = bench;
    const kafka = kafkaPid();
    if (!kafka) console.warn('(could not tell which process is the Kafka broker: set WHDB_BENCH_KAFKA_PID; its CPU is left out)');
    const participants: Participant[] = [
      { name: 'ingress', pid: stack.ingress.pid! },
      { name: 'api', pid: stack.api.pid! },
      { name: 'projector signalwire_message_v1', pid: stack.projector('signalwire_message_v1').pid! },
      { name: 'projector channel', pid: stack.projector('front_signalwire_message_channel_app_v1').pid! },
      { name: 'reconciler', pid: stack.reconciler!.pid! },
      { name: 'outbound-sender', pid: stack.outboundSender!.pid! },
      ...(kafka ? [{ name: 'kafka', pid: kafka }] : []),
      { name: 'postgres', comm: 'postgres' },
      { name: 'bench (load + fakes)', pid: process.pid },
    ];
    const ledger = new CpuLedger(participants);
    const warmupCount = Math.round(options.warmupSeconds * options.rate);
    if (warmupCount > 0) {
      const warm = newLegs();
      await drive(bench, warm, 0, warmupCount, options.rate);
      await waitForArrivals(bench, [warm.reply, warm.sms], 120_000);
    }
    const legs = newLegs();
    const count = Math.round(options.durationSeconds * options.rate);
    console.log(`\nchannel latency: ${options.rate} conversations/s for ${options.durationSeconds} s (${count} SMS in, ${count} replies out), after ${options.warmupSeconds} s of warm-up`);
    const transactions = await PostgresTransactions.connect(env('DATABASE_URL'));
    await sleep(1500); // the warm-up's statistics reach pg_stat_database
    const transactionsBefore = await transactions.count();
    const loadStart = Number(os.loadavg()[0]!.toFixed(2));
    const before = ledger.snapshot();
    const started = Date.now();
    const failures = await drive(bench, legs, warmupCount, count, options.rate);
    await waitForArrivals(bench, [legs.reply, legs.sms], 120_000);
    const windowSeconds = (Date.now() - started) / 1000;
    // Quote figures with the load they were measured under (docs/performance.md#channel-latency).
    const loadAverage = { start: loadStart, end: Number(os.loadavg()[0]!.toFixed(2)) };
    const cpu = CpuLedger.between(before, ledger.snapshot());
    await sleep(1500);
    const transactionCount = (await transactions.count()) - transactionsBefore;
    await transactions.close();
    const figures = { reply: report(legs.reply, windowSeconds), sms: report(legs.sms, windowSeconds) };
    for (const [key, leg] of Object.entries(figures)) {
      const name = legs[key as 'reply' | 'sms'].name;
      const meets = leg.p50 <= 150 && leg.p99 <= 1000 ? 'meets' : 'MISSES';
      console.log(`  ${name.padEnd(20)} p50 ${leg.p50} ms, p95 ${leg.p95} ms, p99 ${leg.p99} ms, max ${leg.max} ms; ${leg.count} delivered, ${leg.perSecond}/s (${meets} p50 <= 150 ms, p99 <= 1 s)`);
    }
    if (failures > 0) console.warn(`  ${failures} requests failed`);
    const perMessage = printCpu(cpu, figures.reply.count + figures.sms.count);
    const postgresTransactionsPerMessage = Number((transactionCount / Math.max(1, figures.reply.count + figures.sms.count)).toFixed(2));
    console.log(`Postgres transactions per message (the bench's database, every service): ${postgresTransactionsPerMessage}`);
    console.log(`peak memory (RSS, MiB): ${[...ledger.peakMemory()].map(([name, mib]) => `${name} ${mib}`).join(', ')}`);
    console.log(`load average (1 min) at the start and the end of the measured window: ${loadAverage.start}, ${loadAverage.end}${loadAverage.end >= 1 ? ' (not a quiet machine: quote it with the figures)' : ''}`);
    console.log(JSON.stringify({ options, failures, windowSeconds, loadAverage, legs: figures, cpuMsPerMessage: perMessage, postgresTransactionsPerMessage }));
  } finally {
    await bench.stop();
    if (options.profileDir) console.log(`CPU profiles of every service: ${path.resolve(options.profileDir)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
