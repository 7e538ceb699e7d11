import { AppError, InboundEvent, Logger, orgSchemaName, prepareRow, Replicator } from '@whdb/core';
import { decodeInboundEvent } from './inbound-event-decoder';
import { ProjectionStore, ProjectionWrite } from './projection-store';

export interface ResolvedTarget {
  readonly tableName: string;
  readonly organizationKey: string;
}

export interface ProjectInboundEventsDependencies {
  readonly replicator: Replicator;
  readonly resolveIntegration: (opaqueId: string) => Promise<ResolvedTarget | null>;
  readonly store: ProjectionStore;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * Folds a batch of inbound events into the replicator's tables (DESIGN: projector). Everything a
 * batch writes commits together; the consumer commits offsets only afterwards, so a crash replays
 * the batch and the upsert guard makes the replay harmless.
 */
export class ProjectInboundEventsUseCase {
  private readonly now: () => Date;

  constructor(private readonly deps: ProjectInboundEventsDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  async execute(events: readonly InboundEvent[]): Promise<{ changed: number; rows: number }> {
    const writes = new Map<string, { target: ProjectionWrite['target']; rows: ProjectionWrite['rows'][number][]; correlationIds: string[] }>();
    const now = this.now();
    for (const event of events) {
      const decoded = decodeInboundEvent(this.deps.replicator, event);
      if (decoded.items.length === 0) continue;
      let write = writes.get(decoded.opaqueId);
      if (!write) {
        const resolved = await this.deps.resolveIntegration(decoded.opaqueId);
        if (!resolved) throw new AppError('not_found', `integration ${decoded.opaqueId} no longer exists`);
        write = {
          target: {
            opaqueId: decoded.opaqueId,
            serviceName: this.deps.replicator.descriptor.name,
            schema: orgSchemaName(resolved.organizationKey),
            table: resolved.tableName,
          },
          rows: [],
          correlationIds: [],
        };
        writes.set(decoded.opaqueId, write);
      }
      for (const item of decoded.items) {
        write.rows.push(prepareRow(this.deps.replicator, item, now));
        write.correlationIds.push(decoded.correlationId);
      }
    }
    const batch = [...writes.values()];
    const rows = batch.reduce((sum, w) => sum + w.rows.length, 0);
    if (rows === 0) return { changed: 0, rows: 0 };
    const { changed } = await this.deps.store.write(batch);
    this.deps.logger.debug('projected batch', { events: events.length, rows, changed });
    return { changed, rows };
  }
}
