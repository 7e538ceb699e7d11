import { AppError } from '@whdb/core';

/** How to reach Kafka; built once by the config module from `KAFKA_BROKERS` (docs/configuration.md#every-service). */
export interface KafkaSettings {
  /** Bootstrap servers, `host:port` each. */
  readonly brokers: string[];
  /** Shows up in broker logs and quotas; use the service name (`ingress`, `projector-increase_account_v1`). */
  readonly clientId: string;
  /** TCP connect timeout per broker (default 1000 ms). */
  readonly connectionTimeoutMs?: number;
  /** Timeout of one Kafka request (default 30000 ms; the publisher caps it at its send timeout). */
  readonly requestTimeoutMs?: number;
}

const HOST_PORT = /^(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?<port>\d{1,5})$/;

/** Parses `"h1:9092, h2:9092"` into `["h1:9092", "h2:9092"]`; throws `config_invalid` on a bad entry. */
export function parseBrokers(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) {
    throw new AppError('config_invalid', 'KAFKA_BROKERS lists no broker (expected host:port[,host:port...])');
  }
  for (const entry of entries) {
    const port = Number(HOST_PORT.exec(entry)?.groups?.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new AppError('config_invalid', `KAFKA_BROKERS entry ${JSON.stringify(entry)} is not host:port`, {
        entry,
      });
    }
  }
  return entries;
}
