import { Logger, silentLogger } from '@whdb/core';
import { ConsumedMessage } from '../consumed-message';
import { ConsumerRunner, ConsumerRunnerOptions } from '../consumer-runner';
import { KafkaPublisher } from '../kafka-publisher';
import { KafkaSettings } from '../kafka-settings';
import { eventually } from './kafka-test-env';

/** A ConsumerRunner whose handler records what it got (after an optional behaviour). */
export interface RecordingConsumer {
  readonly runner: ConsumerRunner;
  readonly received: ConsumedMessage[];
  waitFor(count: number, timeoutMs?: number): Promise<ConsumedMessage[]>;
}

export async function startRecordingConsumer(options: {
  settings: KafkaSettings;
  groupId: string;
  topics: (string | RegExp)[];
  publisher: KafkaPublisher;
  behaviour?: (messages: ConsumedMessage[]) => Promise<void>;
  logger?: Logger;
  extra?: Partial<ConsumerRunnerOptions>;
}): Promise<RecordingConsumer> {
  const received: ConsumedMessage[] = [];
  const runner = new ConsumerRunner({
    settings: options.settings,
    groupId: options.groupId,
    topics: options.topics,
    publisher: options.publisher,
    logger: options.logger ?? silentLogger,
    retry: { initialMs: 20, maxMs: 200 },
    ...options.extra,
    handler: async (messages) => {
      await options.behaviour?.(messages);
      received.push(...messages);
    },
  });
  await runner.start();
  return {
    runner,
    received,
    waitFor: (count, timeoutMs = 30_000) =>
      eventually(() => received.length >= count && received, `${count} messages`, timeoutMs),
  };
}
