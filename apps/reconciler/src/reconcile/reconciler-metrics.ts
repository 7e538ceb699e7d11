import { Metrics } from '@whdb/platform';

/** What the reconciler counts (docs/behaviour/channel.md#metrics), behind a narrow port. */
export interface ReconcilerMetrics {
  commandIssued(type: string, reason: 'first' | 'retry'): void;
  channelRowPublished(reason: 'sms' | 'skipped_due_to_age'): void;
  echoSuppressed(): void;
  swept(outcome: 'done' | 'locked' | 'failed', unconverged: number): void;
  alertRaised(): void;
}

export function prometheusReconcilerMetrics(metrics: Metrics): ReconcilerMetrics {
  const commands = metrics.counter({ name: 'whdb_reconciler_commands_total', help: 'Outbound commands issued, by type and first issue or sweep retry', labelNames: ['type', 'reason'] });
  const rows = metrics.counter({ name: 'whdb_reconciler_channel_rows_total', help: 'Channel rows published to the channel inbound topic', labelNames: ['reason'] });
  const echoes = metrics.counter({ name: 'whdb_reconciler_echoes_suppressed_total', help: 'SMS not mirrored because the channel sent them itself' });
  const sweeps = metrics.counter({ name: 'whdb_reconciler_sweeps_total', help: 'Sweeps of unconverged channel rows', labelNames: ['outcome'] });
  const unconverged = metrics.gauge({ name: 'whdb_reconciler_unconverged_rows', help: 'Channel rows with an id missing, at the last sweep' });
  const alerts = metrics.counter({ name: 'whdb_reconciler_alerts_total', help: 'Rows given up after the retry cap (org alert raised)' });
  return {
    commandIssued: (type, reason) => commands.inc({ type, reason }),
    channelRowPublished: (reason) => rows.inc({ reason }),
    echoSuppressed: () => echoes.inc(),
    swept: (outcome, count) => {
      sweeps.inc({ outcome });
      if (outcome === 'done') unconverged.set(count);
    },
    alertRaised: () => alerts.inc(),
  };
}

export const NO_RECONCILER_METRICS: ReconcilerMetrics = { commandIssued: () => undefined, channelRowPublished: () => undefined, echoSuppressed: () => undefined, swept: () => undefined, alertRaised: () => undefined };
