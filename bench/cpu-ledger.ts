import { machineBusyMs, peakRssMiB, pidsNamed, processTimes } from './process-cpu';

/** A process the bench accounts for: one pid, or every process with a command name (Postgres). */
export type Participant = { readonly name: string; readonly pid: number } | { readonly name: string; readonly comm: string };

interface Snapshot {
  readonly machineMs: number;
  readonly perName: Map<string, number>;
}

/** CPU milliseconds spent between two snapshots, per participant and for the whole machine. */
export interface CpuUsage {
  readonly machineMs: number;
  readonly perName: ReadonlyMap<string, number>;
}

/**
 * Snapshots the CPU time of the stack's processes. A participant named by `comm` is every process
 * with that name: the sum of their own times plus what their parents reaped from exited children,
 * so Postgres backends that come and go are still counted.
 */
export class CpuLedger {
  constructor(private readonly participants: readonly Participant[]) {}

  snapshot(): Snapshot {
    const perName = new Map<string, number>();
    for (const participant of this.participants) {
      const pids = 'pid' in participant ? [participant.pid] : pidsNamed(participant.comm);
      let total = 0;
      for (const pid of pids) {
        const times = processTimes(pid);
        if (!times) continue;
        total += times.ownMs + ('comm' in participant ? times.reapedChildrenMs : 0);
      }
      perName.set(participant.name, total);
    }
    return { machineMs: machineBusyMs(), perName };
  }

  static between(before: Snapshot, after: Snapshot): CpuUsage {
    const perName = new Map<string, number>();
    for (const [name, ms] of after.perName) perName.set(name, Math.max(0, ms - (before.perName.get(name) ?? 0)));
    return { machineMs: after.machineMs - before.machineMs, perName };
  }

  /** Peak resident memory (MiB) of each single-pid participant; for `comm` ones, the largest process. */
  peakMemory(): Map<string, number> {
    const peaks = new Map<string, number>();
    for (const participant of this.participants) {
      const pids = 'pid' in participant ? [participant.pid] : pidsNamed(participant.comm);
      peaks.set(participant.name, Math.max(0, ...pids.map((pid) => peakRssMiB(pid) ?? 0)));
    }
    return peaks;
  }
}
