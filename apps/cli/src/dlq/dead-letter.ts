/** Shapes of the admin dead-letter api (docs/behaviour/dead-letters.md#api) that the CLI reads. */

export interface DeadLetterTopicSummary {
  readonly topic: string;
  readonly messages: number;
}

export interface DeadLetterBody {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly error: string | null;
  readonly error_code: string | null;
  readonly original_topic: string | null;
  readonly failed_at: string | null;
  readonly correlation_id: string | null;
  readonly redriven_at: string | null;
}

/** `GET /v1/admin/dlq`: the topics. */
export interface DeadLetterTopics {
  readonly topics: readonly DeadLetterTopicSummary[];
}

/** `GET /v1/admin/dlq?topic=`: a page of one topic's messages. */
export interface DeadLetterPage {
  readonly topic: string;
  readonly items: readonly DeadLetterBody[];
  readonly next_cursor: string | null;
}

/** A message of a dead-letter topic: `<partition>:<offset>` on the command line. */
export interface DeadLetterPosition {
  readonly partition: number;
  readonly offset: string;
}

/** `POST /v1/admin/dlq/redrive`. */
export interface RedriveAnswer {
  readonly topic: string;
  readonly original_topic: string;
  readonly redriven: readonly DeadLetterPosition[];
  readonly already_redriven: readonly DeadLetterPosition[];
}
