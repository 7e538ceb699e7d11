import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { FakeOtlpCollector, readMetric, TableProbe, WhdbStack } from '@whdb/testing';
import { parseBenchArgs } from './bench-args';
import { printRun, printSummary, RunFigures, runFigures } from './bench-report';
import { CpuLedger, Participant } from './cpu-ledger';
import type { LoadResult } from './load-generator';
import { pidsWithCommandLine } from './process-cpu';

/**
 * `npm run bench -- [--requests 20000] [--concurrency 16,64] [--runs 3] [--warmup 2000] [--max-in-flight N] [--profile DIR] [--node-flags '...']`
 *
 * Runs the whole stack as processes (api, ingress, projector) against Kafka and Postgres, drives it
 * with a load generator in its own process, and prints per run and as min/median/max: rows
 * visible/s (first send until every row is queryable and its row-change event published),
 * accepted/s, shed (503 from the in-flight bound), latency to the 2xx, whole-machine CPU per webhook and CPU ms per webhook of every
 * process, and peak memory. Every run uses a new organization, so all N accounts are new rows.
 * Method and figures: docs/performance.md.
 */
const ROWS_CHANGED = 'whdb_projector_rows_changed_total';
const ROW_EVENTS_PUBLISHED = ['whdb_row_changes_published_total', 'whdb_outbox_published_total'];
const POLL_MS = 20;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (npm run bench sets it)`);
  return value;
}

function kafkaPid(): number | undefined {
  const given = Number(process.env['WHDB_BENCH_KAFKA_PID']);
  if (Number.isInteger(given) && given > 0) return given;
  const found = pidsWithCommandLine('kafka.Kafka');
  return found.length === 1 ? found[0] : undefined;
}

class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<LoadGenerator> {
    const child = fork(path.join(__dirname, 'load-generator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const generator = new LoadGenerator(child);
    await generator.next('ready');
    return generator;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async prepare(requests: number): Promise<void> {
    this.child.send({ type: 'prepare', requests });
    await this.next('prepared');
  }

  async run(url: string, secret: string, concurrency: number): Promise<LoadResult> {
    this.child.send({ type: 'run', url, secret, concurrency });
    return (await this.next('done')) as LoadResult;
  }

  stop(): void {
    this.child.kill();
  }

  private next(type: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== type) return;
        this.child.off('exit', onExit);
        this.child.off('message', onMessage);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code}) while waiting for ${type}`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const nodeArgs = [...options.nodeFlags, ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [])];
  const databaseUrl = env('DATABASE_URL');
  // The bench measures capacity, not policy: one integration sends everything, so the per-tenant
  // rate limits are off; the in-flight bound is the ingress's own unless --max-in-flight says otherwise.
  const ingressEnv = {
    WHDB_INGRESS_RATE_LIMIT_PER_INTEGRATION: '0',
    WHDB_INGRESS_RATE_LIMIT_PER_ORGANIZATION: '0',
    ...(options.maxInFlight === undefined ? {} : { WHDB_INGRESS_MAX_IN_FLIGHT: String(options.maxInFlight) }),
  };
  // --trace: every service records spans and exports them (OTLP/HTTP protobuf, batched) to a local sink.
  const sink = options.trace ? await new FakeOtlpCollector().start() : undefined;
  const tracing: Record<string, string> = sink ? { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url } : {};
  const stack = new WhdbStack({ kafkaBrokers: env('KAFKA_BROKERS'), databaseUrl, env: { LOG_LEVEL: 'warn', ...tracing }, ingressEnv, nodeArgs, startTimeoutMs: 120_000 });
  // A stack that did not come up is stopped too: no service outlives the bench.
  await stack.start().catch(async (error: unknown) => {
    await stack.stop().catch(() => undefined);
    await sink?.stop();
    throw error;
  });
  const probe = await TableProbe.connect(databaseUrl);
  const generator = await LoadGenerator.start();
  try {
    const projector = stack.projector();
    const projectorUrl = projector.options.probeUrl;
    const kafka = kafkaPid();
    const participants: Participant[] = [
      { name: 'ingress', pid: stack.ingress.pid! },
      { name: 'projector', pid: projector.pid! },
      { name: 'api', pid: stack.api.pid! },
      ...(kafka ? [{ name: 'kafka', pid: kafka }] : []),
      { name: 'postgres', comm: 'postgres' },
      { name: 'load generator', pid: generator.pid },
    ];
    if (!kafka) console.warn('(could not tell which process is the Kafka broker: set WHDB_BENCH_KAFKA_PID; its CPU is left out of the breakdown)');
    const ledger = new CpuLedger(participants);
    const counter = (names: readonly string[]) => async () => (await Promise.all(names.map((n) => readMetric(projectorUrl, n)))).reduce((a, b) => a + b, 0);
    const rowsChanged = counter([ROWS_CHANGED]);
    const rowEventsPublished = counter(ROW_EVENTS_PUBLISHED);

    const measure = async (concurrency: number, requests: number): Promise<RunFigures> => {
      // A new organization per run: a fresh table, and every account is a new row.
      const orgKey = `bench_${randomBytes(4).toString('hex')}`;
      const created = await stack.adminClient().createOrganization('Benchmark', orgKey);
      const org = stack.adminClient().withToken(created.token);
      const secret = `whsec_${randomBytes(12).toString('hex')}`;
      const step = await org.createIntegration(orgKey, 'increase_account_v1');
      const { opaque_id: opaqueId, table_name: table } = step.service_integration;
      await org.transition(orgKey, opaqueId, 'webhook_secret', secret);
      await generator.prepare(requests);
      const [changedBefore, publishedBefore] = [await rowsChanged(), await rowEventsPublished()];
      const before = ledger.snapshot();
      const started = performance.now();
      const load = await generator.run(`${stack.ingressUrl}/v1/service_integrations/${opaqueId}`, secret, concurrency);
      const sentAt = performance.now();
      const accepted = load.latenciesMs.length;
      if (accepted < requests) console.warn(`  ${requests - accepted} webhooks were not accepted: ${JSON.stringify(load.statuses)}`);
      if (accepted === 0) throw new Error(`no webhook was accepted\n${stack.logs()}`);
      await waitFor(async () => (await rowsChanged()) - changedBefore >= accepted, 120_000, 'the rows');
      const visibleAt = performance.now();
      await waitFor(async () => (await rowEventsPublished()) - publishedBefore >= accepted, 60_000, 'the row-change events');
      const after = ledger.snapshot();
      const [{ n }] = await probe.query<{ n: string }>(`SELECT count(*) AS n FROM whdb_org_${orgKey}.${table}`);
      if (Number(n) !== accepted) throw new Error(`${accepted} webhooks were accepted but the table holds ${n} rows`);
      return runFigures({
        concurrency,
        requests,
        latenciesMs: load.latenciesMs,
        failed: requests - accepted,
        shed: load.statuses['503'] ?? 0,
        sendSeconds: (sentAt - started) / 1000,
        visibleSeconds: (visibleAt - started) / 1000,
        cpu: CpuLedger.between(before, after),
      });
    };

    console.log(`\nincrease_account_v1 webhooks: ${options.requests} per run, ${options.runs} run(s) per concurrency`);
    const runs: RunFigures[] = [];
    for (const concurrency of options.concurrencies) {
      // Not measured: JIT, pools and connections settle at this concurrency first.
      if (options.warmup > 0) await measure(concurrency, options.warmup);
      for (let i = 0; i < options.runs; i++) {
        const run = await measure(concurrency, options.requests);
        printRun(run);
        runs.push(run);
      }
    }
    printSummary(runs, ledger.peakMemory());
    console.log(JSON.stringify({ runs }));
  } finally {
    generator.stop();
    await probe.close();
    await stack.stop();
    if (sink) {
      console.log(`tracing on: the services sent ${sink.requests} OTLP export requests, ${(sink.bytes / 1024 / 1024).toFixed(1)} MiB of spans`);
      await sink.stop();
    }
    if (options.profileDir) console.log(`CPU profiles of every service: ${path.resolve(options.profileDir)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
