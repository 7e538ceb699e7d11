import { randomBytes } from 'node:crypto';
import { silentLogger } from '@whdb/core';
import { ConsumedMessage, ConsumerRunner, ensureTopics, KafkaPublisher, positionGroupAtEnd } from '@whdb/kafka';
import { eventually } from '../eventually';

export interface TopicWatcherOptions {
  /**
   * `now` (default): only what is published after `start()` resolves — the group is positioned at
   * the topic's end first, so a long-lived test broker's history is never read. `beginning`:
   * everything the topic holds.
   */
  readonly from?: 'now' | 'beginning';
}

/**
 * Reads a topic with a throwaway consumer group and keeps what it sees, so a test can wait for a
 * message that matches (e.g. a row-change event with a given correlation id).
 */
export class TopicWatcher {
  readonly messages: ConsumedMessage[] = [];
  private runner: ConsumerRunner | null = null;
  private publisher: KafkaPublisher | null = null;

  constructor(
    private readonly brokers: string,
    private readonly topic: string,
    private readonly options: TopicWatcherOptions = {},
  ) {}

  async start(): Promise<this> {
    const settings = { brokers: this.brokers.split(','), clientId: 'whdb-test-watcher' };
    const groupId = `whdb.test.watcher.${randomBytes(6).toString('hex')}`;
    // Created here if missing (with the defaults the services use), so a watcher never depends on
    // which process happened to create its topic first.
    await ensureTopics(settings, silentLogger, [{ name: this.topic }]);
    if ((this.options.from ?? 'now') === 'now') await positionGroupAtEnd(settings, silentLogger, groupId, this.topic);
    this.publisher = await KafkaPublisher.connect(settings, silentLogger);
    this.runner = new ConsumerRunner({
      settings,
      groupId,
      topics: [this.topic],
      publisher: this.publisher,
      logger: silentLogger,
      fromBeginning: true,
      handler: async (messages) => {
        this.messages.push(...messages);
      },
    });
    await this.runner.start();
    return this;
  }

  waitFor(predicate: (message: ConsumedMessage) => boolean, timeoutMs = 20_000): Promise<ConsumedMessage> {
    return eventually(() => this.messages.find(predicate) ?? false, { timeoutMs, description: `a matching message on ${this.topic}` });
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
    await this.publisher?.disconnect();
  }
}
