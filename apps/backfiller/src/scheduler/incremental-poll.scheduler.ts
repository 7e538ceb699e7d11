import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BackfillJobRecord, IntegrationSettings, Logger, Replicator, SecretBox } from '@whdb/core';
import { BackfillJobRepository, Database, lockIntegrationSchedule, ServiceIntegrationRepository, withTransaction } from '@whdb/persistence';
import { BackfillerMetrics } from '../metrics/backfiller-metrics';
import { BackfillRequestPublisher } from '../requests/backfill-request-publisher';
import { createJobTree } from './create-job-tree';
import { msUntilNextSlot, pollSlot } from './poll-slot';

/** The criterion that marks a scheduled job with its slot (also shown by the api's job status). */
export const SCHEDULED_SLOT_CRITERION = 'scheduled_slot';

export interface IncrementalPollSchedulerDependencies {
  readonly database: Database;
  readonly secretBox: SecretBox;
  readonly replicators: readonly Replicator[];
  readonly requests: BackfillRequestPublisher;
  readonly metrics: BackfillerMetrics;
  readonly logger: Logger;
  /** `SIGNALWIRE_POLL_INTERVAL_SECONDS` in ms; 0 disables the scheduler. */
  readonly intervalMs: number;
}

const blank = (value: string): boolean => value.trim() === '';

/**
 * The incremental poll (docs/behaviour/backfill.md#scheduler; SPEC 7.1 "scheduled backfills"): at the
 * start of every interval slot, each integration of a replicator whose descriptor sets
 * `scheduledIncrementalBackfill` (signalwire_message_v1) that has backfill credentials gets an
 * incremental, recursive job tree (its dependents, e.g. the Front channel, follow through the
 * cascade), announced on `whdb.backfill.requests`.
 *
 * Exactly one poll per interval however many backfillers run: the claim happens in a transaction
 * holding the integration's schedule lock (`pg_advisory_xact_lock`), and creates the job only if no
 * root job of the integration carries this slot in `criteria.scheduled_slot`. A slot is also skipped
 * while the integration has an unfinished root job (a long full backfill, or the previous poll still
 * running), so polls never pile up.
 */
export class IncrementalPollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ticking: Promise<unknown> | undefined;

  constructor(private readonly deps: IncrementalPollSchedulerDependencies) {}

  onApplicationBootstrap(): void {
    if (this.deps.intervalMs > 0 && this.deps.replicators.some((r) => r.descriptor.scheduledIncrementalBackfill)) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }

  private schedule(): void {
    if (this.stopped) return;
    // A little after the boundary, so every replica computes the new slot even with small clock skew.
    this.timer = setTimeout(() => {
      this.ticking = this.tick(new Date())
        .catch((error: unknown) => this.deps.logger.warn('scheduled poll failed; the next slot tries again', { error }))
        .finally(() => {
        this.ticking = undefined;
        this.schedule();
      });
    }, msUntilNextSlot(new Date(), this.deps.intervalMs) + 50);
    this.timer.unref();
  }

  /** Claims slot `pollSlot(now)` for every scheduled integration; returns the jobs this process created. */
  async tick(now: Date): Promise<BackfillJobRecord[]> {
    const slot = String(pollSlot(now, this.deps.intervalMs));
    const created: { job: BackfillJobRecord; integration: IntegrationSettings }[] = [];
    const integrations = new ServiceIntegrationRepository(this.deps.database, this.deps.secretBox);
    for (const replicator of this.deps.replicators.filter((r) => r.descriptor.scheduledIncrementalBackfill)) {
      for (const opaqueId of await integrations.listOpaqueIdsByServiceName(replicator.descriptor.name)) {
        try {
          const found = await integrations.findByOpaqueId(opaqueId);
          if (!found || (blank(found.settings.backfillKey) && blank(found.settings.backfillSecret))) continue;
          const job = await this.claim(found.settings, slot);
          if (job) {
            created.push({ job, integration: found.settings });
            this.deps.metrics.scheduled(replicator.descriptor.name);
          }
        } catch (error) {
          this.deps.logger.warn('scheduled poll of an integration failed; the next slot tries again', { opaque_id: opaqueId, slot, error });
        }
      }
    }
    if (created.length > 0) {
      this.deps.logger.info('scheduled incremental backfills', { slot, jobs: created.length });
      await this.deps.requests.request(created).catch((error: unknown) => this.deps.logger.warn('could not announce scheduled jobs; the sweep runs them', { error }));
    }
    return created.map((c) => c.job);
  }

  private claim(integration: IntegrationSettings, slot: string): Promise<BackfillJobRecord | null> {
    return withTransaction(this.deps.database, async (tx) => {
      await lockIntegrationSchedule(tx, integration.id);
      const jobs = new BackfillJobRepository(tx);
      if (await jobs.hasRootWithCriterion(integration.id, SCHEDULED_SLOT_CRITERION, slot)) return null;
      if (await jobs.hasUnfinishedRoot(integration.id)) return null;
      return createJobTree(jobs, new ServiceIntegrationRepository(tx, this.deps.secretBox), integration, { incremental: true, criteria: { [SCHEDULED_SLOT_CRITERION]: slot } });
    });
  }
}
