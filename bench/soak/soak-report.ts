/** One sample of the soak (docs/performance.md#soak): per process RSS and CPU, per group lag. */
export interface SoakSample {
  readonly atSeconds: number;
  readonly rssMiB: Readonly<Record<string, number>>;
  /** CPU since the previous sample, percent of one core. */
  readonly cpuPercent: Readonly<Record<string, number>>;
  readonly lag: Readonly<Record<string, number>>;
}

export interface SoakTotals {
  readonly sent: number;
  readonly acked: number;
  readonly stored: number;
  readonly repliesSent: number;
  readonly smsAtFake: number;
  readonly errorLines: Readonly<Record<string, number>>;
  /** The last error/fatal lines of each service that logged any. */
  readonly lastErrorLines: Readonly<Record<string, readonly string[]>>;
}

/** A consumer group's short name for the table's header: `whdb.projector.increase_account_v1` is `increase_account`. */
const shortGroup = (group: string): string => group.replace(/^whdb\./, '').replace(/^projector\./, '').replace(/_v1$/, '');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Within +10 % from the first quarter's median RSS to the last quarter's is flat. */
const FLAT_GROWTH = 0.1;

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)];
}

/** The report as markdown: the table over time, then the summary. */
export function soakReport(title: string, samples: readonly SoakSample[], totals: SoakTotals): string {
  const services = Object.keys(samples[0]?.rssMiB ?? {});
  const groups = [...new Set(samples.flatMap((s) => Object.keys(s.lag)))].sort();
  const out = [`# ${title}`, '', '## Over time (RSS MiB, CPU % of a core, lag in messages)', ''];
  out.push(
    ...table(
      ['minute', ...services.map((s) => `${s} RSS/CPU`), ...groups.map((g) => `lag ${shortGroup(g)}`)],
      samples.map((s) => [(s.atSeconds / 60).toFixed(1), ...services.map((n) => `${Math.round(s.rssMiB[n] ?? 0)}/${Math.round(s.cpuPercent[n] ?? 0)}`), ...groups.map((g) => s.lag[g] ?? '-')]),
    ),
  );
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  out.push('', '## Summary', '', '### RSS per service (first-quarter median vs last-quarter median)', '');
  out.push(
    ...table(
      ['service', 'first MiB', 'last MiB', 'change', 'verdict', 'error/fatal lines'],
      services.map((n) => {
        const first = median(samples.slice(0, quarter).map((s) => s.rssMiB[n] ?? 0));
        const last = median(samples.slice(-quarter).map((s) => s.rssMiB[n] ?? 0));
        const change = first > 0 ? (last - first) / first : 0;
        return [n, first.toFixed(0), last.toFixed(0), `${(change * 100).toFixed(1)} %`, change <= FLAT_GROWTH ? 'flat' : 'growing', totals.errorLines[n] ?? 0];
      }),
    ),
  );
  out.push('', '### Consumer lag per group', '');
  out.push(...table(['group', 'max lag', 'final lag'], groups.map((g) => [g, Math.max(0, ...samples.map((s) => s.lag[g] ?? 0)), samples[samples.length - 1]?.lag[g] ?? 0])));
  const withErrors = Object.entries(totals.lastErrorLines).filter(([, lines]) => lines.length > 0);
  if (withErrors.length > 0) {
    out.push('', '### Last error/fatal lines', '', '```');
    for (const [name, lines] of withErrors) out.push(...lines.map((line) => `[${name}] ${line.slice(0, 400)}`));
    out.push('```');
  }
  out.push('', '### Traffic', '');
  out.push(
    ...table(
      ['webhooks sent', 'acked (2xx)', 'rows stored', 'Front replies sent', 'SMS at the SignalWire fake'],
      [[totals.sent, totals.acked, totals.stored, totals.repliesSent, totals.smsAtFake]],
    ),
  );
  return `${out.join('\n')}\n`;
}
