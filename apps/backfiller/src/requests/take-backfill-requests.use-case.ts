import { BackfillRequestedEvent, Logger, ResourceShapeError } from '@whdb/core';
import { BackfillJobRepository, Database } from '@whdb/persistence';
import { BatchHandler, ConsumedBatch } from '@whdb/service-kit';
import { JobQueue } from '../jobs/job-queue';

/**
 * The backfiller's use case on `whdb.backfill.requests` (group `whdb.backfiller`,
 * docs/behaviour/backfill.md#runner): each `backfill.requested` names a job; the job is handed to
 * this process's queue and the offset committed. A run takes minutes to hours, far longer than a
 * consumer may hold a partition, so the request is a wake-up call and Postgres holds the state: a
 * job whose process dies before or while running it is found again by the sweep. Requests for jobs
 * that do not exist are dropped; values that are not requests are dead-lettered.
 */
export class TakeBackfillRequestsUseCase implements BatchHandler {
  constructor(
    private readonly database: Database,
    private readonly queue: JobQueue,
    private readonly logger: Logger,
  ) {}

  async handleBatch(batch: ConsumedBatch): Promise<void> {
    const jobs = new BackfillJobRepository(this.database);
    for (const message of batch.messages) {
      const event = message.json<Partial<BackfillRequestedEvent>>();
      if (event?.type !== 'backfill.requested' || typeof event.job_id !== 'string') throw new ResourceShapeError('not a backfill.requested event with a job_id');
      const job = await jobs.findByOpaqueId(event.job_id);
      if (!job) {
        this.logger.warn('backfill request for a job that does not exist; dropped', { job_id: event.job_id });
        continue;
      }
      if (job.status === 'finished' || job.status === 'failed') continue;
      this.queue.offer(job.id);
    }
  }
}
