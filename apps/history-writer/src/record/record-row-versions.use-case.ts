import { Logger } from '@whdb/core';
import { BatchHandler, ConsumedBatch } from '@whdb/service-kit';
import { decodeRowVersions } from './decode-row-versions';
import { HistoryRecorder } from './history-recorder';
import { HistoryWriterMetrics } from './history-writer-metrics';

/**
 * The live half of the history (docs/behaviour/history.md#how-it-is-filled), group
 * `whdb.history-writer` on every `whdb.rows.<service_name>`: each row change of an integration whose
 * history is on becomes a version in `<table>_history`. Changes of other integrations are passed over
 * (their history, if switched on later, is filled from the log). A redelivered change is one version.
 */
export class RecordRowVersionsUseCase implements BatchHandler {
  constructor(
    private readonly recorder: HistoryRecorder,
    private readonly metrics: HistoryWriterMetrics,
    private readonly logger: Logger,
  ) {}

  async handleBatch(batch: ConsumedBatch): Promise<void> {
    const versions = decodeRowVersions(batch.messages, this.metrics, this.logger);
    const written = await this.recorder.recordWhereEnabled(versions);
    this.metrics.versionsWritten('live', written);
  }
}
