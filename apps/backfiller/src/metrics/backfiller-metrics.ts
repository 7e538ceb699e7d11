import { Metrics } from '@whdb/platform';

export type JobOutcome = 'finished' | 'skipped' | 'failed' | 'busy';

/** What the backfiller counts (docs/behaviour/backfill.md#metrics), behind a narrow port. */
export interface BackfillerMetrics {
  jobStarted(serviceName: string): void;
  jobEnded(serviceName: string, outcome: JobOutcome): void;
  page(serviceName: string, rows: number): void;
  error(serviceName: string, kind: string): void;
  scheduled(serviceName: string): void;
}

export function prometheusBackfillerMetrics(metrics: Metrics): BackfillerMetrics {
  const running = metrics.gauge({ name: 'whdb_backfiller_jobs_running', help: 'Backfill jobs running in this process', labelNames: ['service_name'] });
  const jobs = metrics.counter({ name: 'whdb_backfiller_jobs_total', help: 'Job runs ended, by outcome (busy: another backfiller holds the integration)', labelNames: ['service_name', 'outcome'] });
  const pages = metrics.counter({ name: 'whdb_backfiller_pages_total', help: 'Pages fetched and published (rate: pages/s)', labelNames: ['service_name'] });
  const rows = metrics.counter({ name: 'whdb_backfiller_rows_total', help: 'Resources published (rate: rows/s)', labelNames: ['service_name'] });
  const errors = metrics.counter({ name: 'whdb_backfiller_errors_total', help: 'Failed job runs, by error kind', labelNames: ['service_name', 'kind'] });
  const scheduled = metrics.counter({ name: 'whdb_backfiller_scheduled_jobs_total', help: 'Incremental jobs created by the scheduler', labelNames: ['service_name'] });
  return {
    jobStarted: (service_name) => running.inc({ service_name }),
    jobEnded: (service_name, outcome) => {
      if (outcome !== 'busy') running.dec({ service_name });
      jobs.inc({ service_name, outcome });
    },
    page: (service_name, count) => {
      pages.inc({ service_name });
      rows.inc({ service_name }, count);
    },
    error: (service_name, kind) => errors.inc({ service_name, kind }),
    scheduled: (service_name) => scheduled.inc({ service_name }),
  };
}

export const NO_BACKFILLER_METRICS: BackfillerMetrics = { jobStarted: () => undefined, jobEnded: () => undefined, page: () => undefined, error: () => undefined, scheduled: () => undefined };
