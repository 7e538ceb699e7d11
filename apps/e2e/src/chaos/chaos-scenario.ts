import { eventually } from '@whdb/testing';
import { ChaosFigures, ChaosLedger } from './chaos-ledger';
import { ChaosStack } from './chaos-stack';
import { LoadDriver, LoadOptions } from './load-driver';

/** One failure, injected while the load runs. */
export interface Fault {
  /** The table's "failure" column. */
  readonly name: string;
  /** Injects the failure and resolves when it is over: the process restarted, the link restored, the server back. */
  run(): Promise<void>;
  /**
   * Where "time to recover" starts: `start` for a failure that is one event (a kill, a restart: the
   * restart is part of the recovery), `end` for one that lasts a chosen time (a partition).
   */
  readonly recoveryFrom: 'start' | 'end';
  /** Something else that must be true before the system counts as recovered (e.g. a backfill finished). */
  recovered?(): Promise<boolean>;
  /** Said in the table's notes column once recovered (e.g. what the backfill stored). */
  note?(): Promise<string>;
}

export interface ChaosResult extends ChaosFigures {
  readonly failure: string;
  /** From the failure (or its end, see `Fault.recoveryFrom`) until every delivery acknowledged by its end is downstream and the ingress acknowledges again. */
  readonly recoverySeconds: number;
  /** The same for the rows alone and for the SMS alone. */
  readonly rowsRecoverySeconds: number;
  readonly smsRecoverySeconds: number;
  readonly note: string;
  /** Answers by status, for a failing assertion's message. */
  readonly statuses: Record<string, number>;
}

export interface ScenarioOptions extends LoadOptions {
  /** Load before the failure (default 3 s) and after it (default 3 s). */
  readonly leadMs?: number;
  readonly tailMs?: number;
  /** Longest wait for recovery (default 180 s). */
  readonly recoveryTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives load through one failure and measures what came out (docs/operations.md#chaos-suite):
 * what was sent, acknowledged (2xx), stored, lost, duplicated, and how long after the failure
 * ended everything acknowledged until then was downstream again.
 */
export async function runScenario(chaos: ChaosStack, fault: Fault, options: ScenarioOptions = {}): Promise<ChaosResult> {
  const ledger = new ChaosLedger();
  const load = new LoadDriver(chaos.deliveries(fault.name.replace(/\W+/g, '-')), options).start(ledger);
  let healedAt = Date.now();
  try {
    await sleep(options.leadMs ?? 3000);
    const startedAt = Date.now();
    await fault.run();
    healedAt = Date.now();
    const from = fault.recoveryFrom === 'start' ? startedAt : healedAt;
    const progress = new Recovery(chaos, ledger, fault, healedAt);
    const recovery = eventually(() => progress.check(), { timeoutMs: options.recoveryTimeoutMs ?? 180_000, intervalMs: 250, description: `recovery from ${fault.name}` });
    // The load goes on until the system has recovered (the ingress acknowledging again is part of it).
    await Promise.all([sleep(options.tailMs ?? 3000), recovery.catch(() => undefined)]);
    await load.stop();
    const recoveredAt = await recovery.catch((error: Error) => {
      const parts = `rows caught up: ${progress.rowsAt !== undefined}, SMS caught up: ${progress.smsAt !== undefined}`;
      throw new Error(`${error.message}\n${parts}; answers: ${JSON.stringify(ledger.statuses())}\n${chaos.stack.logs()}`);
    });
    // Everything acknowledged after the failure too, before counting.
    const all = new Recovery(chaos, ledger, fault, Number.POSITIVE_INFINITY);
    await eventually(() => all.check(), { timeoutMs: 120_000, intervalMs: 250, description: `every acknowledged delivery after ${fault.name}` });
    const figures = ledger.figures({ rows: await chaos.rowsPerId(ledger.of('webhook').map((d) => d.key)), smsSent: chaos.smsPerBody() });
    const seconds = (at: number | undefined) => ((at ?? recoveredAt) - from) / 1000;
    return {
      failure: fault.name,
      ...figures,
      recoverySeconds: seconds(recoveredAt),
      rowsRecoverySeconds: seconds(progress.rowsAt),
      smsRecoverySeconds: seconds(progress.smsAt),
      note: (await fault.note?.()) ?? '',
      statuses: ledger.statuses(),
    };
  } finally {
    await load.stop();
  }
}

/**
 * Whether everything acknowledged by `until` is downstream: the rows, the SMS, the fault's own
 * condition, and (for a finite `until`) an acknowledgement of something sent after it. Remembers
 * when each part first held.
 */
class Recovery {
  rowsAt: number | undefined;
  smsAt: number | undefined;

  constructor(
    private readonly chaos: ChaosStack,
    private readonly ledger: ChaosLedger,
    private readonly fault: Fault,
    private readonly until: number,
  ) {}

  /** The time everything held, else false. */
  async check(): Promise<number | false> {
    if (this.rowsAt === undefined) {
      const webhooks = this.ledger.acknowledged('webhook', this.until);
      const rows = await this.chaos.rowsPerId(webhooks);
      if (webhooks.every((id) => rows.has(id))) this.rowsAt = Date.now();
    }
    if (this.smsAt === undefined) {
      const sent = this.chaos.smsPerBody();
      if (this.ledger.acknowledged('sms', this.until).every((body) => sent.has(body))) this.smsAt = Date.now();
    }
    if (this.rowsAt === undefined || this.smsAt === undefined) return false;
    if (this.until !== Number.POSITIVE_INFINITY && !this.ledger.acknowledgedSince('webhook', this.until)) return false;
    if (this.fault.recovered && !(await this.fault.recovered())) return false;
    return Date.now();
  }
}
