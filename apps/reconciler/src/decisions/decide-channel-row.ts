import { isJsonObject, JsonObject } from '@whdb/core';
import { SKIPPED_DUE_TO_AGE } from '@whdb/replicators';
import { channelRowBody, e164OrSelf, messageTimeMs, textOf } from './channel-row';

/** What the reconciler knows when it decides (docs/behaviour/channel.md#decisions). */
export interface DecisionClock {
  readonly now: Date;
  /** `FRONT_CHANNEL_SYNC_CUTOFF_SECONDS`: older messages are skipped, never sent. */
  readonly cutoffSeconds: number;
}

/** A Front import to make: the fields of a `front.import_message` command that come from the row. */
export interface ImportDecision {
  readonly kind: 'import';
  readonly direction: 'inbound' | 'outbound';
  readonly externalId: string;
  readonly externalConversationId: string;
  readonly sender: string;
  readonly recipient: string;
  readonly body: string;
  readonly deliveredAt: number;
  readonly signalwireSid: string;
  readonly row: JsonObject;
}

/** An SMS to send: the fields of a `signalwire.send_sms` command that come from the row. */
export interface SendDecision {
  readonly kind: 'send';
  readonly externalId: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly attachments: readonly { id: string; url: string; filename: string; content_type: string }[];
  readonly row: JsonObject;
}

export type ChannelRowDecision =
  | { readonly kind: 'converged' }
  | { readonly kind: 'invalid'; readonly reason: string }
  /** Older than the cutoff: the complete row with the missing id set to `skipped_due_to_age`. */
  | { readonly kind: 'skip'; readonly externalId: string; readonly row: JsonObject }
  | ImportDecision
  | SendDecision;

function olderThanCutoff(timeMs: number | null, clock: DecisionClock): boolean {
  // A row that does not say when it happened is judged fresh: it just arrived (docs/behaviour/channel.md#cutoff).
  return timeMs !== null && timeMs < clock.now.getTime() - clock.cutoffSeconds * 1000;
}

function attachmentsOf(row: JsonObject): SendDecision['attachments'] {
  const payload = row['payload'];
  const list = isJsonObject(payload) && Array.isArray(payload['attachments']) ? payload['attachments'] : [];
  return list.filter(isJsonObject).flatMap((a) =>
    typeof a['url'] === 'string' ? [{ id: String(a['id'] ?? ''), url: a['url'], filename: String(a['filename'] ?? 'attachment'), content_type: String(a['content_type'] ?? 'application/octet-stream') }] : [],
  );
}

/**
 * SPEC 15.5 for one channel row (docs/behaviour/channel.md#decisions): both ids set, converged;
 * neither, invalid; no Front id, import the SMS into Front (or skip it when older than the cutoff,
 * by SignalWire's `date_created`); no SignalWire id, send the Front message as an SMS (or skip it,
 * by Front's `payload.created_at`). Pure: the caller publishes.
 */
export function decideChannelRow(stored: JsonObject, clock: DecisionClock): ChannelRowDecision {
  const row = channelRowBody(stored);
  const externalId = textOf(row['external_id']);
  if (externalId === null) return { kind: 'invalid', reason: 'the row has no external_id' };
  const sid = textOf(row['signalwire_sid']);
  const frontId = textOf(row['front_message_id']);
  if (sid !== null && frontId !== null) return { kind: 'converged' };
  if (sid === null && frontId === null) return { kind: 'invalid', reason: 'the row has neither a SignalWire sid nor a Front message id' };
  if (frontId === null) {
    const timeMs = messageTimeMs(row, 'sms');
    if (olderThanCutoff(timeMs, clock)) return { kind: 'skip', externalId, row: { ...row, front_message_id: SKIPPED_DUE_TO_AGE } };
    const direction = row['direction'];
    if (direction !== 'inbound' && direction !== 'outbound') return { kind: 'invalid', reason: `cannot import a message of direction ${JSON.stringify(direction)}` };
    return {
      kind: 'import',
      direction,
      externalId,
      externalConversationId: textOf(row['external_conversation_id']) ?? externalId,
      sender: e164OrSelf(row['sender']),
      recipient: e164OrSelf(row['recipient']),
      body: typeof row['body'] === 'string' ? row['body'] : '',
      deliveredAt: Math.floor((timeMs ?? clock.now.getTime()) / 1000),
      signalwireSid: sid!,
      row,
    };
  }
  if (olderThanCutoff(messageTimeMs(row, 'front'), clock)) return { kind: 'skip', externalId, row: { ...row, signalwire_sid: SKIPPED_DUE_TO_AGE } };
  return {
    kind: 'send',
    externalId,
    from: e164OrSelf(row['sender']),
    to: e164OrSelf(row['recipient']),
    body: typeof row['body'] === 'string' ? row['body'] : '',
    attachments: attachmentsOf(row),
    row,
  };
}
