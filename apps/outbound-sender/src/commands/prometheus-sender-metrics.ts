import { Metrics } from '@whdb/platform';
import { SenderMetrics } from './sender-metrics';

/** The sender's Prometheus counters (docs/behaviour/outbound-sender.md#metrics). */
export function prometheusSenderMetrics(metrics: Metrics): SenderMetrics {
  const sends = metrics.counter({ name: 'whdb_outbound_sender_sends_total', help: 'Outbound commands by provider and outcome', labelNames: ['provider', 'outcome'] });
  const retries = metrics.counter({ name: 'whdb_outbound_sender_provider_retries_total', help: 'Provider answers that made a command retry with backoff', labelNames: ['provider', 'reason'] });
  const resolutions = metrics.counter({ name: 'whdb_outbound_sender_in_flight_resolutions_total', help: 'Provider calls found in flight (after a crash or timeout) and how they were resolved', labelNames: ['provider', 'outcome'] });
  return {
    outcome: (provider, outcome) => sends.inc({ provider, outcome }),
    retry: (provider, reason) => retries.inc({ provider, reason }),
    inFlightResolution: (provider, outcome) => resolutions.inc({ provider, outcome }),
  };
}
