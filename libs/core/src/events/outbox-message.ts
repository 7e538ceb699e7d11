import { AppError } from '../errors/app-error';

/**
 * A Kafka message recorded in the outbox, in the transaction that made the change it describes
 * (docs/architecture.md#row-change-events). `value` is JSON text, published byte for byte.
 */
export interface OutboxMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The outbox stores one batch of messages per transaction as text: one JSON object per line,
 * `{"t": topic, "k": key, "h": headers, "v": <value>}`, with the value embedded as JSON (not as an
 * escaped string), so encoding is string concatenation. JSON never contains a raw newline.
 */
export function encodeOutboxBatch(messages: readonly OutboxMessage[]): string {
  let text = '';
  for (const message of messages) {
    if (text !== '') text += '\n';
    text += `{"t":${JSON.stringify(message.topic)},"k":${JSON.stringify(message.key)},"h":${JSON.stringify(message.headers)},"v":${message.value}}`;
  }
  return text;
}

interface EncodedLine {
  t?: unknown;
  k?: unknown;
  h?: unknown;
  v?: unknown;
}

/** The messages of a stored batch, in order. Throws `invariant_violated` for text it did not write. */
export function decodeOutboxBatch(text: string): OutboxMessage[] {
  if (text === '') return [];
  return text.split('\n').map((line, index) => {
    let parsed: EncodedLine;
    try {
      parsed = JSON.parse(line) as EncodedLine;
    } catch (error) {
      throw new AppError('invariant_violated', `outbox line ${index} is not JSON`, { line: index }, { cause: error });
    }
    const { t, k, h, v } = parsed;
    if (typeof t !== 'string' || typeof k !== 'string' || typeof h !== 'object' || h === null || v === undefined) {
      throw new AppError('invariant_violated', `outbox line ${index} is not an outbox message`, { line: index });
    }
    return { topic: t, key: k, headers: h as Record<string, string>, value: JSON.stringify(v) };
  });
}
