import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { hostname } from 'node:os';
import { Logger } from '@whdb/core';
import { Database, TableRebuildRepository } from '@whdb/persistence';
import { RebuildTableUseCase } from './rebuild-table.use-case';

/** How often an idle worker looks for a rebuild to claim. */
export const REBUILD_POLL_INTERVAL_MS = 2000;
/** A claimed rebuild whose worker has not reported for this long is claimed again (the worker died). */
export const REBUILD_STALE_AFTER_MS = 60_000;

/**
 * The rebuild worker of a projector (docs/behaviour/rebuild.md#where-it-runs): every projector
 * process of a replicator polls `whdb.table_rebuilds` for a pending rebuild of its replicator,
 * claims it (one worker wins, `FOR UPDATE SKIP LOCKED`) and runs it beside the live consumer, with
 * the same replicator code. One rebuild at a time per process.
 */
export class TableRebuildWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly worker = `${hostname()}:${process.pid}`;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly database: Database,
    private readonly serviceName: string,
    private readonly rebuild: (stopping: () => boolean, worker: string) => RebuildTableUseCase,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const repository = new TableRebuildRepository(this.database);
    const useCase = this.rebuild(() => this.stopping, this.worker);
    while (!this.stopping) {
      try {
        const job = await repository.claim(this.serviceName, this.worker, REBUILD_STALE_AFTER_MS);
        if (job) {
          this.logger.info('claimed a rebuild', { rebuild_id: job.opaqueId, attempt: job.attempts });
          await useCase.run(job);
          continue;
        }
      } catch (error) {
        this.logger.warn('rebuild worker could not poll', { error: error instanceof Error ? error.message : String(error) });
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, REBUILD_POLL_INTERVAL_MS);
      });
    }
  }
}
