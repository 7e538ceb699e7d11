import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { ensureTopics, KafkaSettings, TopicSpec } from '@whdb/kafka';
import { LOGGER, ReadinessRegistry } from '@whdb/platform';
import { KAFKA_SETTINGS } from './tokens';

export const REQUIRED_TOPICS = 'WHDB_REQUIRED_TOPICS';

const RETRY_MS = { initial: 500, max: 15_000 };

/**
 * Creates the topics a service uses (idempotent) in the background, retrying while Kafka is
 * away; the service reports `topics` not ready until they exist. Booting never blocks on Kafka,
 * so the ingress can answer 503 instead of refusing connections.
 */
@Injectable()
export class TopicProvisioner implements OnApplicationBootstrap, OnApplicationShutdown {
  private done = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private markReady!: () => void;
  /** Resolves once every topic exists (consumers wait for it before subscribing). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.markReady = resolve));

  constructor(
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
    @Inject(REQUIRED_TOPICS) private readonly topics: readonly TopicSpec[],
    @Inject(LOGGER) private readonly logger: Logger,
    readiness: ReadinessRegistry,
  ) {
    readiness.register('topics', () => this.done);
  }

  onApplicationBootstrap(): void {
    this.run(RETRY_MS.initial);
  }

  /** Stops retrying and waits for an attempt in flight, so no Kafka call outlives the service. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  private run(delayMs: number): void {
    this.inFlight = this.attempt(delayMs).finally(() => (this.inFlight = undefined));
  }

  private async attempt(delayMs: number): Promise<void> {
    if (this.stopped || this.topics.length === 0) {
      this.done = true;
      this.markReady();
      return;
    }
    try {
      await ensureTopics(this.settings, this.logger, this.topics, { timeoutMs: 20_000 });
      this.done = true;
      this.markReady();
      this.logger.info('topics ready', { topics: this.topics.map((t) => t.name) });
    } catch (error) {
      this.logger.warn('could not create topics yet; retrying', { retry_in_ms: delayMs, error });
      if (!this.stopped) this.timer = setTimeout(() => this.run(Math.min(delayMs * 2, RETRY_MS.max)), delayMs);
    }
  }
}
