// Public API of @whdb/kafka: the only library that talks to Kafka (kafkajs stays behind it).
// The topic catalog and CloudEvents headers are pure naming rules: they live in @whdb/core and are
// re-exported here for the services that publish and consume.
export { assertServiceName, assertTopicName, ConsumerGroups, Topics } from '@whdb/core';
export { parseBrokers } from './kafka-settings';
export type { KafkaSettings } from './kafka-settings';
export { CLOUD_EVENTS_SPEC_VERSION, decodeEventMetadata, encodeEventHeaders, EventHeaders, JSON_CONTENT_TYPE } from '@whdb/core';
export type { OutgoingMessage, RawOutgoingMessage } from './outgoing-message';
export { KafkaPublisher } from './kafka-publisher';
export type { KafkaPublisherOptions } from './kafka-publisher';
export { MessageDecodeError, toConsumedMessage } from './consumed-message';
export type { ConsumedMessage, RawConsumedRecord, RawHeaderValue } from './consumed-message';
export { DeadLetterHeaders, UNKNOWN_ERROR_CODE } from './dead-letter';
export { DEFAULT_RETRY_POLICY } from './failure-policy';
export type { RetryPolicy } from './failure-policy';
export type { BackoffPolicy } from './backoff';
export type { MessageBatchHandler } from './batch-processor';
export type { ConsumerRunnerObserver, ConsumerRunnerStats } from './consumer-runner-stats';
export { ConsumerRunner } from './consumer-runner';
export { inMessageSpan, traceContextOf } from './message-trace';
export type { ConsumerRunnerOptions } from './consumer-runner';
export { DEFAULT_TOPIC_CONFIGS, deleteTopics, ensureTopics, INBOUND_RAW_TAIL_MS, INBOUND_TOPIC_CONFIGS, positionGroupAtEnd, topicConfigsFor } from './kafka-admin';
export type { AdminOptions, TopicSpec } from './kafka-admin';
export { fetchTopicOffsets, listDeadLetterTopics, readOffsetRanges } from './topic-reader';
export type { OffsetRange, PartitionOffsets, TopicOffsets } from './topic-reader';
export { LogScanner } from './log-scanner';
export type { LogScannerOptions, PartitionPositions, ScannedBatch } from './log-scanner';
export { scanTopicToEnd } from './topic-scan';
export type { TopicScanOptions, TopicScanResult } from './topic-scan';
export { ConsumerLag } from './consumer-group-lag';
