import { ChildProcess, fork } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setUpIncreaseIntegration, TableProbe, WhdbStack } from '@whdb/testing';
import { CpuLedger } from '../cpu-ledger';
import { summarize } from '../latency-stats';
import { parseNoisyTenantBenchArgs } from './noisy-tenant-args';
import { QuietPhase, QuietTenant } from './quiet-tenant';

/**
 * `npm run bench:noisy-tenant -- [--rounds 3] [--quiet 200] [--gap 20] [--flood-concurrency 8] [--org-rate 50] [--ingress-env NAME=value] [--profile DIR]`
 *
 * One organization floods the ingress (a separate process that ignores Retry-After) while another
 * sends at its usual pace, in rounds alternating quiet-only and flooded phases. Prints the quiet
 * organization's latency to the 2xx and to its row in Postgres, unloaded vs flooded (p50/p99 and
 * the ratio of the medians of the rounds' p99), and the ingress's CPU ms per accepted and per
 * refused (429) webhook. Method and figures: docs/performance.md#noisy-tenant.
 */
const IDLE_SECONDS = 3;
const MIN_REFUSED_FOR_CPU = 5000;
/** The flood answers `stop` once every held 429 came back (a hold is at most 60 s). */
const FLOOD_ANSWER_TIMEOUT_MS = 90_000;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (npm run bench:noisy-tenant sets it)`);
  return value;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

class Flood {
  private constructor(private readonly child: ChildProcess) {}

  static async start(): Promise<Flood> {
    const flood = new Flood(fork(path.join(__dirname, 'flood-generator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    await flood.next('ready');
    return flood;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async begin(url: string, secret: string, concurrency: number): Promise<void> {
    this.child.send({ type: 'start', url, secret, concurrency });
    await this.next('started');
  }

  async end(): Promise<Record<string, number>> {
    this.child.send({ type: 'stop' });
    return ((await this.next('done')) as { statuses: Record<string, number> }).statuses;
  }

  kill(): void {
    this.child.kill();
  }

  private next(type: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('exit', onExit);
        this.child.off('message', onMessage);
        reject(new Error(`the flood process did not answer ${type} within ${FLOOD_ANSWER_TIMEOUT_MS} ms`));
      }, FLOOD_ANSWER_TIMEOUT_MS);
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== type) return;
        clearTimeout(timer);
        this.child.off('exit', onExit);
        this.child.off('message', onMessage);
        resolve(message);
      };
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`the flood process exited (${code}) while waiting for ${type}`));
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main(): Promise<void> {
  const options = parseNoisyTenantBenchArgs(process.argv.slice(2));
  const databaseUrl = env('DATABASE_URL');
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.profileDir)}`] : [];
  const ingressEnv = {
    WHDB_INGRESS_RATE_LIMIT_PER_ORGANIZATION: String(options.orgRate),
    WHDB_INGRESS_RATE_LIMIT_PER_INTEGRATION: '0',
    WHDB_INGRESS_RATE_LIMIT_BURST_SECONDS: '1',
    ...options.ingressEnv,
  };
  const stack = new WhdbStack({ kafkaBrokers: env('KAFKA_BROKERS'), databaseUrl, env: { LOG_LEVEL: 'warn' }, ingressEnv, nodeArgs, startTimeoutMs: 120_000 });
  await stack.start().catch(async (error: unknown) => {
    await stack.stop().catch(() => undefined);
    throw error;
  });
  const probe = await TableProbe.connect(databaseUrl);
  const flood = await Flood.start();
  try {
    const noisy = await setUpIncreaseIntegration(stack, 'noisy');
    const quietOrg = await setUpIncreaseIntegration(stack, 'quiet');
    const quiet = new QuietTenant(stack.ingressUrl, quietOrg.opaqueId, quietOrg.secret, probe, `whdb_org_${quietOrg.orgKey}.${quietOrg.table}`);
    const ledger = new CpuLedger([
      { name: 'ingress', pid: stack.ingress.pid! },
      { name: 'flood', pid: flood.pid },
    ]);
    const floodUrl = `${stack.ingressUrl}/v1/service_integrations/${noisy.opaqueId}`;

    // The ingress's own CPU while idle (timers, Kafka client), subtracted from the phases below.
    const idleBefore = ledger.snapshot();
    const idleStarted = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const idleMsPerS = CpuLedger.between(idleBefore, ledger.snapshot()).perName.get('ingress')! / ((performance.now() - idleStarted) / 1000);

    await quiet.phase(options.quietPerPhase, options.quietGapMs); // warm-up: JIT, the connection, the lookup cache
    const unloaded: QuietPhase[] = [];
    const flooded: QuietPhase[] = [];
    const floodStatuses: Record<string, number> = {};
    const cpu = { unloadedMs: 0, unloadedS: 0, floodedMs: 0, floodedS: 0, floodClientMs: 0 };
    const loads: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      loads.push(loadavg()[0]!);
      let before = ledger.snapshot();
      let started = performance.now();
      unloaded.push(await quiet.phase(options.quietPerPhase, options.quietGapMs));
      let used = CpuLedger.between(before, ledger.snapshot());
      cpu.unloadedMs += used.perName.get('ingress')!;
      cpu.unloadedS += (performance.now() - started) / 1000;

      before = ledger.snapshot();
      started = performance.now();
      await flood.begin(floodUrl, noisy.secret, options.floodConcurrency);
      flooded.push(await quiet.phase(options.quietPerPhase, options.quietGapMs));
      const statuses = await flood.end();
      used = CpuLedger.between(before, ledger.snapshot());
      cpu.floodedMs += used.perName.get('ingress')!;
      cpu.floodClientMs += used.perName.get('flood')!;
      cpu.floodedS += (performance.now() - started) / 1000;
      for (const [status, count] of Object.entries(statuses)) floodStatuses[status] = (floodStatuses[status] ?? 0) + count;
      console.log(
        `round ${round + 1}: quiet p99 to 2xx ${fmt(summarize(unloaded.at(-1)!.httpMs).p99)} -> ${fmt(summarize(flooded.at(-1)!.httpMs).p99)} ms, ` +
          `to row ${fmt(summarize(unloaded.at(-1)!.rowMs).p99)} -> ${fmt(summarize(flooded.at(-1)!.rowMs).p99)} ms; flood ${JSON.stringify(statuses)}`,
      );
    }
    quiet.close();
    loads.push(loadavg()[0]!);

    const quietStatuses = [...unloaded, ...flooded].flatMap((p) => Object.keys(p.statuses));
    const pooled = (phases: QuietPhase[], key: 'httpMs' | 'rowMs') => summarize(phases.flatMap((p) => p[key]));
    const roundP99 = (phases: QuietPhase[], key: 'httpMs' | 'rowMs') => median(phases.map((p) => summarize(p[key]).p99));
    const quietCount = (phases: QuietPhase[]) => phases.reduce((n, p) => n + p.httpMs.length, 0);
    const accepted = (floodStatuses['202'] ?? 0) + quietCount(flooded);
    const refused = floodStatuses['429'] ?? 0;
    const acceptedCpuMs = (cpu.unloadedMs - idleMsPerS * cpu.unloadedS) / Math.max(1, quietCount(unloaded));
    // Too few refusals (the hold paces the flood) leave the subtraction below in the noise of /proc's 10 ms ticks.
    const refusedCpuMs = refused >= MIN_REFUSED_FOR_CPU ? (cpu.floodedMs - idleMsPerS * cpu.floodedS - accepted * acceptedCpuMs) / refused : Number.NaN;

    console.log(`\nnoisy tenant: ${options.rounds} round(s); quiet organization ${options.quietPerPhase} webhooks per phase, ${options.quietGapMs} ms apart; flood ${options.floodConcurrency} connections ignoring Retry-After against ${options.orgRate}/s per organization`);
    console.log(`ingress env: ${JSON.stringify(ingressEnv)}; load average (1 min) during the rounds: ${loads.map((l) => l.toFixed(1)).join(' / ')}`);
    console.log('quiet organization (ms)     | unloaded p50 | unloaded p99 | flooded p50 | flooded p99 | ratio of p99 (median of rounds) | ratio of pooled p99');
    for (const [label, key] of [['to the 2xx', 'httpMs'], ['to its row in Postgres', 'rowMs']] as const) {
      const [u, f] = [pooled(unloaded, key), pooled(flooded, key)];
      console.log(
        `${label.padEnd(27)} | ${fmt(u.p50).padStart(12)} | ${fmt(u.p99).padStart(12)} | ${fmt(f.p50).padStart(11)} | ${fmt(f.p99).padStart(11)} | ${fmt(roundP99(flooded, key) / roundP99(unloaded, key), 2).padStart(31)} | ${fmt(f.p99 / u.p99, 2).padStart(19)}`,
      );
    }
    console.log(`quiet organization answers: ${JSON.stringify([...new Set(quietStatuses)])}; flood answers ${JSON.stringify(floodStatuses)} over ${fmt(cpu.floodedS)} s (${fmt(refused / cpu.floodedS, 0)} refused/s)`);
    console.log(
      `ingress CPU: idle ${fmt(idleMsPerS)} ms/s; per accepted webhook ${fmt(acceptedCpuMs, 3)} ms; per refused (429) ${Number.isNaN(refusedCpuMs) ? `- (only ${refused} refused)` : `${fmt(refusedCpuMs, 3)} ms`}; ` +
        `busy ${fmt(cpu.unloadedMs / cpu.unloadedS / 10, 0)} % of a core unloaded, ${fmt(cpu.floodedMs / cpu.floodedS / 10, 0)} % flooded (flood client ${fmt(cpu.floodClientMs / cpu.floodedS / 10, 0)} %)`,
    );
    console.log(JSON.stringify({ unloaded: { http: pooled(unloaded, 'httpMs'), row: pooled(unloaded, 'rowMs') }, flooded: { http: pooled(flooded, 'httpMs'), row: pooled(flooded, 'rowMs') }, floodStatuses, acceptedCpuMs, refusedCpuMs, loads }));
  } finally {
    flood.kill();
    await probe.close();
    await stack.stop();
    if (options.profileDir) console.log(`CPU profiles of every service: ${path.resolve(options.profileDir)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
