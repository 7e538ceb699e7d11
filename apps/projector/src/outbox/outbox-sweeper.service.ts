import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { Database, OutboxSweeper } from '@whdb/persistence';
import { RowChangePublisher } from './row-change-publisher';

/** Runs the outbox sweeper of this projector's stream while the service runs. */
export class OutboxSweeperService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly sweeper: OutboxSweeper;

  constructor(database: Database, rowChanges: RowChangePublisher, stream: string, logger: Logger) {
    this.sweeper = new OutboxSweeper(database, (messages) => rowChanges.publish(messages), { stream, logger });
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }
}
