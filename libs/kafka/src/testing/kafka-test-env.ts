// Helpers for libs/kafka integration specs (not exported from the library).
import { EventMetadata } from '@whdb/core';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { KafkaSettings, parseBrokers } from '../kafka-settings';

/** Brokers of the test Kafka, set by the Jest globalSetup (tools/infra/jest-global-setup.cjs). */
export function testSettings(clientId: string, brokers = process.env.KAFKA_BROKERS): KafkaSettings {
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the integration specs through jest.config.js (globalSetup)');
  return { brokers: parseBrokers(brokers), clientId };
}

/** A name unique to this test run: `<prefix>.<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}

export function testMetadata(id: string, correlationId = `corr-${id}`): EventMetadata {
  return { id, type: 'test.event', source: '/libs/kafka/int-spec', time: new Date().toISOString(), correlationId };
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after timeoutMs. */
export async function eventually<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Milliseconds `operation` took; rethrows nothing: returns the error instead. */
export async function timed<T>(operation: () => Promise<T>): Promise<{ ms: number; result?: T; error?: unknown }> {
  const started = Date.now();
  try {
    const result = await operation();
    return { ms: Date.now() - started, result };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

/** The group's committed offset of one partition ('-1' when none), read with a throwaway admin client. */
export async function committedOffset(
  settings: KafkaSettings,
  groupId: string,
  topic: string,
  partition = 0,
): Promise<string> {
  const client = new Kafka({ clientId: `${settings.clientId}-offsets`, brokers: [...settings.brokers], logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return entry?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
  } finally {
    await admin.disconnect();
  }
}

/** Partition counts of the given topics that exist (missing topics are absent from the result). */
export async function partitionCounts(settings: KafkaSettings, topics: string[]): Promise<Record<string, number>> {
  const client = new Kafka({ clientId: `${settings.clientId}-meta`, brokers: [...settings.brokers], logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length === 0) return {};
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: present });
    return Object.fromEntries(metadata.map((topic) => [topic.name, topic.partitions.length]));
  } finally {
    await admin.disconnect();
  }
}

/** The value of one config of a topic, as the broker describes it. */
export async function topicConfig(settings: KafkaSettings, topic: string, name: string): Promise<string | undefined> {
  const client = new Kafka({ clientId: `${settings.clientId}-config`, brokers: [...settings.brokers], logLevel: logLevel.NOTHING });
  const admin = client.admin();
  await admin.connect();
  try {
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }] });
    return described.resources[0]?.configEntries.find((entry) => entry.configName === name)?.configValue;
  } finally {
    await admin.disconnect();
  }
}
