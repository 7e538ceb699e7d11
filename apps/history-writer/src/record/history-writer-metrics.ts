import { Metrics } from '@whdb/platform';

/** What the history writer counts (docs/behaviour/history.md#metrics), behind a narrow port. */
export interface HistoryWriterMetrics {
  versionsWritten(source: 'live' | 'fill', count: number): void;
  skipped(reason: string): void;
  fillFinished(outcome: 'done' | 'failed' | 'retry' | 'stopped'): void;
}

export function prometheusHistoryWriterMetrics(metrics: Metrics): HistoryWriterMetrics {
  const versions = metrics.counter({ name: 'whdb_history_versions_total', help: 'Row versions written to history tables (repeats not counted), by live consumer or fill from the log', labelNames: ['source'] });
  const skipped = metrics.counter({ name: 'whdb_history_skipped_total', help: 'Row-change messages the history could not use, by reason', labelNames: ['reason'] });
  const fills = metrics.counter({ name: 'whdb_history_fills_total', help: 'Fills from the log that ended, by outcome', labelNames: ['outcome'] });
  return {
    versionsWritten: (source, count) => versions.inc({ source }, count),
    skipped: (reason) => skipped.inc({ reason }),
    fillFinished: (outcome) => fills.inc({ outcome }),
  };
}
