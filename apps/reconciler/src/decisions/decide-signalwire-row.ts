import { isJsonObject, JsonObject } from '@whdb/core';
import { textOf } from './channel-row';

/** A failed send is announced in Front only while it is this recent (SPEC 15.4). */
export const FAILURE_NOTICE_WINDOW_MS = 4 * 86_400_000;
const FAILED_STATUSES = new Set(['failed', 'undelivered']);
const NOTICE_BODY_PREFIX_CHARS = 26;

/** The inbound Front message that explains a failed SMS (SPEC 15.4 step 1), once per sid ever. */
export interface FailureNotice {
  readonly sid: string;
  /** The customer: the SMS's `to`. */
  readonly sender: string;
  /** The support number: the SMS's `from`. */
  readonly recipient: string;
  readonly externalConversationId: string;
  readonly body: string;
  readonly deliveredAt: number;
}

/** The channel row mirroring an SMS into Front (SPEC 15.4 step 4). */
export interface SmsMirror {
  readonly sid: string;
  readonly direction: 'inbound' | 'outbound';
  /** The customer's number (for the echo guard). */
  readonly customer: string;
  readonly resource: JsonObject;
}

export interface SignalwireRowDecision {
  readonly notice: FailureNotice | null;
  readonly mirror: SmsMirror | null;
}

/**
 * SPEC 15.4 for one changed `signalwire_message_v1` row and one channel whose support number is
 * `support` (E.164, exact string equality; SignalWire's `from`/`to` are E.164 already):
 * - a failed or undelivered SMS from support, updated in the last 4 days, needs a failure notice;
 * - an inbound SMS to support, or an outbound-api SMS from support, needs a channel row (unless the
 *   channel sent it itself: the caller checks the table, docs/behaviour/channel.md#no-echo).
 * `stored` is the row-change `after` (columns and `data`, the SignalWire message). Pure.
 */
export function decideSignalwireRow(stored: JsonObject, support: string, now: Date): SignalwireRowDecision {
  const message = isJsonObject(stored['data']) ? stored['data'] : stored;
  const sid = textOf(message['sid']) ?? textOf(stored['signalwire_id']);
  if (sid === null) return { notice: null, mirror: null };
  const from = textOf(message['from']);
  const to = textOf(message['to']);
  return { notice: failureNotice(message, sid, from, to, support, now), mirror: mirrorOf(message, sid, from, to, support) };
}

function failureNotice(message: JsonObject, sid: string, from: string | null, to: string | null, support: string, now: Date): FailureNotice | null {
  const updated = typeof message['date_updated'] === 'string' ? Date.parse(message['date_updated']) : NaN;
  if (Number.isNaN(updated) || updated <= now.getTime() - FAILURE_NOTICE_WINDOW_MS) return null;
  if (!FAILED_STATUSES.has(String(message['status'])) || from !== support || to === null) return null;
  const code = message['error_code'] ?? null;
  const detail = message['error_message'] ?? null;
  const text = typeof message['body'] === 'string' ? message['body'] : '';
  return {
    sid,
    sender: to,
    recipient: from,
    externalConversationId: to,
    body: `SMS failed to send. Error (${code === null || code === '' ? '-' : String(code)}): ${detail === null || detail === '' ? '-' : String(detail)}\n${text.slice(0, NOTICE_BODY_PREFIX_CHARS)}`,
    deliveredAt: Math.floor(now.getTime() / 1000),
  };
}

function mirrorOf(message: JsonObject, sid: string, from: string | null, to: string | null, support: string): SmsMirror | null {
  const direction = message['direction'];
  const inbound = direction === 'inbound' && to === support;
  const outbound = direction === 'outbound-api' && from === support;
  if (!inbound && !outbound) return null;
  const customer = (inbound ? from : to) ?? '';
  return {
    sid,
    direction: inbound ? 'inbound' : 'outbound',
    customer,
    resource: {
      ...message,
      external_id: sid,
      signalwire_sid: sid,
      sender: from,
      recipient: to,
      external_conversation_id: customer,
      direction: inbound ? 'inbound' : 'outbound',
    },
  };
}
