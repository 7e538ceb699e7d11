import { Metrics } from './metrics.service';

describe('Metrics', () => {
  it('creates prefixed metrics labelled with the service, idempotently by name', async () => {
    const metrics = new Metrics({ service: 'ingress', defaultMetrics: false });
    const counter = metrics.counter({ name: 'webhooks_received_total', help: 'Webhooks received', labelNames: ['service_name', 'outcome'] });
    expect(metrics.counter({ name: 'whdb_webhooks_received_total', help: 'Webhooks received', labelNames: ['outcome', 'service_name'] })).toBe(counter);
    counter.inc({ service_name: 'increase_account_v1', outcome: 'accepted' });
    metrics.gauge({ name: 'consumer_lag', help: 'Lag' }).set(5);
    metrics.histogram({ name: 'batch_seconds', help: 'Batch duration', buckets: [0.1, 1] }).observe(0.5);

    const text = await metrics.exposition();
    expect(text).toContain('whdb_webhooks_received_total{service_name="increase_account_v1",outcome="accepted",service="ingress"} 1');
    expect(text).toContain('whdb_consumer_lag{service="ingress"} 5');
    expect(text).toContain('whdb_batch_seconds_bucket{le="1",service="ingress"} 1');
    expect(metrics.contentType).toContain('text/plain');
  });

  it('refuses the same name with another type or other labels', () => {
    const metrics = new Metrics({ service: 'api', defaultMetrics: false });
    metrics.counter({ name: 'things_total', help: 'Things', labelNames: ['a'] });
    expect(() => metrics.gauge({ name: 'things_total', help: 'Things', labelNames: ['a'] })).toThrow(/another type or other labels/);
    expect(() => metrics.counter({ name: 'things_total', help: 'Things', labelNames: ['b'] })).toThrow(/another type or other labels/);
  });

  it('exposes default process metrics with the whdb_ prefix, one registry per instance', async () => {
    const first = new Metrics({ service: 'projector' });
    const second = new Metrics({ service: 'reconciler' });
    const text = await first.exposition();
    expect(text).toMatch(/whdb_process_cpu_user_seconds_total\{service="projector"\}/);
    expect(text).toContain('whdb_nodejs_heap_size_total_bytes');
    expect(await second.exposition()).toContain('service="reconciler"');
  });
});
