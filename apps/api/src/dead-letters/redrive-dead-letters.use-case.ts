import { AppError, Logger } from '@whdb/core';
import { ConsumedMessage, DeadLetterHeaders, fetchTopicOffsets, KafkaPublisher, KafkaSettings, OffsetRange, readOffsetRanges } from '@whdb/kafka';
import { IdempotencyStore } from '@whdb/persistence';
import { redriveKey } from './dead-letter-view';
import { planPage } from './list-dead-letters.use-case';
import { RedriveDeadLettersDto } from './redrive-dead-letters.dto';

/** Marks a redriven message on its original topic: `<dlq topic>:<partition>:<offset>`. */
export const REDRIVEN_FROM_HEADER = 'x-whdb-redriven-from';
const WHOLE_TOPIC_PAGE = 500;

interface Position {
  readonly partition: number;
  readonly offset: string;
}

export interface RedriveResult {
  readonly topic: string;
  readonly original_topic: string;
  /** Published again now. */
  readonly redriven: Position[];
  /** Redriven by an earlier call: not published again. */
  readonly already_redriven: Position[];
}

/**
 * `POST /v1/admin/dlq/redrive` (docs/behaviour/dead-letters.md#redrive): publishes chosen dead
 * letters (or all a topic holds now) back to the topic they failed on, byte for byte with their
 * original headers (the `x-dlq-*` ones dropped, `x-whdb-redriven-from` added). Each message is
 * redriven at most once: the idempotency store records it, under a row lock, once the publish
 * is acknowledged, so concurrent or repeated calls skip it.
 */
export class RedriveDeadLettersUseCase {
  constructor(
    private readonly settings: KafkaSettings,
    private readonly logger: Logger,
    private readonly publisher: KafkaPublisher,
    private readonly redrives: IdempotencyStore,
  ) {}

  async execute(input: RedriveDeadLettersDto): Promise<RedriveResult> {
    if ((input.messages === undefined) === (input.all !== true)) throw new AppError('invalid_input', 'Give either messages [{partition, offset}] or all: true.');
    const originalTopic = input.topic.slice(0, -'.dlq'.length);
    const offsets = await fetchTopicOffsets(this.settings, this.logger, input.topic);
    const result: RedriveResult = { topic: input.topic, original_topic: originalTopic, redriven: [], already_redriven: [] };
    if (input.messages) {
      // Offsets outside what a partition holds now are missing without reading anything.
      const holds = (m: { partition: number; offset: string }) =>
        offsets.partitions.some((p) => p.partition === m.partition && BigInt(m.offset) >= BigInt(p.low) && BigInt(m.offset) < BigInt(p.high));
      const ranges = input.messages.filter(holds).map((m): OffsetRange => ({ partition: m.partition, from: BigInt(m.offset), to: BigInt(m.offset) + 1n }));
      const messages = await readOffsetRanges(this.settings, this.logger, input.topic, ranges);
      const found = new Set(messages.map((m) => `${m.partition}:${m.offset}`));
      const missing = input.messages.filter((m) => !found.has(`${m.partition}:${BigInt(m.offset)}`)).map((m) => `${m.partition}:${m.offset}`);
      if (missing.length > 0) throw new AppError('not_found', `${input.topic} holds no message at ${missing.join(', ')}.`, { missing });
      await this.redriveAll(messages, originalTopic, result);
    } else {
      let cursor: { partition: number; offset: bigint } | null = null;
      for (;;) {
        const page = planPage(offsets, cursor, WHOLE_TOPIC_PAGE);
        await this.redriveAll(await readOffsetRanges(this.settings, this.logger, input.topic, page.ranges), originalTopic, result);
        if (page.next === null) break;
        const [partition, offset] = page.next.split(':');
        cursor = { partition: Number(partition), offset: BigInt(offset!) };
      }
    }
    this.logger.info('redrove dead letters', { topic: input.topic, redriven: result.redriven.length, already_redriven: result.already_redriven.length });
    return result;
  }

  private async redriveAll(messages: readonly ConsumedMessage[], originalTopic: string, result: RedriveResult): Promise<void> {
    for (const message of messages) {
      const position = { partition: message.partition, offset: message.offset };
      const source = message.headers[DeadLetterHeaders.originalTopic];
      if (source !== undefined && source !== originalTopic) {
        throw new AppError('invariant_violated', `${message.topic} ${position.partition}:${position.offset} came from ${source}, not ${originalTopic}; not redriven.`);
      }
      const outcome = await this.redrives.runOnce(redriveKey(message), async () => {
        await this.publisher.publishRaw([{ topic: originalTopic, key: message.key, value: message.value, headers: redriveHeaders(message) }]);
        return { redriven_at: new Date().toISOString() };
      });
      (outcome.ran ? result.redriven : result.already_redriven).push(position);
    }
  }
}

function redriveHeaders(message: ConsumedMessage): Record<string, string> {
  const headers = Object.fromEntries(Object.entries(message.headers).filter(([name]) => !name.startsWith('x-dlq-')));
  return { ...headers, [REDRIVEN_FROM_HEADER]: `${message.topic}:${message.partition}:${message.offset}` };
}
