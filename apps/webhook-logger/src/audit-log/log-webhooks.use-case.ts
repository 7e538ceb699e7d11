import { LoggedWebhookEntry, loggedWebhookFromEvent, Logger } from '@whdb/core';
import { BatchHandler, ConsumedBatch } from '@whdb/service-kit';

/** Where entries go (`LoggedWebhookRepository` in production). */
export interface LoggedWebhookSink {
  insertMany(entries: readonly LoggedWebhookEntry[]): Promise<number>;
}

export interface LogWebhooksDependencies {
  readonly sink: LoggedWebhookSink;
  readonly logger: Logger;
  readonly onLogged?: (counts: { logged: number; duplicates: number }) => void;
}

/**
 * The webhook logger's use case (docs/behaviour/audit-log.md#writing): every delivery of a batch,
 * accepted (`webhook.received` on `whdb.inbound.*`) or rejected (`whdb.webhooks.rejected`), written
 * in one INSERT. A redelivered batch inserts nothing twice (unique event id); backfilled resources
 * and replays are not deliveries and are skipped. A malformed delivery event throws a final error,
 * which the consumer host isolates and dead-letters.
 */
export class LogWebhooksUseCase implements BatchHandler {
  constructor(private readonly deps: LogWebhooksDependencies) {}

  async handleBatch(batch: ConsumedBatch): Promise<void> {
    const entries = batch.messages.map((message) => loggedWebhookFromEvent(message.json())).filter((entry): entry is LoggedWebhookEntry => entry !== null);
    if (entries.length === 0) return;
    const logged = await this.deps.sink.insertMany(entries);
    this.deps.onLogged?.({ logged, duplicates: entries.length - logged });
    this.deps.logger.debug('logged deliveries', { topic: batch.topic, partition: batch.partition, logged, duplicates: entries.length - logged });
  }
}
