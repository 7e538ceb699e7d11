import { Logger } from '@whdb/core';

/** Something to stop on SIGTERM/SIGINT (a running service). */
export interface ShutdownTarget {
  readonly name: string;
  close(signal?: string): Promise<void>;
}

/** The slice of `process` shutdown needs (tests pass an EventEmitter and a fake exit). */
export interface ProcessLike {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  exit(code: number): void;
}

export interface GracefulShutdownOptions {
  readonly logger: Logger;
  /** After this, shutdown gives up and exits 1. Default 25 s (k8s grace period is 30 s). */
  readonly deadlineMs?: number;
  readonly process?: ProcessLike;
}

export const DEFAULT_SHUTDOWN_DEADLINE_MS = 25_000;
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** The signal that gives up draining: the third one (docs/runbooks/stopping-services.md). */
export const FORCING_SIGNAL_COUNT = 3;

/**
 * Process-level lifecycle: on the first SIGTERM/SIGINT closes every target (which stops accepting
 * requests and runs Nest's destroy/shutdown hooks: consumers stop, producers flush) and exits 0.
 * A second signal while draining is expected, not an error: Ctrl-C in a terminal sends SIGINT to
 * the whole process group and a supervisor (our `npm run up`, docker, systemd) then sends SIGTERM.
 * It is noted and the drain goes on, still bounded by the deadline. A third signal means someone
 * insists: exit 1 at once. A failing close or the deadline exits 1 too. Unhandled rejections are
 * logged; uncaught exceptions are logged and exit 1.
 */
export class GracefulShutdown {
  private readonly targets = new Set<ShutdownTarget>();
  private readonly proc: ProcessLike;
  private readonly deadlineMs: number;
  private shuttingDown = false;
  private signalsReceived = 0;
  private installed = false;
  private deadline: NodeJS.Timeout | undefined;

  constructor(private readonly options: GracefulShutdownOptions) {
    this.proc = options.process ?? (process as unknown as ProcessLike);
    this.deadlineMs = options.deadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS;
  }

  get size(): number {
    return this.targets.size;
  }

  add(target: ShutdownTarget): void {
    this.targets.add(target);
    if (!this.installed) this.install();
  }

  /** Forgets a target (closed by other means); uninstalls the handlers when none is left. */
  remove(target: ShutdownTarget): void {
    this.targets.delete(target);
    if (this.targets.size === 0 && this.installed && !this.shuttingDown) this.uninstall();
  }

  private readonly onSignal = (signal: string): void => {
    void this.shutdown(signal);
  };

  private readonly onRejection = (reason: unknown): void => {
    this.options.logger.error('unhandled promise rejection', { error: reason });
  };

  private readonly onException = (error: unknown): void => {
    const stack = error instanceof Error ? error.stack : undefined;
    this.options.logger.error('uncaught exception, exiting', { error, stack });
    this.exit(1);
  };

  private install(): void {
    for (const signal of SIGNALS) this.proc.on(signal, this.onSignal);
    this.proc.on('unhandledRejection', this.onRejection);
    this.proc.on('uncaughtException', this.onException);
    this.installed = true;
  }

  private uninstall(): void {
    for (const signal of SIGNALS) this.proc.off(signal, this.onSignal);
    this.proc.off('unhandledRejection', this.onRejection);
    this.proc.off('uncaughtException', this.onException);
    this.installed = false;
  }

  private async shutdown(signal: string): Promise<void> {
    const { logger } = this.options;
    this.signalsReceived += 1;
    if (this.shuttingDown) {
      if (this.signalsReceived >= FORCING_SIGNAL_COUNT) {
        logger.error('signal repeated during shutdown, exiting now without finishing the drain', { signal, signals: this.signalsReceived });
        this.exit(1);
      } else {
        logger.info('already shutting down, still draining', { signal });
      }
      return;
    }
    this.shuttingDown = true;
    logger.info('shutting down', { signal, deadline_ms: this.deadlineMs });
    this.deadline = setTimeout(() => {
      logger.error('shutdown deadline passed, exiting now', { deadline_ms: this.deadlineMs });
      this.exit(1);
    }, this.deadlineMs);
    try {
      await Promise.all([...this.targets].map((target) => target.close(signal)));
      logger.info('stopped', { signal });
      this.exit(0);
    } catch (error) {
      logger.error('shutdown failed', { error });
      this.exit(1);
    }
  }

  private exit(code: number): void {
    clearTimeout(this.deadline);
    this.proc.exit(code);
  }
}
