import { controlPlaneRowChangesLane, OutboxLane } from '@whdb/persistence';

/**
 * The outbox lanes the api writes (docs/topics.md#outbox-streams). A message is recorded
 * in the transaction that makes the change it announces, published by the api right after commit,
 * and, if that publish fails, by a sweeper later: never lost, at least once.
 */
export const ApiOutbox = {
  /** The api's own stream; the api sweeps it (`ApiOutboxSweeperService`). */
  stream: 'whdb.api',
  /** `backfill.requested` events (docs/topics.md#catalog). */
  backfillRequests: { stream: 'whdb.api', lane: 0 } satisfies OutboxLane,
  /**
   * Row changes of `POST .../upsert` (and of deleted tables, `recordTableDeletes`): the lane -2 of
   * the replicator's projector stream, so that projector's sweeper publishes what the api could
   * not. Projector lanes are Kafka partitions (>= 0) and -1 holds what the outbox migration
   * carried over; -2 holds the row changes made outside the projectors.
   */
  upserts: (serviceName: string): OutboxLane => controlPlaneRowChangesLane(serviceName),
} as const;
