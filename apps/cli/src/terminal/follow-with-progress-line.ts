import { OutputStream } from './cli-io';

export const POLL_INTERVAL_MS = 500;

/** How a command reads again what it follows (a backfill job, a rebuild), and where it draws. */
export interface FollowOptions<T> {
  /** Reads the followed thing again from the api. */
  readonly fetch: () => Promise<T>;
  readonly stream: OutputStream;
  readonly intervalMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What the loop needs to know of the thing it follows. */
export interface ProgressLineOf<T> {
  /** `pending`, `running`, ...: off a terminal a line is written when it changes. */
  stateOf(value: T): string;
  isFinal(value: T): boolean;
  /** The progress line at `atMs` (called once per poll, in order); `tick` animates the bar. */
  lineAt(value: T, atMs: number, tick: number): string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls until the followed thing is final (docs/cli.md#backfill, docs/cli.md#rebuild). On a
 * terminal the progress line is redrawn in place; elsewhere (a pipe, a CI log) a line is written
 * each time the state changes. Returns the last value read.
 */
export async function followWithProgressLine<T>(first: T, progress: ProgressLineOf<T>, options: FollowOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const live = Boolean(options.stream.isTTY);
  let lastState = '';
  let value = first;
  for (let tick = 0; ; tick += 1) {
    const line = progress.lineAt(value, now(), tick);
    const state = progress.stateOf(value);
    if (live) options.stream.write(`\r\u001b[2K${line}`);
    else if (state !== lastState) options.stream.write(`${line}\n`);
    lastState = state;
    if (progress.isFinal(value)) {
      if (live) options.stream.write('\n');
      return value;
    }
    await sleep(options.intervalMs ?? POLL_INTERVAL_MS);
    value = await options.fetch();
  }
}
