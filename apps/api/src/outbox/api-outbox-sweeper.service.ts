import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger, OutboxMessage } from '@whdb/core';
import { KafkaPublisher } from '@whdb/kafka';
import { Database, OutboxSweeper } from '@whdb/persistence';
import { ApiOutbox } from './api-outbox';
import { toRawMessages } from './outbox-relay';

/** Publishes what the api left in its own outbox stream (e.g. a `backfill.requested` event Kafka refused). */
export class ApiOutboxSweeperService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly sweeper: OutboxSweeper;

  constructor(database: Database, publisher: KafkaPublisher, logger: Logger) {
    const publish = (messages: readonly OutboxMessage[]) => publisher.publishRaw(toRawMessages(messages));
    this.sweeper = new OutboxSweeper(database, publish, { stream: ApiOutbox.stream, logger });
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }
}
