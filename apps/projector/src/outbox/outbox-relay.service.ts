import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { DataSource, OutboxRelay } from '@whdb/persistence';
import { LOGGER, Metrics } from '@whdb/platform';
import { DATA_SOURCE, KAFKA_PUBLISHER } from '@whdb/service-kit';

/**
 * Publishes outbox rows (row-change events) to Kafka and deletes them. Every projector runs one;
 * a Postgres advisory lock lets one publish at a time, so events leave in commit order.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource, @Inject(KAFKA_PUBLISHER) publisher: KafkaPublisher, @Inject(LOGGER) logger: Logger, metrics: Metrics) {
    const published = metrics.counter({ name: 'whdb_outbox_published_total', help: 'Row-change events relayed to Kafka' });
    this.relay = new OutboxRelay(
      dataSource,
      async (messages) => {
        await publisher.publishRaw(
          messages.map((m) => ({ topic: m.topic, key: m.key, value: Buffer.from(JSON.stringify(m.value)), headers: m.headers })),
        );
        published.inc(messages.length);
      },
      { logger: logger.child({ component: 'outbox-relay' }) },
    );
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
