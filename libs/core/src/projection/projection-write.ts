import { RowChangeInboundPosition } from '../events/row-change-envelope';
import { PreparedRow } from '../replicator/prepare-row';

/** Where one integration's rows go: its replicator table in its organization's schema. */
export interface ProjectionTarget {
  readonly opaqueId: string;
  readonly serviceName: string;
  readonly schema: string;
  readonly table: string;
}

/** The rows one batch writes into one table, each with the correlation id of its event. */
export interface ProjectionWrite {
  readonly target: ProjectionTarget;
  readonly rows: readonly PreparedRow[];
  /** Correlation id per row (same index), carried into the row-change events. */
  readonly correlationIds: readonly string[];
  /** The inbound message of each row (same index), carried into `source.inbound` where known. */
  readonly inbound?: readonly (RowChangeInboundPosition | undefined)[];
}
