import { peakRssMiB, residentMiB } from '../process-cpu';

/** A process's memory over a window: resident set sampled every `intervalMs`, and its lifetime peak. */
export interface MemoryFigures {
  /** VmRSS when sampling started (after boot, before the job), MiB. */
  readonly startMiB: number;
  /** Largest VmRSS sampled during the window, MiB. */
  readonly peakSampledMiB: number;
  /** VmRSS when sampling stopped, MiB. */
  readonly endMiB: number;
  /** VmRSS at 0 %, 10 %, ..., 100 % of the window, MiB: a plateau is bounded memory, a slope is growth. */
  readonly timelineMiB: readonly number[];
  /** VmHWM at the end: the largest resident set of the process's whole life (boot included), MiB. */
  readonly highWaterMiB: number;
}

/** Samples `VmRSS` of one process from /proc until stopped (the backfiller's bounded memory, docs/performance.md#backfill). */
export class RssSampler {
  private samples: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): MemoryFigures {
    clearInterval(this.timer);
    this.sample();
    const round = (mib: number) => Math.round(mib);
    return {
      startMiB: round(this.samples[0] ?? 0),
      peakSampledMiB: round(Math.max(0, ...this.samples)),
      endMiB: round(this.samples[this.samples.length - 1] ?? 0),
      timelineMiB: Array.from({ length: 11 }, (_, tenth) => round(this.samples[Math.round(((this.samples.length - 1) * tenth) / 10)] ?? 0)),
      highWaterMiB: peakRssMiB(this.pid) ?? 0,
    };
  }

  private sample(): void {
    const mib = residentMiB(this.pid);
    if (mib !== null) this.samples.push(mib);
  }
}
