import path from 'node:path';
import { readMetric, TableProbe } from '@whdb/testing';
import { CpuLedger, CpuUsage, Participant } from '../cpu-ledger';
import { pidsWithCommandLine } from '../process-cpu';
import { BackfillBenchOptions, parseBackfillBenchArgs } from './backfill-bench-args';
import { BackfillBenchStack } from './backfill-bench-stack';
import { MemoryFigures, RssSampler } from './rss-sampler';

/**
 * `npm run bench:backfill -- [--messages 100000] [--page-size 100] [--compare] [--backfiller-heap-mib N] [--profile DIR]`
 *
 * A full backfill of a SignalWire history through the whole stack (docs/performance.md#backfill):
 * the fake serves `--messages` generated messages in pages of `--page-size`; the setup through the
 * api starts the job; the backfiller pages and publishes to `whdb.inbound.signalwire_message_v1`;
 * the projector writes the table. Prints rows/s (job start, the last setup step, until the last
 * row is visible), the backfiller's own run time, the backfiller's memory (VmRSS sampled, VmHWM)
 * and CPU ms per row of every process. `--compare` runs 10,000 then 100,000 messages, each on a
 * fresh stack, to show the backfiller's peak memory does not grow with the history.
 */
const ROWS_CHANGED = 'whdb_projector_rows_changed_total';
/**
 * Polls of the projector's /metrics: a scrape costs it about 1 ms of CPU on a quiet machine and
 * 10 - 20 ms on a busy one (V8 profile: prom-client's default metrics), so it is polled every 2 s
 * until the last 10 % of the rows, then every 100 ms (docs/performance.md#what-it-measures-1).
 */
const POLL_FAR_MS = 2000;
const POLL_NEAR_MS = 100;
const NEAR_SHARE = 0.1;
const TARGET_ROWS_PER_S = 5_000;

interface RunFigures {
  readonly messages: number;
  readonly pages: number;
  readonly rowsInTable: number;
  readonly visibleSeconds: number;
  readonly rowsPerS: number;
  /** The backfiller's job run (started_at to finished_at): how fast it fetched and published. */
  readonly jobSeconds: number | null;
  readonly backfiller: MemoryFigures;
  /** The backfiller's V8 heap in use at the end (prom-client's `whdb_nodejs_heap_size_used_bytes`), MiB. */
  readonly backfillerHeapUsedMiB: number;
  readonly machineCpuMsPerRow: number;
  readonly cpuMsPerRow: Readonly<Record<string, number>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (npm run bench:backfill sets it)`);
  return value;
}

function kafkaPid(): number | undefined {
  const given = Number(process.env['WHDB_BENCH_KAFKA_PID']);
  if (Number.isInteger(given) && given > 0) return given;
  const found = pidsWithCommandLine('kafka.Kafka');
  return found.length === 1 ? found[0] : undefined;
}

function perRow(cpu: CpuUsage, rows: number): { machine: number; perName: Record<string, number> } {
  const per = (ms: number) => Number((ms / Math.max(1, rows)).toFixed(4));
  const named = [...cpu.perName.values()].reduce((a, b) => a + b, 0);
  return { machine: per(cpu.machineMs), perName: { ...Object.fromEntries([...cpu.perName].map(([name, ms]) => [name, per(ms)])), other: per(Math.max(0, cpu.machineMs - named)) } };
}

async function runOnce(options: BackfillBenchOptions, messages: number, probe: TableProbe, nodeArgs: readonly string[], knobs: Record<string, string>): Promise<RunFigures> {
  const bench = await new BackfillBenchStack({ kafkaBrokers: env('KAFKA_BROKERS'), databaseUrl: env('DATABASE_URL'), messages, pageSize: options.pageSize, nodeArgs, env: knobs, backfillerHeapMiB: options.backfillerHeapMiB }).start();
  let orgKey: string | undefined;
  try {
    const { stack } = bench;
    const projectorUrl = stack.projector('signalwire_message_v1').options.probeUrl;
    const kafka = kafkaPid();
    if (!kafka) console.warn('(could not tell which process is the Kafka broker: set WHDB_BENCH_KAFKA_PID; its CPU is left out)');
    const participants: Participant[] = [
      { name: 'backfiller', pid: stack.backfiller.pid! },
      { name: 'projector', pid: stack.projector('signalwire_message_v1').pid! },
      { name: 'api', pid: stack.api.pid! },
      { name: 'ingress (idle)', pid: stack.ingress.pid! },
      ...(kafka ? [{ name: 'kafka', pid: kafka }] : []),
      { name: 'postgres', comm: 'postgres' },
      { name: 'bench (SignalWire fake)', pid: process.pid },
    ];
    const ledger = new CpuLedger(participants);
    const integration = await bench.prepareIntegration();
    orgKey = integration.orgKey;
    const changedBefore = await readMetric(projectorUrl, ROWS_CHANGED);
    const memory = new RssSampler(stack.backfiller.pid!);
    const before = ledger.snapshot();
    const started = performance.now();
    const jobId = await integration.complete();
    const deadline = Date.now() + Math.max(180_000, messages * 5);
    let lastJobCheck = Date.now();
    for (;;) {
      const visible = (await readMetric(projectorUrl, ROWS_CHANGED)) - changedBefore;
      if (visible >= messages) break;
      if (Date.now() > deadline) throw new Error(`timed out: ${visible} of ${messages} rows visible\n${stack.logs()}`);
      if (Date.now() - lastJobCheck > 2_000) {
        lastJobCheck = Date.now();
        const job = await BackfillBenchStack.jobRow(probe, jobId);
        if (job.status === 'failed') throw new Error(`the backfill job failed\n${stack.logs()}`);
      }
      await sleep(messages - visible > messages * NEAR_SHARE ? POLL_FAR_MS : POLL_NEAR_MS);
    }
    const visibleSeconds = (performance.now() - started) / 1000;
    const cpu = CpuLedger.between(before, ledger.snapshot());
    const backfiller = memory.stop();
    const backfillerHeapUsedMiB = Math.round((await readMetric(stack.backfiller.options.probeUrl, 'whdb_nodejs_heap_size_used_bytes')) / 1048576);
    const [{ n }] = (await probe.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${integration.qualifiedTable}`)) as [{ n: string }];
    const job = await BackfillBenchStack.jobRow(probe, jobId);
    if (Number(n) !== messages) throw new Error(`${messages} messages were served but the table holds ${n} rows`);
    const cpuPerRow = perRow(cpu, messages);
    return {
      messages,
      pages: job.pages,
      rowsInTable: Number(n),
      visibleSeconds: Number(visibleSeconds.toFixed(2)),
      rowsPerS: Math.round(messages / visibleSeconds),
      jobSeconds: job.runSeconds === null ? null : Number(job.runSeconds.toFixed(2)),
      backfiller,
      backfillerHeapUsedMiB,
      machineCpuMsPerRow: cpuPerRow.machine,
      cpuMsPerRow: cpuPerRow.perName,
    };
  } finally {
    await bench.stop();
    if (orgKey) await probe.dropOrganizationSchema(orgKey).catch(() => undefined);
  }
}

function print(run: RunFigures): void {
  const meets = run.rowsPerS >= TARGET_ROWS_PER_S ? 'meets' : 'MISSES';
  console.log(`\n${run.messages} messages, ${run.pages} pages: ${run.rowsInTable} rows in the table`);
  console.log(`  rows/s (job start to last row visible)  ${run.rowsPerS} (${run.visibleSeconds} s; ${meets} the target of ${TARGET_ROWS_PER_S})`);
  if (run.jobSeconds !== null) console.log(`  backfiller job run (fetch + publish)    ${run.jobSeconds} s, ${Math.round(run.messages / run.jobSeconds)} rows/s`);
  const m = run.backfiller;
  console.log(`  backfiller memory (MiB)                 VmRSS at job start ${m.startMiB}, peak sampled ${m.peakSampledMiB}, at end ${m.endMiB}; VmHWM ${m.highWaterMiB}; V8 heap used at end ${run.backfillerHeapUsedMiB}`);
  console.log(`  backfiller VmRSS every 10 % of the run   ${m.timelineMiB.join(' ')}`);
  console.log(`  CPU per row (ms), whole machine         ${run.machineCpuMsPerRow}`);
  for (const [name, ms] of Object.entries(run.cpuMsPerRow)) console.log(`    ${name.padEnd(36)} ${ms}`);
}

async function main(): Promise<void> {
  const options = parseBackfillBenchArgs(process.argv.slice(2));
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [];
  // Tuning knobs given to the bench (WHDB_PROJECTOR_FETCH_MIN_BYTES=1, ...) reach every service.
  const knobs = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('WHDB_') && !e[0].startsWith('WHDB_BENCH_') && e[1] !== undefined));
  if (Object.keys(knobs).length > 0) console.log(`services run with ${Object.entries(knobs).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  console.log(`signalwire_message_v1 backfill: ${options.sizes.join(' then ')} messages, ${options.pageSize} per page, a fresh stack each`);
  const probe = await TableProbe.connect(env('DATABASE_URL'));
  const runs: RunFigures[] = [];
  try {
    for (const size of options.sizes) {
      const run = await runOnce(options, size, probe, nodeArgs, knobs);
      print(run);
      runs.push(run);
    }
  } finally {
    await probe.close();
    if (options.profileDir) console.log(`CPU profiles of every service: ${path.resolve(options.profileDir)}`);
  }
  if (runs.length > 1) {
    console.log(`\nbackfiller VmHWM (MiB): ${runs.map((r) => `${r.messages} messages ${r.backfiller.highWaterMiB}`).join(', ')}; peak sampled VmRSS: ${runs.map((r) => `${r.messages} messages ${r.backfiller.peakSampledMiB}`).join(', ')}`);
  }
  console.log(JSON.stringify({ options, runs }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
