import { AppError, Logger } from '@whdb/core';
import { fetchTopicOffsets, KafkaSettings, listDeadLetterTopics, OffsetRange, readOffsetRanges, TopicOffsets } from '@whdb/kafka';
import { IdempotencyStore } from '@whdb/persistence';
import { DeadLetterQuery } from './dead-letter-query';
import { DeadLetterView, redriveKey, toDeadLetterView } from './dead-letter-view';

const DEFAULT_PAGE_SIZE = 50;

export interface DeadLetterTopicSummary {
  readonly topic: string;
  /** Messages the topic holds (sum of high - low over its partitions). */
  readonly messages: number;
  readonly partitions: readonly { partition: number; low: string; high: string }[];
}

export type DeadLetterListing = { readonly topics: DeadLetterTopicSummary[] } | { readonly topic: string; readonly items: DeadLetterView[]; readonly next_cursor: string | null };

/**
 * Plans the ranges of one page: from the cursor (or each partition's start), partition by
 * partition, at most `limit` offsets, with the cursor of the next page.
 */
export function planPage(offsets: TopicOffsets, cursor: { partition: number; offset: bigint } | null, limit: number): { ranges: OffsetRange[]; next: string | null } {
  const ranges: OffsetRange[] = [];
  let room = BigInt(limit);
  for (const { partition, low, high } of offsets.partitions) {
    if (cursor && partition < cursor.partition) continue;
    let from = BigInt(low);
    if (cursor && partition === cursor.partition && cursor.offset > from) from = cursor.offset;
    const end = BigInt(high);
    if (from >= end) continue;
    if (room === 0n) return { ranges, next: `${partition}:${from}` };
    const to = from + room < end ? from + room : end;
    ranges.push({ partition, from, to });
    room -= to - from;
    if (to < end) return { ranges, next: `${partition}:${to}` };
  }
  return { ranges, next: null };
}

/** `GET /v1/admin/dlq` (docs/behaviour/dead-letters.md#api): the dead-letter topics, or one topic's messages a page at a time. */
export class ListDeadLettersUseCase {
  constructor(
    private readonly settings: KafkaSettings,
    private readonly logger: Logger,
    private readonly redrives: IdempotencyStore,
  ) {}

  async execute(query: DeadLetterQuery): Promise<DeadLetterListing> {
    if (query.topic === undefined) {
      const topics = await listDeadLetterTopics(this.settings, this.logger);
      return {
        topics: topics.map((topic) => ({
          topic: topic.topic,
          messages: topic.partitions.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0),
          partitions: topic.partitions,
        })),
      };
    }
    const offsets = await fetchTopicOffsets(this.settings, this.logger, query.topic);
    const cursor = query.cursor === undefined ? null : parseCursor(query.cursor, offsets);
    const { ranges, next } = planPage(offsets, cursor, query.limit ?? DEFAULT_PAGE_SIZE);
    const messages = await readOffsetRanges(this.settings, this.logger, query.topic, ranges);
    const redriven = await this.redrives.lastRuns(messages.map((message) => redriveKey(message)));
    return { topic: query.topic, items: messages.map((message) => toDeadLetterView(message, redriven.get(redriveKey(message)))), next_cursor: next };
  }
}

function parseCursor(cursor: string, offsets: TopicOffsets): { partition: number; offset: bigint } {
  const [partition, offset] = cursor.split(':');
  const parsed = { partition: Number(partition), offset: BigInt(offset!) };
  if (!offsets.partitions.some((p) => p.partition === parsed.partition)) throw new AppError('invalid_input', `cursor names partition ${partition}, which ${offsets.topic} does not have`);
  return parsed;
}
