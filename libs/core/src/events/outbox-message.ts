import { AppError } from '../errors/app-error';

/**
 * A Kafka message recorded in the outbox, in the transaction that made the change it describes
 * (docs/architecture.md#row-change-events). `value` is JSON text, published byte for byte, or
 * null for a tombstone (a compacted topic's "forget this key", docs/topics.md#deletes-and-tombstones).
 */
export interface OutboxMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The outbox stores one batch of messages per transaction as text, two lines per message: the
 * envelope `{"t": topic, "k": key, "h": headers}`, then the value exactly as it will be published.
 * JSON never contains a raw newline, so a line is a value; encoding is concatenation, and decoding
 * never re-serializes a value (big numbers keep their digits). A tombstone's value is an empty
 * line (JSON is never empty).
 */
export function encodeOutboxBatch(messages: readonly OutboxMessage[]): string {
  let text = '';
  for (const message of messages) {
    if (text !== '') text += '\n';
    text += `{"t":${JSON.stringify(message.topic)},"k":${JSON.stringify(message.key)},"h":${JSON.stringify(message.headers)}}\n${message.value ?? ''}`;
  }
  return text;
}

interface Envelope {
  t?: unknown;
  k?: unknown;
  h?: unknown;
}

/** The messages of a stored batch, in order. Throws `invariant_violated` for text it did not write. */
export function decodeOutboxBatch(text: string): OutboxMessage[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.length % 2 !== 0) throw new AppError('invariant_violated', 'an outbox batch has an envelope without a value');
  const messages: OutboxMessage[] = [];
  for (let index = 0; index < lines.length; index += 2) {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(lines[index]!) as Envelope;
    } catch (error) {
      throw new AppError('invariant_violated', `outbox line ${index} is not JSON`, { line: index }, { cause: error });
    }
    const { t, k, h } = envelope;
    if (typeof t !== 'string' || typeof k !== 'string' || typeof h !== 'object' || h === null) {
      throw new AppError('invariant_violated', `outbox line ${index} is not an outbox envelope`, { line: index });
    }
    messages.push({ topic: t, key: k, headers: h as Record<string, string>, value: lines[index + 1]! === '' ? null : lines[index + 1]! });
  }
  return messages;
}
