import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU and memory of processes, read from Linux's /proc (the bench's per-process breakdown).
 * Times are in clock ticks converted to milliseconds (USER_HZ is 100 on Linux).
 */
const MS_PER_TICK = 10;

export interface ProcessTimes {
  /** utime + stime of the process itself, ms. */
  readonly ownMs: number;
  /** cutime + cstime: children it has reaped (how Postgres backends that exited are counted), ms. */
  readonly reapedChildrenMs: number;
}

/** The fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

export function processTimes(pid: number): ProcessTimes | null {
  const fields = statFields(pid);
  if (!fields) return null;
  // Fields 14-17 of stat (1-based) are utime, stime, cutime, cstime; index 0 here is field 3.
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return { ownMs: (utime! + stime!) * MS_PER_TICK, reapedChildrenMs: (cutime! + cstime!) * MS_PER_TICK };
}

/** Peak resident set size (VmHWM) in MiB, or null when the process is gone. */
export function peakRssMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Current resident set size (VmRSS) in MiB, or null when the process is gone. */
export function residentMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Pids whose command name (`comm`) is `name`, e.g. every `postgres` process. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Pids whose command line contains `fragment` (e.g. the Kafka JVM's `kafka.Kafka`). */
export function pidsWithCommandLine(fragment: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(fragment)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * Busy CPU of the whole machine (every core: user, system, interrupts), ms. Idle, I/O wait and
 * steal (time the hypervisor gave to other guests) are not work done here.
 */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, , , irq, softirq] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user! + nice! + system! + irq! + softirq!) * MS_PER_TICK;
}
