import { JsonObject } from '../json/json';

/** What the sender knows of an SMS whose send started but whose answer was never recorded. */
export interface InFlightSms {
  readonly from: string;
  readonly to: string;
  readonly body: string;
  /** When the attempt was recorded as started (before the call). */
  readonly startedAt: Date;
  /** Sids already adopted by other sends, never adopted twice. */
  readonly claimedSids?: ReadonlySet<string>;
}

/** Tolerance for clock differences between us and SignalWire. */
export const IN_FLIGHT_CLOCK_SKEW_MS = 60_000;

/**
 * Picks the message an interrupted send created, from SignalWire's list of messages to that number
 * (docs/behaviour/outbound-sender.md#in-flight): same from, to and body, created no earlier than the
 * attempt started (minus clock skew), not already claimed; the oldest such message wins (the list is
 * newest first). Null when none: the SMS was never created, so sending it is safe.
 */
export function findInFlightSms(messages: readonly JsonObject[], attempt: InFlightSms): JsonObject | null {
  const since = attempt.startedAt.getTime() - IN_FLIGHT_CLOCK_SKEW_MS;
  const candidates = messages.filter((message) => {
    const created = Date.parse(String(message['date_created'] ?? ''));
    return (
      message['from'] === attempt.from &&
      message['to'] === attempt.to &&
      String(message['body'] ?? '') === attempt.body &&
      typeof message['sid'] === 'string' &&
      !attempt.claimedSids?.has(message['sid']) &&
      Number.isFinite(created) &&
      created >= since
    );
  });
  return candidates.length === 0 ? null : candidates.reduce((oldest, m) => (Date.parse(String(m['date_created'])) < Date.parse(String(oldest['date_created'])) ? m : oldest));
}
