import { AppError, EventMetadata } from '@whdb/core';
import { encodeEventHeaders } from '@whdb/core';

/** An event to publish: the value is serialized as JSON, the metadata as CloudEvents headers. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  /** Any JSON-serializable value. */
  readonly value: unknown;
  readonly metadata: EventMetadata;
  /** Extra headers; they cannot override the CloudEvents headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A message passed through byte for byte (dead-lettering, redrive). */
export interface RawOutgoingMessage {
  readonly topic: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
}

/** Serializes an event; throws `invalid_input` if the value is not JSON-serializable. */
export function encodeOutgoingMessage(message: OutgoingMessage): RawOutgoingMessage {
  const notSerializable = (cause?: unknown) =>
    new AppError('invalid_input', 'Message value is not JSON-serializable', { topic: message.topic, key: message.key }, { cause });
  let json: string | undefined;
  try {
    json = JSON.stringify(message.value);
  } catch (error) {
    throw notSerializable(error);
  }
  if (json === undefined) throw notSerializable();
  return {
    topic: message.topic,
    key: message.key,
    value: Buffer.from(json, 'utf8'),
    headers: { ...message.headers, ...encodeEventHeaders(message.metadata) },
  };
}

/** Groups messages by topic, keeping their order within each topic (one entry per topic for sendBatch). */
export function groupByTopic(messages: readonly RawOutgoingMessage[]): { topic: string; messages: RawOutgoingMessage[] }[] {
  const byTopic = new Map<string, RawOutgoingMessage[]>();
  for (const message of messages) {
    const list = byTopic.get(message.topic);
    if (list) list.push(message);
    else byTopic.set(message.topic, [message]);
  }
  return [...byTopic.entries()].map(([topic, list]) => ({ topic, messages: list }));
}
