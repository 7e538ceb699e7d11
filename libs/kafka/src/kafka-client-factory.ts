import { Logger } from '@whdb/core';
import { Kafka, logLevel, RetryOptions } from 'kafkajs';
import { installKafkajsIdleTimerFix } from './kafkajs-idle-timer-fix';
import { kafkaLogCreator } from './kafka-log-bridge';
import { KafkaSettings } from './kafka-settings';

const DEFAULT_CONNECTION_TIMEOUT_MS = 1000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface KafkaClientOverrides {
  /** Caps the request timeout (the publisher keeps every request inside its send deadline). */
  readonly maxRequestTimeoutMs?: number;
  /** Retries of cluster-level operations (connecting, metadata). */
  readonly retry?: RetryOptions;
}

/**
 * The one place that builds a kafkajs client. Only options that Confluent's KafkaJS-compatible client
 * also understands are used (brokers, clientId, timeouts, retry, logging): no custom partitioner or
 * assignor anywhere, so swapping the client means changing this file and the adapters around it.
 * It also removes kafkajs' 1 ms timer loop per connection (`installKafkajsIdleTimerFix`).
 */
export function createKafkaClient(settings: KafkaSettings, logger: Logger, overrides: KafkaClientOverrides = {}): Kafka {
  installKafkajsIdleTimerFix();
  const requestTimeout = Math.min(
    settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    overrides.maxRequestTimeoutMs ?? Number.POSITIVE_INFINITY,
  );
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeout,
    retry: overrides.retry ?? { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
    logLevel: logLevel.INFO,
    logCreator: kafkaLogCreator(logger),
  });
}
