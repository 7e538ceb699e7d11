import { usageError } from '../errors/cli-error';
import { DeadLetterPosition } from './dead-letter';

/** Page size of `GET /v1/admin/dlq?topic=` and most messages per redrive (docs/behaviour/dead-letters.md#api). */
export const MAX_DLQ_PAGE = 500;

/** A dead-letter topic (`<topic>.dlq`); the topic it belongs to is named back when given instead. */
export function parseDlqTopic(text: string): string {
  const topic = text.trim();
  if (/^[A-Za-z0-9._-]{1,245}\.dlq$/.test(topic)) return topic;
  if (/^[A-Za-z0-9._-]{1,245}$/.test(topic)) throw usageError(`"${topic}" is not a dead-letter topic; its dead letters are in ${topic}.dlq.`);
  throw usageError(`"${topic}" is not a dead-letter topic (<topic>.dlq).`);
}

export function parseDlqLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_DLQ_PAGE) throw usageError(`--limit must be a whole number from 1 to ${MAX_DLQ_PAGE}.`);
  return Number(text);
}

/** `<partition>:<offset>`, the form of positions and cursors. */
function parsePosition(text: string): DeadLetterPosition | undefined {
  const match = /^(\d{1,5}):(\d{1,19})$/.exec(text.trim());
  return match ? { partition: Number(match[1]), offset: String(BigInt(match[2]!)) } : undefined;
}

export function parseDlqCursor(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!parsePosition(text)) throw usageError('--cursor must be the next page cursor printed by the previous page (<partition>:<offset>).');
  return text.trim();
}

/** The messages to redrive, once each. */
export function parsePositions(texts: readonly string[]): DeadLetterPosition[] {
  const positions = new Map<string, DeadLetterPosition>();
  for (const text of texts) {
    const position = parsePosition(text);
    if (!position) throw usageError(`"${text}" is not a message position: give <partition>:<offset>, as whdb dlq list shows them (e.g. 0:120).`);
    positions.set(formatPosition(position), position);
  }
  if (positions.size > MAX_DLQ_PAGE) throw usageError(`At most ${MAX_DLQ_PAGE} messages per redrive; ${positions.size} were given. Use --all for the whole topic.`);
  return [...positions.values()];
}

export function formatPosition(position: DeadLetterPosition): string {
  return `${position.partition}:${position.offset}`;
}
