import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@whdb/core';
import { Database, outboxLag, OutboxSweeper } from '@whdb/persistence';
import { Metrics } from '@whdb/platform';
import { RowChangePublisher } from './row-change-publisher';

/** How often the outbox backlog gauges are refreshed. */
const LAG_INTERVAL_MS = 15_000;

/**
 * Runs the outbox sweeper of this projector's stream while the service runs, and reports the
 * backlog: `whdb_outbox_messages_waiting` and `whdb_outbox_oldest_age_seconds` (docs/runbooks/README.md).
 */
export class OutboxSweeperService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly sweeper: OutboxSweeper;
  private lagTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    rowChanges: RowChangePublisher,
    private readonly stream: string,
    private readonly metrics: Metrics,
    private readonly labels: Readonly<Record<string, string>>,
    private readonly logger: Logger,
  ) {
    this.sweeper = new OutboxSweeper(database, (messages) => rowChanges.publish(messages), { stream, logger });
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
    const names = Object.keys(this.labels);
    const waiting = this.metrics.gauge({ name: 'outbox_messages_waiting', help: 'Row-change events committed but not yet published', labelNames: names });
    const oldest = this.metrics.gauge({ name: 'outbox_oldest_age_seconds', help: 'Age of the oldest unpublished outbox batch (0 when none)', labelNames: names });
    this.lagTimer = setInterval(() => {
      outboxLag(this.database, this.stream).then(
        (lag) => {
          waiting.set(this.labels, lag.messages);
          oldest.set(this.labels, (lag.oldestAgeMs ?? 0) / 1000);
        },
        (error: unknown) => this.logger.debug('could not read the outbox backlog', { error: error instanceof Error ? error.message : String(error) }),
      );
    }, LAG_INTERVAL_MS);
    this.lagTimer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.lagTimer);
    await this.sweeper.stop();
  }
}
