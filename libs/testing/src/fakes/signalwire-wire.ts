import { JsonObject } from '@whdb/core';
import { FakeReply } from './fake-http-server';

const MORE_INFO = 'https://developer.signalwire.com/compatibility-api/reference/error-codes';

/** SignalWire's error body `{code, message, more_info, status}` (docs/replicators/signalwire_message_v1.md#provider-api). */
export function signalwireError(status: number, code: number, message: string, headers?: Record<string, string>): FakeReply {
  return { status, body: { code, message, more_info: MORE_INFO, status }, headers };
}

/** `YYYY-MM-DD` (UTC) of a message's sent date (its creation date while unsent), for the `DateSent` filters. */
export function sentDay(message: JsonObject): string {
  const raw = message['date_sent'] ?? message['date_created'];
  const time = typeof raw === 'string' ? new Date(raw) : new Date(0);
  return Number.isNaN(time.getTime()) ? '1970-01-01' : time.toISOString().slice(0, 10);
}
