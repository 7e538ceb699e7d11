import { Inject, Injectable, Optional } from '@nestjs/common';
import { Logger, silentLogger } from '@whdb/core';
import { LOGGER } from '../logging/logger.token';

/** A readiness check: resolves (or returns true) when ready; throws, rejects or returns false when not. */
export type ReadinessCheck = () => Promise<void | boolean> | void | boolean;

export interface ReadinessCheckOptions {
  /** A check slower than this fails. Default 2 s. */
  readonly timeoutMs?: number;
}

export type CheckResult = 'ok' | `error: ${string}`;

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

const DEFAULT_TIMEOUT_MS = 2000;
const MAX_REASON = 200;

interface Registered {
  readonly check: ReadinessCheck;
  readonly timeoutMs: number;
}

/**
 * The checks behind GET /readyz. Apps register theirs at start-up (Kafka producer connected,
 * database reachable, consumer joined) and the probe runs them all in parallel, each under a
 * timeout. After `markShuttingDown()` the service reports not ready so traffic drains away.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, Registered>();
  private shuttingDown = false;
  private lastReady: boolean | undefined;

  constructor(@Optional() @Inject(LOGGER) private readonly logger: Logger = silentLogger) {}

  /** Registers a named check; returns a function that removes it. Names are unique. */
  register(name: string, check: ReadinessCheck, options: ReadinessCheckOptions = {}): () => void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is already registered`);
    const entry = { check, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    this.checks.set(name, entry);
    return () => {
      if (this.checks.get(name) === entry) this.checks.delete(name);
    };
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async check(): Promise<ReadinessReport> {
    const entries = [...this.checks.entries()];
    const results = await Promise.all(entries.map(([, registered]) => runCheck(registered)));
    const checks: Record<string, CheckResult> = Object.fromEntries(entries.map(([name], index) => [name, results[index]]));
    if (this.shuttingDown) checks.shutdown = 'error: shutting down';
    const ready = Object.values(checks).every((result) => result === 'ok');
    this.logTransition(ready, checks);
    return { ready, checks };
  }

  private logTransition(ready: boolean, checks: Record<string, CheckResult>): void {
    if (ready === this.lastReady) return;
    const wasKnown = this.lastReady !== undefined;
    this.lastReady = ready;
    if (!ready) this.logger.warn('not ready', { checks });
    else if (wasKnown) this.logger.info('ready again', { checks });
  }
}

async function runCheck({ check, timeoutMs }: Registered): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve(`error: timed out after ${timeoutMs} ms`), timeoutMs);
  });
  const attempt = (async (): Promise<CheckResult> => {
    try {
      const result = await check();
      return result === false ? 'error: check failed' : 'ok';
    } catch (error) {
      const message = error instanceof Error ? error.message || error.name : String(error);
      return `error: ${message.slice(0, MAX_REASON)}`;
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
