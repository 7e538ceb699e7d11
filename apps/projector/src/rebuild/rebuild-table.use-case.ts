import { isAppError, Logger, ProjectionTarget, Replicator } from '@whdb/core';
import { KafkaSettings, LogScanner, ScannedBatch } from '@whdb/kafka';
import {
  createBuildIndexes,
  createBuildTable,
  Database,
  databaseErrorCode,
  dropReplicatorTable,
  lockLiveTableWrites,
  oldTableName,
  swapTableVersions,
  TableRebuildProgress,
  TableRebuildRecord,
  TableRebuildRepository,
  withTransaction,
} from '@whdb/persistence';
import { RebuildBatchWriter } from './rebuild-batch-writer';
import { BatchGate } from './batch-gate';

/** Tunables of a rebuild (docs/behaviour/rebuild.md#settings); the defaults suit production. */
export interface RebuildTimings {
  /** How often progress and the heartbeat are written, and the lag measured. */
  readonly progressIntervalMs: number;
  /** The swap starts once the rebuild is this few messages behind the live end. */
  readonly swapLag: number;
  /** Longest wait for the live table's write lock before the swap is tried again later. */
  readonly lockTimeoutMs: number;
  /** Longest the live table's writes stay blocked while the last stretch is read. */
  readonly swapReadMs: number;
}

/** Partitions written side by side (each batch in its own transaction and connection). */
const PARTITIONS_CONCURRENTLY = 3;

export const DEFAULT_REBUILD_TIMINGS: RebuildTimings = { progressIntervalMs: 1000, swapLag: 2000, lockTimeoutMs: 5000, swapReadMs: 10_000 };

export interface RebuildTableDependencies {
  readonly replicator: Replicator;
  readonly database: Database;
  readonly kafka: KafkaSettings;
  /** The replicator's inbound topic (docs/topics.md#catalog). */
  readonly topic: string;
  /** This worker's name, the owner of the claim. */
  readonly worker: string;
  readonly logger: Logger;
  readonly timings?: Partial<RebuildTimings>;
  /** Asked between steps: when true, the rebuild gives its claim back and returns. */
  readonly stopping?: () => boolean;
}

/** The claim went to another worker, or the integration was deleted: stop without touching the rebuild. */
class ClaimLost extends Error {}

/** The live table's lock or the last stretch took too long: the swap is tried again later. */
class SwapDeferred extends Error {}

/**
 * Runs one claimed rebuild (docs/behaviour/rebuild.md): builds the new version of the integration's
 * table from every retained message of the inbound topic, follows the live end until it is close,
 * then swaps. The swap holds a lock that blocks the live table's writes (not its reads), reads the
 * topic up to the live end measured under that lock, and renames both versions in the same
 * transaction; so every event the live table holds is in the new version, and every later one
 * reaches the new version through the live projector.
 */
export class RebuildTableUseCase {
  private readonly timings: RebuildTimings;

  constructor(private readonly deps: RebuildTableDependencies) {
    this.timings = { ...DEFAULT_REBUILD_TIMINGS, ...deps.timings };
  }

  async run(job: TableRebuildRecord): Promise<void> {
    const repository = new TableRebuildRepository(this.deps.database);
    const logger = this.deps.logger.child({ rebuild_id: job.opaqueId });
    let schema: string | undefined;
    try {
      const live = await repository.liveTargetOf(job.serviceIntegrationId);
      if (!live) throw new ClaimLost('integration deleted');
      schema = live.schema;
      await this.build(job, live, repository, logger);
    } catch (error) {
      if (error instanceof ClaimLost) {
        logger.warn('rebuild stopped: its claim is gone', { reason: error.message });
        return;
      }
      const message = isAppError(error) ? `${error.code}: ${error.message}` : String(error);
      logger.error('rebuild failed', { error: message });
      await repository.markFailed(job.id, this.deps.worker, message);
      if (schema) await dropReplicatorTable(this.deps.database, { schema, table: job.buildTable }).catch(() => undefined);
    }
  }

  private async build(job: TableRebuildRecord, live: ProjectionTarget, repository: TableRebuildRepository, logger: Logger): Promise<void> {
    const { database, replicator } = this.deps;
    const spec = { schema: live.schema, table: job.buildTable, opaqueId: live.opaqueId, rebuildId: job.opaqueId, replicatorSchema: replicator.schema };
    await createBuildTable(database, spec);
    const writer = new RebuildBatchWriter(replicator, database, live, { ...live, table: job.buildTable }, logger);
    const progress = { eventsRead: 0, eventsSkipped: 0, rowsWritten: 0, lag: null as number | null };
    const positions = new Map<number, bigint>();
    const gate = new BatchGate();
    let swapped = false;
    const onBatch = (batch: ScannedBatch) =>
      gate.pass(async () => {
        if (swapped) return;
        const outcome = await writer.write(batch.messages);
        progress.eventsRead += outcome.eventsRead;
        progress.eventsSkipped += outcome.eventsSkipped;
        progress.rowsWritten += outcome.rowsWritten;
        positions.set(batch.partition, batch.next);
      });
    const scanner = new LogScanner({ settings: this.deps.kafka, logger, topic: this.deps.topic, onBatch, partitionsConcurrently: PARTITIONS_CONCURRENTLY });
    try {
      for (const [partition, first] of await scanner.startOffsets()) positions.set(partition, first);
      await scanner.start(positions);
      logger.info('rebuild started', { opaque_id: live.opaqueId, build_table: job.buildTable });
      let indexed = false;
      for (;;) {
        await sleep(this.timings.progressIntervalMs);
        const failure = scanner.handlerFailure();
        if (failure !== undefined) throw failure;
        if (this.deps.stopping?.()) {
          await repository.release(job.id, this.deps.worker);
          throw new ClaimLost('worker shutting down');
        }
        progress.lag = lagOf(await scanner.endOffsets(), positions);
        if (!(await repository.reportProgress(job.id, this.deps.worker, progress))) throw new ClaimLost('claimed by another worker');
        if (progress.lag > this.timings.swapLag) continue;
        if (!indexed) {
          await createBuildIndexes(database, spec);
          indexed = true;
          continue;
        }
        const done = await this.swap(job, live, { repository, scanner, positions, progress, gate, logger, markSwapped: () => (swapped = true) });
        if (done) return;
      }
    } finally {
      await scanner.stop();
    }
  }

  /** One attempt at the swap; false when it must be tried again later (lock or last stretch too slow). */
  private async swap(
    job: TableRebuildRecord,
    live: ProjectionTarget,
    state: {
      repository: TableRebuildRepository;
      scanner: LogScanner;
      positions: Map<number, bigint>;
      progress: TableRebuildProgress & { lag: number | null };
      gate: BatchGate;
      logger: Logger;
      markSwapped: () => void;
    },
  ): Promise<boolean> {
    const { repository, scanner, positions, progress, gate, logger } = state;
    if (!(await repository.reportProgress(job.id, this.deps.worker, progress, 'swapping'))) throw new ClaimLost('claimed by another worker');
    let release: (() => void) | undefined;
    try {
      await withTransaction(this.deps.database, async (tx) => {
        // The table's DDL lock first, then the integration's row, in the order a rename takes them.
        const seen = await new TableRebuildRepository(tx).liveTargetOf(job.serviceIntegrationId);
        if (!seen) throw new ClaimLost('integration deleted');
        await lockLiveTableWrites(tx, seen, this.timings.lockTimeoutMs);
        const current = await new TableRebuildRepository(tx).liveTargetOf(job.serviceIntegrationId, true);
        if (!current) throw new ClaimLost('integration deleted');
        if (current.table !== seen.table) throw new SwapDeferred('the table was renamed meanwhile');
        // Every event the live table holds was in the topic before this point (ingress publishes, then the projector writes).
        const end = await scanner.endOffsets();
        const deadline = Date.now() + this.timings.swapReadMs;
        while (lagOf(end, positions) > 0) {
          if (Date.now() > deadline) throw new SwapDeferred('the last stretch took too long');
          const failure = scanner.handlerFailure();
          if (failure !== undefined) throw failure;
          await sleep(10);
        }
        release = await gate.close();
        await swapTableVersions(tx, { schema: current.schema, opaqueId: current.opaqueId, rebuildId: job.opaqueId, replicatorSchema: this.deps.replicator.schema, live: current.table, build: job.buildTable, old: oldTableName(current.table, job.opaqueId) });
        progress.lag = lagOf(await scanner.endOffsets(), positions);
        await new TableRebuildRepository(tx).markFinished(job.id, oldTableName(current.table, job.opaqueId), progress);
      });
      state.markSwapped();
      logger.info('rebuild swapped in', { opaque_id: live.opaqueId, rows_written: progress.rowsWritten, events_read: progress.eventsRead });
      return true;
    } catch (error) {
      // Lock timeout (55P03) or a deadlock with another DDL (40P01): nothing changed, try again later.
      if (error instanceof SwapDeferred || databaseErrorCode(error) === '55P03' || databaseErrorCode(error) === '40P01') {
        logger.warn('rebuild swap deferred', { reason: error instanceof Error ? error.message : String(error) });
        await repository.reportProgress(job.id, this.deps.worker, progress, 'running');
        return false;
      }
      throw error;
    } finally {
      release?.();
    }
  }
}

/** Messages between the positions and the live end, over every partition. */
function lagOf(end: ReadonlyMap<number, bigint>, positions: ReadonlyMap<number, bigint>): number {
  let lag = 0n;
  for (const [partition, high] of end) {
    const at = positions.get(partition) ?? 0n;
    if (high > at) lag += high - at;
  }
  return Number(lag);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
