import { decodeRowVersion, Logger, RowVersion } from '@whdb/core';
import { ConsumedMessage } from '@whdb/kafka';
import { HistoryWriterMetrics } from './history-writer-metrics';

/**
 * The row versions in a batch of `whdb.rows.<service>` messages (decoded by `decodeRowVersion`, the
 * one place that reads the envelope). A message the history cannot use is counted and logged, never
 * dead-lettered: it is someone else's message, and the change stream's other consumers may want it.
 */
export function decodeRowVersions(messages: readonly ConsumedMessage[], metrics: HistoryWriterMetrics, logger: Logger): RowVersion[] {
  const versions: RowVersion[] = [];
  for (const message of messages) {
    let value: unknown;
    try {
      value = message.value === null ? null : JSON.parse(message.value.toString('utf8'));
    } catch {
      value = undefined;
    }
    const decoded = decodeRowVersion(message.key, value);
    if (decoded.ok) {
      versions.push(decoded.version);
    } else {
      metrics.skipped('undecodable');
      logger.warn('row-change message skipped by the history', { topic: message.topic, partition: message.partition, offset: message.offset, reason: decoded.reason });
    }
  }
  return versions;
}
