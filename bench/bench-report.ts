import { CpuUsage } from './cpu-ledger';
import { summarize } from './latency-stats';

/** The figures of one measured run. */
export interface RunFigures {
  readonly concurrency: number;
  readonly requests: number;
  readonly accepted: number;
  readonly failed: number;
  /** Answered 503 by the in-flight bound (docs/operations.md#overload); included in `failed`. */
  readonly shed: number;
  readonly acceptedPerS: number;
  readonly rowsVisiblePerS: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /** Whole-machine busy CPU per accepted webhook, ms (everything running, load generator included). */
  readonly machineCpuMsPerWebhook: number;
  /** CPU ms per accepted webhook of each process of the stack. */
  readonly cpuMsPerWebhook: Readonly<Record<string, number>>;
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

export function runFigures(input: {
  concurrency: number;
  requests: number;
  latenciesMs: readonly number[];
  failed: number;
  shed: number;
  sendSeconds: number;
  visibleSeconds: number;
  cpu: CpuUsage;
}): RunFigures {
  const accepted = input.latenciesMs.length;
  const latency = summarize(input.latenciesMs);
  const perWebhook = (ms: number) => round(ms / Math.max(1, accepted), 3);
  return {
    concurrency: input.concurrency,
    requests: input.requests,
    accepted,
    failed: input.failed,
    shed: input.shed,
    acceptedPerS: Math.round(accepted / input.sendSeconds),
    rowsVisiblePerS: Math.round(accepted / input.visibleSeconds),
    latencyMs: { p50: round(latency.p50, 1), p90: round(latency.p90, 1), p99: round(latency.p99, 1), max: round(latency.max, 1) },
    machineCpuMsPerWebhook: perWebhook(input.cpu.machineMs),
    cpuMsPerWebhook: {
      ...Object.fromEntries([...input.cpu.perName].map(([name, ms]) => [name, perWebhook(ms)])),
      // Kernel work on behalf of no process (loopback networking in softirq), the bench's own
      // polling, and anything else running on the machine.
      other: perWebhook(Math.max(0, input.cpu.machineMs - [...input.cpu.perName.values()].reduce((a, b) => a + b, 0))),
    },
  };
}

export function printRun(run: RunFigures): void {
  const parts = Object.entries(run.cpuMsPerWebhook).map(([name, ms]) => `${name} ${ms}`);
  console.log(
    `  c=${run.concurrency}: ${run.accepted}/${run.requests} accepted (${run.shed} shed, ${run.failed} not accepted in all), ${run.acceptedPerS} accepted/s, ` +
      `${run.rowsVisiblePerS} rows visible/s, p50/p90/p99/max ${run.latencyMs.p50}/${run.latencyMs.p90}/${run.latencyMs.p99}/${run.latencyMs.max} ms, ` +
      `CPU ${run.machineCpuMsPerWebhook} ms/webhook (${parts.join(', ')})`,
  );
}

function spread(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return sorted.length === 1 ? String(median) : `${sorted[0]} / ${median} / ${sorted[sorted.length - 1]}`;
}

/** One table per concurrency: min / median / max over the runs of each figure. */
export function printSummary(runs: readonly RunFigures[], peakMemoryMiB: ReadonlyMap<string, number>): void {
  const concurrencies = [...new Set(runs.map((r) => r.concurrency))];
  for (const concurrency of concurrencies) {
    const group = runs.filter((r) => r.concurrency === concurrency);
    const label = group.length === 1 ? 'value' : 'min / median / max';
    console.log(`\nconcurrency ${concurrency}, ${group.length} run(s) of ${group[0]!.requests} webhooks (${label})`);
    const rows: [string, string][] = [
      ['rows visible/s', spread(group.map((r) => r.rowsVisiblePerS))],
      ['accepted/s', spread(group.map((r) => r.acceptedPerS))],
      ['latency to 2xx p50, ms', spread(group.map((r) => r.latencyMs.p50))],
      ['latency to 2xx p99, ms', spread(group.map((r) => r.latencyMs.p99))],
      ['latency to 2xx max, ms', spread(group.map((r) => r.latencyMs.max))],
      ['whole-machine CPU per webhook, ms', spread(group.map((r) => r.machineCpuMsPerWebhook))],
      ...Object.keys(group[0]!.cpuMsPerWebhook).map((name): [string, string] => [`  ${name} CPU per webhook, ms`, spread(group.map((r) => r.cpuMsPerWebhook[name]!))]),
      ['accepted', spread(group.map((r) => r.accepted))],
      ['shed (503)', spread(group.map((r) => r.shed))],
      ['not accepted (all statuses)', spread(group.map((r) => r.failed))],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    for (const [name, text] of rows) console.log(`  ${name.padEnd(width)}  ${text}`);
  }
  console.log(`\npeak memory (RSS, MiB): ${[...peakMemoryMiB].map(([name, mib]) => `${name} ${mib}`).join(', ')}`);
}
