import { AppError, Logger } from '@whdb/core';
import { Admin } from 'kafkajs';
import { sleep } from './backoff';
import { createKafkaClient } from './kafka-client-factory';
import { toKafkaAppError } from './kafka-errors';
import { KafkaSettings } from './kafka-settings';
import { assertTopicName } from '@whdb/core';

export interface TopicSpec {
  readonly name: string;
  /** Default: the broker's `num.partitions`. */
  readonly partitions?: number;
  /** Default: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  /** Topic configs, e.g. `{ 'retention.ms': '604800000' }`. */
  readonly configs?: Readonly<Record<string, string>>;
}

export interface AdminOptions {
  /** Overall deadline (default 30000 ms). */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Configs every topic we create gets unless its spec says otherwise (docs/topics.md#creation-partitions-and-retention).
 * Messages may carry a whole webhook body (up to `WHDB_MAX_BODY_BYTES`, at most 4 MiB) and a row
 * change its whole row: 8 MiB per message leaves room, where the broker default (1 MiB) would make
 * a large but legal webhook unpublishable and block a projector's outbox lane.
 */
export const DEFAULT_TOPIC_CONFIGS: Readonly<Record<string, string>> = { 'max.message.bytes': String(8 * 1024 * 1024) };

/** How long every inbound event stays in the log as it arrived, before compaction may remove it: 7 days. */
export const INBOUND_RAW_TAIL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The retention of `whdb.inbound.<service_name>` (docs/topics.md#retention-of-the-inbound-topics):
 * compacted by key (`<opaque_id>:<remote key>`), so the newest event of every resource is kept for
 * ever and a table can be rebuilt from the log (docs/behaviour/rebuild.md), while
 * `min.compaction.lag.ms` keeps every event of the last `INBOUND_RAW_TAIL_MS` as it arrived (the
 * raw tail: replays, audits, out-of-order deliveries). Not `compact,delete`: that would also delete
 * the newest event of a resource that has not changed for `retention.ms`.
 */
export const INBOUND_TOPIC_CONFIGS: Readonly<Record<string, string>> = {
  'cleanup.policy': 'compact',
  'min.compaction.lag.ms': String(INBOUND_RAW_TAIL_MS),
};

const INBOUND_TOPIC = /^whdb\.inbound\.[a-z0-9_]+$/;

/** The configs a topic is created with: the defaults, the inbound topics' retention, then the spec's own. */
export function topicConfigsFor(topic: TopicSpec): Record<string, string> {
  return { ...DEFAULT_TOPIC_CONFIGS, ...(INBOUND_TOPIC.test(topic.name) ? INBOUND_TOPIC_CONFIGS : {}), ...topic.configs };
}
const LEADER_POLL_MS = 100;

async function withAdmin<T>(
  settings: KafkaSettings,
  logger: Logger,
  what: string,
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = createKafkaClient(settings, logger).admin();
  try {
    await admin.connect();
    return await work(admin);
  } catch (error) {
    throw toKafkaAppError(error, what);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function allLeadersElected(admin: Admin, names: string[]): Promise<boolean> {
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: names });
    return (
      topics.length === names.length &&
      topics.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0))
    );
  } catch {
    return false; // metadata of a topic just created may not have propagated yet
  }
}

/**
 * Creates the topics that do not exist yet and waits until every listed topic has a leader for each
 * partition. Idempotent: existing topics are left as they are (their partition count and configs are
 * not changed). Returns the names it created.
 */
export async function ensureTopics(
  settings: KafkaSettings,
  logger: Logger,
  topics: readonly TopicSpec[],
  options: AdminOptions = {},
): Promise<string[]> {
  const names = [...new Set(topics.map((topic) => assertTopicName(topic.name)))];
  if (names.length === 0) return [];
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return withAdmin(settings, logger, 'Ensuring Kafka topics', async (admin) => {
    const existing = new Set(await admin.listTopics());
    const firstOfName = (topic: TopicSpec, index: number) => topics.findIndex((t) => t.name === topic.name) === index;
    const missing = topics.filter((topic, index) => !existing.has(topic.name) && firstOfName(topic, index));
    if (missing.length > 0) {
      // Returns false when another process created them first; that is fine.
      await admin.createTopics({
        waitForLeaders: true,
        timeout: Math.max(1000, deadline - Date.now()),
        topics: missing.map((topic) => ({
          topic: topic.name,
          numPartitions: topic.partitions ?? -1,
          replicationFactor: topic.replicationFactor ?? -1,
          configEntries: Object.entries(topicConfigsFor(topic)).map(([name, value]) => ({ name, value })),
        })),
      });
      logger.info('Created Kafka topics', { topics: missing.map((topic) => topic.name) });
    }
    while (!(await allLeadersElected(admin, names))) {
      if (Date.now() >= deadline) {
        throw new AppError('kafka_unavailable', 'Kafka topics have no leader yet', { topics: names });
      }
      await sleep(LEADER_POLL_MS);
    }
    return missing.map((topic) => topic.name);
  });
}

/** Deletes topics (tests, tooling); topics that do not exist are ignored. */
export async function deleteTopics(
  settings: KafkaSettings,
  logger: Logger,
  names: readonly string[],
  options: AdminOptions = {},
): Promise<void> {
  if (names.length === 0) return;
  await withAdmin(settings, logger, 'Deleting Kafka topics', async (admin) => {
    const existing = new Set(await admin.listTopics());
    const present = names.filter((name) => existing.has(name));
    if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  });
}

/**
 * Commits a consumer group's offsets at the current end of `topic`, so the group, started next,
 * reads only what is published from now on (tests that watch a long-lived topic; tooling). The group
 * must have no active member. Returns false when the topic does not exist yet (nothing to skip).
 */
export async function positionGroupAtEnd(settings: KafkaSettings, logger: Logger, groupId: string, topic: string): Promise<boolean> {
  return withAdmin(settings, logger, 'Positioning a consumer group', async (admin) => {
    if (!(await admin.listTopics()).includes(topic)) return false;
    const ends = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({ groupId, topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
    return true;
  });
}
