import { decodeRowVersion, Logger, RowVersion } from '@whdb/core';
import { ConsumedMessage } from '@whdb/kafka';
import { HistoryWriterMetrics } from './history-writer-metrics';

/**
 * The row versions in a batch of `whdb.rows.<service>` messages (decoded by `decodeRowVersion`).
 * Tombstones are passed over; a message the history cannot use is counted and logged, never
 * dead-lettered: the change stream's other consumers may want it.
 */
export function decodeRowVersions(messages: readonly ConsumedMessage[], metrics: HistoryWriterMetrics, logger: Logger): RowVersion[] {
  const versions: RowVersion[] = [];
  for (const message of messages) {
    const decoded = decodeRowVersion(message.key, message.value);
    if (decoded.ok) {
      versions.push(decoded.version);
    } else if (decoded.reason !== 'tombstone') {
      metrics.skipped(decoded.reason);
      logger.warn('row-change message skipped by the history', { topic: message.topic, partition: message.partition, offset: message.offset, reason: decoded.detail });
    }
  }
  return versions;
}
