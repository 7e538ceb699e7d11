import { AppError, Logger, RowVersion, Topics } from '@whdb/core';
import { ConsumedMessage, KafkaSettings, scanTopicToEnd } from '@whdb/kafka';
import { Database, HistoryTarget, IntegrationHistoryRepository } from '@whdb/persistence';
import { decodeRowVersions } from '../record/decode-row-versions';
import { HistoryRecorder } from '../record/history-recorder';
import { HistoryWriterMetrics } from '../record/history-writer-metrics';

export type FillOutcome = 'done' | 'failed' | 'retry' | 'stopped';

/**
 * Fills one integration's history from the log (docs/behaviour/history.md#enabling-it-later): reads
 * `whdb.rows.<service_name>` from its oldest retained message to the end it had when the fill
 * started, keeps the integration's messages (key `<opaque_id>:...`) and writes them as versions.
 * Later changes are the live consumer's, which already writes them: the history switch was on
 * before the fill started. Progress goes to `whdb.integration_history` after every batch.
 */
export class FillHistoryFromLogUseCase {
  constructor(
    private readonly database: Database,
    private readonly kafka: KafkaSettings,
    private readonly recorder: HistoryRecorder,
    private readonly metrics: HistoryWriterMetrics,
    private readonly logger: Logger,
  ) {}

  async execute(target: HistoryTarget, signal: AbortSignal): Promise<FillOutcome> {
    const history = new IntegrationHistoryRepository(this.database);
    const topic = Topics.rows(target.serviceName);
    const prefix = `${target.opaqueId}:`;
    const log = { opaque_id: target.opaqueId, topic };
    this.logger.info('history fill from the log started', log);
    try {
      const result = await scanTopicToEnd(
        this.kafka,
        this.logger,
        topic,
        async (messages: readonly ConsumedMessage[]) => {
          const ours = messages.filter((message) => message.key?.startsWith(prefix));
          const versions = decodeRowVersions(ours, this.metrics, this.logger).filter((v) => v.opaqueId === target.opaqueId);
          const written = await this.recorder.record(target, versions);
          this.metrics.versionsWritten('fill', written);
          await history.recordFillProgress(target.integrationId, ours.length, written, oldestOf(versions));
        },
        { signal },
      );
      if (signal.aborted) {
        await history.requeueFill(target.integrationId);
        return this.finished('stopped', log);
      }
      await history.finishFill(target.integrationId);
      return this.finished('done', { ...log, messages_read: result.messagesRead });
    } catch (error) {
      const retriable = error instanceof AppError && error.retriable;
      this.logger.warn('history fill from the log failed', { ...log, error, retriable });
      if (retriable) await history.requeueFill(target.integrationId, errorText(error));
      else await history.finishFill(target.integrationId, errorText(error));
      return this.finished(retriable ? 'retry' : 'failed', log);
    }
  }

  private finished(outcome: FillOutcome, log: Record<string, unknown>): FillOutcome {
    this.metrics.fillFinished(outcome);
    this.logger.info('history fill from the log ended', { ...log, outcome });
    return outcome;
  }
}

function oldestOf(versions: readonly RowVersion[]): Date | null {
  return versions.reduce<Date | null>((oldest, v) => (oldest === null || v.validFrom < oldest ? v.validFrom : oldest), null);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 500) : 'unknown error';
}
