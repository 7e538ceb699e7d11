import { AppError, EventMetadata } from '@whdb/core';
import { decodeEventMetadata } from '@whdb/core';

/** One message handed to a consumer handler. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offsets are 64-bit: kept as a decimal string. */
  readonly offset: string;
  readonly key: string | null;
  /** The raw value; never log it (it may hold secrets or personal data). */
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** CloudEvents metadata from the headers (fields absent when the headers are). */
  readonly metadata: Partial<EventMetadata>;
  /** The value parsed as JSON; throws `MessageDecodeError` (not retriable: the message goes to the DLQ). */
  json<T>(): T;
}

/** The value of a message is not JSON. Not retriable: the consumer runner dead-letters the message. */
export class MessageDecodeError extends AppError {
  constructor(message: string, details: Record<string, unknown>, cause?: unknown) {
    super('invalid_input', message, details, { cause, retriable: false });
    this.name = 'MessageDecodeError';
  }
}

/** Header values as kafkajs (and its Confluent-compatible twin) deliver them. */
export type RawHeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Flattens client headers to strings (UTF-8); of a repeated header, the last value wins. */
export function normalizeHeaders(headers: Readonly<Record<string, RawHeaderValue>> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined || value === null) continue;
    result[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return result;
}

/** The parts of a fetched Kafka record we use. */
export interface RawConsumedRecord {
  readonly offset: string;
  readonly key: Buffer | string | null | undefined;
  readonly value: Buffer | null | undefined;
  readonly headers?: Readonly<Record<string, RawHeaderValue>>;
}

export function toConsumedMessage(topic: string, partition: number, record: RawConsumedRecord): ConsumedMessage {
  const headers = normalizeHeaders(record.headers);
  const rawKey = record.key ?? null;
  const key = Buffer.isBuffer(rawKey) ? rawKey.toString('utf8') : rawKey;
  const value = record.value ?? null;
  let parsed: { value: unknown } | undefined;
  return {
    topic,
    partition,
    offset: record.offset,
    key,
    value,
    headers,
    metadata: decodeEventMetadata(headers),
    json<T>(): T {
      if (parsed === undefined) {
        const where = { topic, partition, offset: record.offset, key };
        if (value === null) throw new MessageDecodeError('Message has no value (tombstone)', where);
        try {
          parsed = { value: JSON.parse(value.toString('utf8')) };
        } catch (error) {
          throw new MessageDecodeError('Message value is not valid JSON', where, error);
        }
      }
      return parsed.value as T;
    },
  };
}
