import { AppError } from '../errors/app-error';
import { RowChangeInboundPosition } from '../events/row-change-envelope';
import { prepareRow, PreparedRow } from '../replicator/prepare-row';
import { Replicator } from '../replicator/replicator';
import { DecodedEvent } from './decode-inbound-event';
import { ProjectionTarget, ProjectionWrite } from './projection-write';

/**
 * Groups a batch's resources by integration, in arrival order, as prepared rows (docs/behaviour/upserts.md).
 * `targetOf` answers where an integration's rows go, or null once it was deleted: its events can
 * never be written, so that is a final `not_found` (the consumer dead-letters them).
 */
export function planProjectionWrites(
  replicator: Pick<Replicator, 'schema' | 'resourceToData'>,
  decoded: readonly DecodedEvent[],
  targetOf: (opaqueId: string) => ProjectionTarget | null,
  now: Date,
): ProjectionWrite[] {
  const writes = new Map<string, { target: ProjectionTarget; rows: PreparedRow[]; correlationIds: string[]; inbound: (RowChangeInboundPosition | undefined)[] }>();
  for (const event of decoded) {
    if (event.items.length === 0) continue;
    let write = writes.get(event.opaqueId);
    if (!write) {
      const target = targetOf(event.opaqueId);
      if (!target) throw new AppError('not_found', `integration ${event.opaqueId} no longer exists`);
      writes.set(event.opaqueId, (write = { target, rows: [], correlationIds: [], inbound: [] }));
    }
    for (const item of event.items) {
      const row = prepareRow(replicator, item, now);
      write.rows.push(event.snapshot ? { ...row, snapshot: true } : row);
      write.correlationIds.push(event.correlationId);
      write.inbound.push(event.inbound);
    }
  }
  return [...writes.values()];
}
