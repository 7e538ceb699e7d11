import { oneLine } from '../errors/one-line';
import { renderTable } from '../output/render-table';
import { DeadLetterBody, DeadLetterTopicSummary, RedriveAnswer } from './dead-letter';
import { formatPosition } from './dlq-arguments';

const ERROR_WIDTH = 80;

export function renderTopics(topics: readonly DeadLetterTopicSummary[]): string {
  if (topics.length === 0) return 'No dead-letter topics.';
  return renderTable(['TOPIC', 'MESSAGES'], topics.map((topic) => [topic.topic, String(topic.messages)]));
}

function shortError(error: string | null): string {
  const line = oneLine(error ?? '');
  return line.length > ERROR_WIDTH ? `${line.slice(0, ERROR_WIDTH - 3)}...` : line;
}

export function deadLetterRow(item: DeadLetterBody): string[] {
  return [formatPosition(item), item.key ?? '', item.error_code ?? '', item.failed_at ?? '', item.redriven_at ?? '-', shortError(item.error)];
}

export function renderDeadLetters(items: readonly DeadLetterBody[]): string {
  return renderTable(['POSITION', 'KEY', 'ERROR CODE', 'FAILED AT', 'REDRIVEN', 'ERROR'], items.map(deadLetterRow));
}

/** What a redrive did, in one or two lines. */
export function describeRedrive(answer: RedriveAnswer): string {
  const list = (positions: RedriveAnswer['redriven']) => positions.map(formatPosition).join(', ');
  const lines = [
    answer.redriven.length
      ? `Redrove ${answer.redriven.length} ${answer.redriven.length === 1 ? 'message' : 'messages'} of ${answer.topic} to ${answer.original_topic}: ${list(answer.redriven)}.`
      : `Redrove nothing new from ${answer.topic}.`,
  ];
  if (answer.already_redriven.length) lines.push(`Already redriven before, not published again: ${list(answer.already_redriven)}.`);
  return lines.join('\n');
}
