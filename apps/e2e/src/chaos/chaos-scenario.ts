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
  /** Something else that must be true before the system counts as recovered (e.g. a backfill finished). */
  recovered?(): Promise<boolean>;
  /** Said in the table's notes column once recovered (e.g. what the backfill stored). */
  note?(): Promise<string>;
}

export interface ChaosResult extends ChaosFigures {
  readonly failure: string;
  /** From the end of the failure until every delivery acknowledged before it is downstream and the ingress acknowledges again. */
  readonly recoverySeconds: number;
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
    await fault.run();
    healedAt = Date.now();
    const recovery = eventually(() => caughtUp(chaos, ledger, fault, healedAt), { timeoutMs: options.recoveryTimeoutMs ?? 180_000, intervalMs: 250, description: `recovery from ${fault.name}` });
    // The load goes on until the system has recovered (the ingress acknowledging again is part of it).
    await Promise.all([sleep(options.tailMs ?? 3000), recovery.catch(() => undefined)]);
    await load.stop();
    const recoveredAt = await recovery.catch((error: Error) => {
      throw new Error(`${error.message}\nanswers: ${JSON.stringify(ledger.statuses())}\n${chaos.stack.logs()}`);
    });
    // Everything acknowledged after the failure too, before counting.
    await eventually(() => caughtUp(chaos, ledger, fault, Number.POSITIVE_INFINITY), { timeoutMs: 120_000, intervalMs: 250, description: `every acknowledged delivery after ${fault.name}` });
    const figures = ledger.figures({ rows: await chaos.rowsPerId(ledger.of('webhook').map((d) => d.key)), smsSent: chaos.smsPerBody() });
    return { failure: fault.name, ...figures, recoverySeconds: (recoveredAt - healedAt) / 1000, note: (await fault.note?.()) ?? '', statuses: ledger.statuses() };
  } finally {
    await load.stop();
  }
}

/** The time, when every delivery acknowledged by `until` is downstream, the ingress acknowledges again and the fault's own condition holds; else false. */
async function caughtUp(chaos: ChaosStack, ledger: ChaosLedger, fault: Fault, until: number): Promise<number | false> {
  if (until !== Number.POSITIVE_INFINITY && !ledger.acknowledgedSince('webhook', until)) return false;
  const webhooks = ledger.acknowledged('webhook', until);
  const rows = await chaos.rowsPerId(webhooks);
  if (webhooks.some((id) => !rows.has(id))) return false;
  const sent = chaos.smsPerBody();
  if (ledger.acknowledged('sms', until).some((body) => !sent.has(body))) return false;
  if (fault.recovered && !(await fault.recovered())) return false;
  return Date.now();
}
