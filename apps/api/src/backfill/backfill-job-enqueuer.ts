import { randomUUID } from 'node:crypto';
import { BackfillJobRecord, IntegrationSettings, SecretBox } from '@whdb/core';
import { appendOutboxBatch, BackfillJobRepository, Database, OutboxBatch, ServiceIntegrationRepository, Transaction, withTransaction } from '@whdb/persistence';
import { currentCorrelationId } from '@whdb/platform';
import { ApiOutbox } from '../outbox/api-outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { backfillRequestedMessage } from './backfill-requested-message';

/** What a backfill job is asked to do (children copy it). */
export interface BackfillJobOptions {
  readonly incremental: boolean;
  readonly criteria?: Readonly<Record<string, unknown>>;
  /** Also create a job for every dependent, recursively (default true). */
  readonly recursive?: boolean;
}

/** A job tree written in a transaction, with the outbox batch announcing its root. */
export interface CreatedJobTree {
  readonly root: BackfillJobRecord;
  readonly announcement: OutboxBatch;
}

/**
 * Creates backfill jobs and asks a backfiller to run them (docs/behaviour/backfill.md#jobs). In one
 * transaction: the job of the integration, a child job for each dependent (recursively, children
 * copying `incremental` and `criteria`), and the root's `backfill.requested` event in the api's
 * outbox. After the commit the event is published to `whdb.backfill.requests`; a rolled-back tree
 * announces nothing. Children are not announced: the backfiller enqueues them once their parent
 * has finished.
 */
export class BackfillJobEnqueuer {
  constructor(
    private readonly database: Database,
    private readonly secretBox: SecretBox,
    private readonly relay: OutboxRelay,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enqueue(settings: IntegrationSettings, options: BackfillJobOptions): Promise<BackfillJobRecord> {
    const created = await withTransaction(this.database, (tx) => this.createInTransaction(tx, settings, options));
    await this.relay.publishNow([created.announcement]);
    return created.root;
  }

  /** The transactional half of `enqueue`: nothing is published; the caller's commit decides. */
  async createInTransaction(tx: Transaction, settings: IntegrationSettings, options: BackfillJobOptions): Promise<CreatedJobTree> {
    const jobs = new BackfillJobRepository(tx);
    const integrations = new ServiceIntegrationRepository(tx, this.secretBox);
    const criteria = options.criteria ?? {};
    const root = await jobs.create({ serviceIntegrationId: settings.id, incremental: options.incremental, criteria });
    if (options.recursive ?? true) await this.createChildren(jobs, integrations, root, settings.id, new Set([settings.id]));
    const message = backfillRequestedMessage(root, settings, currentCorrelationId() ?? randomUUID(), this.now());
    const id = await appendOutboxBatch(tx, ApiOutbox.backfillRequests, [message]);
    return { root, announcement: { id, messages: [message] } };
  }

  private async createChildren(
    jobs: BackfillJobRepository,
    integrations: ServiceIntegrationRepository,
    parent: BackfillJobRecord,
    integrationId: number,
    seen: Set<number>,
  ): Promise<void> {
    for (const dependent of await integrations.listDependents(integrationId)) {
      // Dependencies form a tree; a cycle (never created by the api) must not loop forever.
      if (seen.has(dependent.id)) continue;
      seen.add(dependent.id);
      const child = await jobs.create({ serviceIntegrationId: dependent.id, parentJobId: parent.id, incremental: parent.incremental, criteria: parent.criteria });
      await this.createChildren(jobs, integrations, child, dependent.id, seen);
    }
  }
}
