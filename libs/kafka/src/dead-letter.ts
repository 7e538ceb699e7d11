import { isAppError } from '@whdb/core';
import { ConsumedMessage } from './consumed-message';
import { RawOutgoingMessage } from './outgoing-message';
import { Topics } from '@whdb/core';

/** Headers added to a dead-lettered message (`<topic>.dlq`, docs/topics.md#dead-letter-topics). */
export const DeadLetterHeaders = {
  error: 'x-dlq-error',
  errorCode: 'x-dlq-error-code',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  failedAt: 'x-dlq-failed-at',
} as const;

/** Error code recorded for failures that are not AppErrors (bugs, unexpected exceptions). */
export const UNKNOWN_ERROR_CODE = 'unknown';
export const MAX_DLQ_ERROR_LENGTH = 1000;

export function errorCodeOf(error: unknown): string {
  return isAppError(error) ? error.code : UNKNOWN_ERROR_CODE;
}

export function errorMessageOf(error: unknown, maxLength = MAX_DLQ_ERROR_LENGTH): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/** The message to publish to `<topic>.dlq`: original key, value and headers, plus the `x-dlq-*` headers. */
export function buildDeadLetterMessage(message: ConsumedMessage, error: unknown, failedAt: Date): RawOutgoingMessage {
  return {
    topic: Topics.dlq(message.topic),
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DeadLetterHeaders.error]: errorMessageOf(error),
      [DeadLetterHeaders.errorCode]: errorCodeOf(error),
      [DeadLetterHeaders.originalTopic]: message.topic,
      [DeadLetterHeaders.originalPartition]: String(message.partition),
      [DeadLetterHeaders.originalOffset]: message.offset,
      [DeadLetterHeaders.failedAt]: failedAt.toISOString(),
    },
  };
}
