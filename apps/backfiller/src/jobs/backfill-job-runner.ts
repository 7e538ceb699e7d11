import { randomUUID } from 'node:crypto';
import { BackfillJobRecord, HttpClient, IntegrationSettings, JsonObject, Logger, ProviderEndpoints, Replicator, runBackfill, SecretBox } from '@whdb/core';
import { BackfillJobRepository, Database, ServiceIntegrationRepository, withIntegrationBackfillLock } from '@whdb/persistence';
import { BackfillerMetrics } from '../metrics/backfiller-metrics';
import { BackfillAlerts } from './backfill-alerts';
import { BackfillResourcePublisher } from './backfill-resource-publisher';
import { decideJobFailure, JobRetryPolicy } from './job-failure-policy';
import { PageStoreBehind } from './page-store-behind';

export interface BackfillJobRunnerDependencies {
  readonly database: Database;
  readonly secretBox: SecretBox;
  readonly findReplicator: (serviceName: string) => Replicator | undefined;
  readonly http: HttpClient;
  readonly providers: ProviderEndpoints;
  readonly providerTimeoutMs: number;
  readonly publisher: BackfillResourcePublisher;
  readonly alerts: BackfillAlerts;
  readonly retry: JobRetryPolicy;
  readonly metrics: BackfillerMetrics;
  readonly logger: Logger;
  /** Called with the jobs of the dependents once their parent finished (they may run now). */
  readonly enqueueChildren: (children: readonly BackfillJobRecord[]) => Promise<void>;
  /** Waits between runs of a job; tests may shorten it. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What a call to `run` did. */
export type JobRunOutcome = 'missing' | 'done' | 'waiting_for_parent' | 'busy' | 'finished' | 'skipped' | 'failed';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one backfill job to its end (docs/behaviour/backfill.md#runner):
 * 1. A missing, finished or failed job does nothing (requests are redelivered; the row decides).
 *    A child waits until its parent has finished.
 * 2. The integration's advisory lock is taken without waiting (docs/behaviour/backfill.md#lock). When
 *    another backfiller holds it, the job stays as it is (`busy`): the sweep runs it later, so a
 *    request is never lost.
 * 3. Each run marks the job running (one more attempt; `started_at` kept from the first run, which is
 *    the "now" an incremental job stores as `last_backfilled_at`), then pages from the stored cursor:
 *    each page's resources are published and acknowledged by Kafka *before* `recordPage` stores the
 *    next cursor, so a killed backfiller resumes at the first page not recorded and never refetches
 *    an earlier one. Pages are a pipeline (`PageStoreBehind`): page n+1 is fetched while page n
 *    is published and page n-1 recorded; at most three pages are held, so memory does not grow
 *    with history.
 * 4. Success: an incremental job stores `last_backfilled_at`; the job is finished; its children are
 *    enqueued. Failures follow `decideJobFailure` (retry with backoff while holding the lock, skip,
 *    or fail and alert the organization).
 */
export class BackfillJobRunner {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: BackfillJobRunnerDependencies) {
    this.sleep = deps.sleep ?? realSleep;
  }

  async run(jobId: number): Promise<JobRunOutcome> {
    const jobs = new BackfillJobRepository(this.deps.database);
    const job = await jobs.findById(jobId);
    if (!job) return 'missing';
    if (job.status === 'finished' || job.status === 'failed') return 'done';
    if (job.parentJobId !== null) {
      const parent = await jobs.findById(job.parentJobId);
      if (parent && parent.status !== 'finished') return 'waiting_for_parent';
    }
    const integrations = new ServiceIntegrationRepository(this.deps.database, this.deps.secretBox);
    const integration = await integrations.findById(job.serviceIntegrationId);
    if (!integration) {
      await jobs.markFailed(job.id, 'The integration of this job no longer exists.');
      return 'failed';
    }
    const locked = await withIntegrationBackfillLock(this.deps.database, integration.id, () => this.runLocked(jobs, integrations, job.id, integration));
    if (!locked.acquired) {
      this.deps.metrics.jobEnded(integration.serviceName, 'busy');
      this.deps.logger.info('integration is being backfilled by another run; the job waits', { job_id: job.opaqueId, opaque_id: integration.opaqueId });
      return 'busy';
    }
    return locked.result;
  }

  private async runLocked(jobs: BackfillJobRepository, integrations: ServiceIntegrationRepository, jobId: number, integration: IntegrationSettings): Promise<JobRunOutcome> {
    // Another backfiller may have run it between our first read and the lock.
    const current = await jobs.findById(jobId);
    if (!current || current.status === 'finished' || current.status === 'failed') return 'done';
    const service = integration.serviceName;
    const logger = this.deps.logger.child({ job_id: current.opaqueId, opaque_id: integration.opaqueId, service_name: service });
    const replicator = this.deps.findReplicator(service);
    if (!replicator?.descriptor.supportsBackfill || !replicator.fetchBackfillPage) {
      const note = `${service} does not support backfill (webhook-only); skipped.`;
      await jobs.markSkipped(current.id, note);
      logger.info('job skipped', { note });
      this.deps.metrics.jobEnded(service, 'skipped');
      await this.cascade(jobs, current);
      return 'skipped';
    }
    this.deps.metrics.jobStarted(service);
    const correlationId = randomUUID();
    for (;;) {
      const job = await jobs.markRunning(current.id);
      logger.info('backfill run started', { attempt: job.attempts, incremental: job.incremental, resume_cursor: job.cursor !== null, pages: job.pages });
      try {
        await this.fetchAndPublish(jobs, replicator, integration, job, correlationId);
        if (job.incremental && job.startedAt) await integrations.setLastBackfilledAt(integration.id, job.startedAt);
        const finished = await jobs.markFinished(job.id);
        logger.info('backfill finished', { pages: finished.pages, rows: finished.rows, attempts: finished.attempts });
        this.deps.metrics.jobEnded(service, 'finished');
        await this.cascade(jobs, finished);
        return 'finished';
      } catch (error) {
        const decision = decideJobFailure(error, job.attempts, this.deps.retry);
        this.deps.metrics.error(service, decision.kind);
        if (decision.action === 'retry') {
          logger.warn('backfill run failed; retrying from the stored cursor', { attempt: job.attempts, kind: decision.kind, wait_ms: decision.waitMs, error });
          await this.sleep(decision.waitMs);
          continue;
        }
        if (decision.action === 'skip') {
          await jobs.markSkipped(job.id, decision.note);
          logger.info('job skipped', { note: decision.note });
          this.deps.metrics.jobEnded(service, 'skipped');
          await this.cascade(jobs, job);
          return 'skipped';
        }
        const failed = await jobs.markFailed(job.id, decision.reason);
        logger.warn('backfill failed', { kind: decision.kind, attempts: failed.attempts, error });
        this.deps.metrics.jobEnded(service, 'failed');
        await this.deps.alerts.jobFailed(integration, replicator, failed, decision.kind, decision.reason);
        return 'failed';
      }
    }
  }

  /** The page loop of one run, from the stored cursor (docs/behaviour/backfill.md#resume). */
  private async fetchAndPublish(jobs: BackfillJobRepository, replicator: Replicator, integration: IntegrationSettings, job: BackfillJobRecord, correlationId: string): Promise<void> {
    // Every page was recorded, but the run died before finishing the job: nothing left to fetch.
    if (job.pages > 0 && job.cursor === null) return;
    const lastBackfilled = job.incremental ? integration.lastBackfilledAt : null;
    // Page n+1 is fetched while page n is published and page n-1 recorded (docs/behaviour/backfill.md#runner).
    const pages = new PageStoreBehind<{ items: readonly JsonObject[]; nextToken: string | null }>({
      publish: ({ items }) => this.deps.publisher.publishPage(replicator, integration, job.opaqueId, correlationId, items),
      record: async ({ items, nextToken }) => {
        await jobs.recordPage(job.id, items.length, nextToken);
        this.deps.metrics.page(integration.serviceName, items.length);
      },
    });
    try {
      await runBackfill(
        replicator,
        { integration, http: this.deps.http, lastBackfilled, timeoutMs: this.deps.providerTimeoutMs, providers: this.deps.providers },
        { startToken: job.cursor, onPage: (items, nextToken) => pages.accept({ items, nextToken }) },
      );
    } catch (error) {
      // The page stored before the failure comes first: its error (if any) is the run's.
      await pages.drain();
      throw error;
    }
    await pages.drain();
  }

  private async cascade(jobs: BackfillJobRepository, parent: BackfillJobRecord): Promise<void> {
    const children = (await jobs.childrenOf(parent.id)).filter((child) => child.status === 'pending' || child.status === 'running');
    if (children.length > 0) await this.deps.enqueueChildren(children);
  }
}
