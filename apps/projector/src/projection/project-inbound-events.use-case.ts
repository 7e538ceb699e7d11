import {
  DecodedEvent,
  decodeInboundEvent,
  InboundEvent,
  isAppError,
  Logger,
  OutboxMessage,
  planProjectionWrites,
  ProjectionTarget,
  Replicator,
} from '@whdb/core';
import { ProjectionWriter } from '@whdb/persistence';
import { BatchHandler, ConsumedBatch } from '@whdb/service-kit';
import { inUpsertSpans } from './upsert-spans';

export interface ProjectInboundEventsDependencies {
  readonly replicator: Replicator;
  /** The outbox stream this projector writes (its consumer group); the partition is the lane. */
  readonly stream: string;
  /** Where an integration's rows go; null once it was deleted. */
  readonly targetOf: (opaqueId: string) => Promise<ProjectionTarget | null>;
  /**
   * Drops cached targets, so the next `targetOf` reads them again: a table renamed through the api
   * (docs/behaviour/integrations-api.md#rename-the-table) is then found under its new name.
   */
  readonly forgetTargets?: (opaqueIds: readonly string[]) => void;
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
    const decoded = batch.messages.map((message) => ({
      ...decodeInboundEvent(replicator, message.json<InboundEvent>()),
      inbound: { topic: batch.topic, partition: batch.partition, offset: Number(message.offset) },
    }));
    const opaqueIds = [...new Set(decoded.filter((event) => event.items.length > 0).map((event) => event.opaqueId))];
    if (opaqueIds.length === 0) return;
    const now = this.deps.now?.() ?? new Date();
    let planned = await this.write(decoded, opaqueIds, batch, now);
    if (planned.missingTable && this.deps.forgetTargets) {
      // The table was not where the cached target said: renamed since, or dropped with its integration.
      this.deps.forgetTargets(opaqueIds);
      planned = await this.write(decoded, opaqueIds, batch, now);
    }
    if (planned.missingTable) throw planned.missingTable;
    const { writes, result } = planned;
    const messages = result.outbox.flatMap((outboxBatch) => outboxBatch.messages);
    if (messages.length > 0) await this.deps.rowChanges.publish(messages, result.outbox.map((outboxBatch) => outboxBatch.id));
    const rows = writes.reduce((sum, write) => sum + write.rows.length, 0);
    const changed = result.changes.reduce((sum, write) => sum + write.changes.length, 0);
    this.deps.onProjected?.({ rows, changed });
    this.deps.logger.debug('projected batch', { partition: batch.partition, events: batch.messages.length, rows, changed });
  }

  /** Plans and writes the batch; a missing table (`not_found`) is returned, not thrown, so the caller may retry once. */
  private async write(decoded: readonly DecodedEvent[], opaqueIds: readonly string[], batch: ConsumedBatch, now: Date) {
    const targets = new Map(await Promise.all(opaqueIds.map(async (id) => [id, await this.deps.targetOf(id)] as const)));
    const writes = planProjectionWrites(this.deps.replicator, decoded, (id) => targets.get(id) ?? null, now);
    const lane = { stream: this.deps.stream, lane: batch.partition };
    try {
      const result = await inUpsertSpans(this.deps.replicator.descriptor.name, batch.messages, writes, (traceHeadersOf) => this.deps.writer.write(lane, writes, now, traceHeadersOf));
      return { writes, result, missingTable: null };
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') return { writes, result: null, missingTable: error } as const;
      throw error;
    }
  }
}
