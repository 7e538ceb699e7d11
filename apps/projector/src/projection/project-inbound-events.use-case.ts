import {
  decodeInboundEvent,
  InboundEvent,
  Logger,
  OutboxMessage,
  planProjectionWrites,
  ProjectionTarget,
  Replicator,
} from '@whdb/core';
import { ProjectionWriter } from '@whdb/persistence';
import { BatchHandler, ConsumedBatch } from '@whdb/service-kit';

export interface ProjectInboundEventsDependencies {
  readonly replicator: Replicator;
  /** The outbox stream this projector writes (its consumer group); the partition is the lane. */
  readonly stream: string;
  /** Where an integration's rows go; null once it was deleted. */
  readonly targetOf: (opaqueId: string) => Promise<ProjectionTarget | null>;
  readonly writer: ProjectionWriter;
  /** Publishes row-change events (acks from all replicas) and forgets their outbox batches. */
  readonly rowChanges: { publish(messages: readonly OutboxMessage[], batchIds: readonly string[]): Promise<void> };
  readonly logger: Logger;
  readonly onProjected?: (result: { rows: number; changed: number }) => void;
  readonly now?: () => Date;
}

/**
 * The projector's use case (docs/architecture.md#projector): decode a partition's batch of inbound
 * events with the replicator's own rules, write their rows and row-change events in one
 * transaction (`ProjectionWriter`), then publish the events. The consumer commits the offsets
 * only after this resolves, so a crash replays the batch: the upsert guard makes the replay
 * harmless, and the outbox lane still holds any event that was not published.
 */
export class ProjectInboundEventsUseCase implements BatchHandler {
  constructor(private readonly deps: ProjectInboundEventsDependencies) {}

  async handleBatch(batch: ConsumedBatch): Promise<void> {
    const { replicator } = this.deps;
    const decoded = batch.messages.map((message) => decodeInboundEvent(replicator, message.json<InboundEvent>()));
    const opaqueIds = [...new Set(decoded.filter((event) => event.items.length > 0).map((event) => event.opaqueId))];
    if (opaqueIds.length === 0) return;
    const targets = new Map(await Promise.all(opaqueIds.map(async (id) => [id, await this.deps.targetOf(id)] as const)));
    const now = this.deps.now?.() ?? new Date();
    const writes = planProjectionWrites(replicator, decoded, (id) => targets.get(id) ?? null, now);
    const result = await this.deps.writer.write({ stream: this.deps.stream, lane: batch.partition }, writes, now);
    const messages = result.outbox.flatMap((outboxBatch) => outboxBatch.messages);
    if (messages.length > 0) await this.deps.rowChanges.publish(messages, result.outbox.map((outboxBatch) => outboxBatch.id));
    const rows = writes.reduce((sum, write) => sum + write.rows.length, 0);
    const changed = result.changes.reduce((sum, write) => sum + write.changes.length, 0);
    this.deps.onProjected?.({ rows, changed });
    this.deps.logger.debug('projected batch', { partition: batch.partition, events: batch.messages.length, rows, changed });
  }
}
