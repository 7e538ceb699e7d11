import { Logger } from '@whdb/core';
import { LogEntry, logCreator, logLevel } from 'kafkajs';

/**
 * Fields of kafkajs log entries that are safe to forward. Everything else is dropped: at debug
 * level kafkajs attaches decoded protocol payloads (`data`, `payload`), which may hold message values.
 */
const SAFE_FIELDS = [
  'broker',
  'clientId',
  'groupId',
  'memberId',
  'generationId',
  'leaderId',
  'isLeader',
  'topic',
  'partition',
  'offset',
  'nodeId',
  'correlationId',
  'retryCount',
  'retryTime',
  'error',
  'stack',
  'duration',
  'restart',
] as const;

/** kafkajs messages about choices we made on purpose; forwarded at debug level only. */
const EXPECTED_WARNINGS = [
  // We keep the default (Java-compatible murmur2) partitioner; see kafka-client-factory.ts.
  'KafkaJS v2.0.0 switched default partitioner',
  // The publisher bounds retries so that ingress can answer 503 in time, and replaces its producer
  // after any failed send (fresh producer id), so a limited retry cannot reuse a sequence number.
  'Limiting retries for the idempotent producer',
];

function safeFields(entry: LogEntry): Record<string, unknown> {
  const log = entry.log as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = { kafka_namespace: entry.namespace };
  for (const name of SAFE_FIELDS) {
    const value = log[name];
    if (value === undefined) continue;
    fields[`kafka_${name}`] = value instanceof Error ? value.message : value;
  }
  return fields;
}

/** A kafkajs `logCreator` writing into our `Logger` (structured fields, no message payloads). */
export function kafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () => (entry: LogEntry) => {
    const message = String(entry.log.message ?? '');
    const fields = safeFields(entry);
    if (EXPECTED_WARNINGS.some((prefix) => message.startsWith(prefix))) {
      kafkaLogger.debug(message, fields);
      return;
    }
    switch (entry.level) {
      case logLevel.ERROR:
        kafkaLogger.error(message, fields);
        return;
      case logLevel.WARN:
        kafkaLogger.warn(message, fields);
        return;
      case logLevel.INFO:
        kafkaLogger.info(message, fields);
        return;
      default:
        kafkaLogger.debug(message, fields);
    }
  };
}
