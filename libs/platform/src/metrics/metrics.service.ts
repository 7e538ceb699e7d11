import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every metric we expose starts with this. */
export const METRIC_PREFIX = 'whdb_';

export interface MetricOptions<L extends string> {
  /** Without the `whdb_` prefix (added if missing), e.g. `webhooks_received_total`. */
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly L[];
}

export interface HistogramOptions<L extends string> extends MetricOptions<L> {
  /** Seconds. Default: prom-client's defaults. */
  readonly buckets?: readonly number[];
}

export interface MetricsOptions {
  /** Added as the `service` label of every metric. */
  readonly service: string;
  /** Node process metrics (CPU, memory, event loop, GC) as `whdb_process_*`, `whdb_nodejs_*`. Default true. */
  readonly defaultMetrics?: boolean;
}

type MetricClass = typeof Counter | typeof Gauge | typeof Histogram;

/**
 * A service's Prometheus registry (one per app, not prom-client's global one) and idempotent
 * helpers: asking twice for the same name returns the same metric, so use cases may declare their
 * metrics where they use them. Asking for an existing name with another type or labels is a bug
 * and throws.
 */
export class Metrics {
  readonly registry: Registry;

  constructor(options: MetricsOptions) {
    this.registry = new Registry();
    this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition served at GET /metrics. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  counter<L extends string = never>(options: MetricOptions<L>): Counter<L> {
    return this.getOrCreate(Counter, options, () => new Counter<L>(this.configuration(options))) as Counter<L>;
  }

  gauge<L extends string = never>(options: MetricOptions<L>): Gauge<L> {
    return this.getOrCreate(Gauge, options, () => new Gauge<L>(this.configuration(options))) as Gauge<L>;
  }

  histogram<L extends string = never>(options: HistogramOptions<L>): Histogram<L> {
    return this.getOrCreate(Histogram, options, () => {
      const configuration = this.configuration(options);
      return new Histogram<L>(options.buckets ? { ...configuration, buckets: [...options.buckets] } : configuration);
    }) as Histogram<L>;
  }

  private configuration<L extends string>(options: MetricOptions<L>) {
    return {
      name: prefixed(options.name),
      help: options.help,
      labelNames: [...(options.labelNames ?? [])],
      registers: [this.registry],
    };
  }

  private getOrCreate<L extends string>(kind: MetricClass, options: MetricOptions<L>, create: () => object): object {
    const name = prefixed(options.name);
    const existing = this.registry.getSingleMetric(name);
    if (existing === undefined) return create();
    const existingLabels = [...((existing as unknown as { labelNames?: readonly string[] }).labelNames ?? [])].sort();
    const wantedLabels = [...(options.labelNames ?? [])].sort();
    if (!(existing instanceof kind) || existingLabels.join(',') !== wantedLabels.join(',')) {
      throw new Error(`Metric ${name} is already registered with another type or other labels`);
    }
    return existing;
  }
}

function prefixed(name: string): string {
  return name.startsWith(METRIC_PREFIX) ? name : `${METRIC_PREFIX}${name}`;
}
