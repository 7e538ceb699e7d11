import { randomBytes } from 'node:crypto';
import { silentLogger } from '@whdb/core';
import { ConsumedMessage, ConsumerRunner, KafkaPublisher } from '@whdb/kafka';
import { eventually } from '../eventually';

/**
 * Reads a topic from the beginning with a throwaway consumer group and keeps what it sees, so a
 * test can wait for a message that matches (e.g. a row-change event with a given correlation id).
 */
export class TopicWatcher {
  readonly messages: ConsumedMessage[] = [];
  private runner: ConsumerRunner | null = null;
  private publisher: KafkaPublisher | null = null;

  constructor(
    private readonly brokers: string,
    private readonly topic: string,
  ) {}

  async start(): Promise<this> {
    const settings = { brokers: this.brokers.split(','), clientId: 'whdb-test-watcher' };
    this.publisher = await KafkaPublisher.connect(settings, silentLogger);
    this.runner = new ConsumerRunner({
      settings,
      groupId: `whdb.test.watcher.${randomBytes(6).toString('hex')}`,
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
