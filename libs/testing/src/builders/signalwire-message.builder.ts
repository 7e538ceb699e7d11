import { randomUUID } from 'node:crypto';
import { JsonObject } from '@whdb/core';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A time the way SignalWire writes it: RFC 2822 with `+0000`, e.g. `Mon, 13 Aug 2018 21:38:46 +0000`
 * (docs/replicators/signalwire_message_v1.md#provider-api). `toUTCString()` writes `GMT`, so format by hand.
 */
export function signalwireTime(at: Date): string {
  return `${DAYS[at.getUTCDay()]}, ${pad(at.getUTCDate())} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`;
}

export const TEST_SIGNALWIRE_PROJECT_ID = 'b6b3a4a2-5d9f-4c5e-9c49-2b7c1c5d0e11';

/**
 * One SignalWire message as the LaML API returns it (every documented field; SignalWire sids are
 * UUIDs). Override any field; `at` sets all three dates.
 */
export function buildSignalwireMessage(overrides: JsonObject = {}, at: Date = new Date('2024-05-01T12:00:00Z'), projectId = TEST_SIGNALWIRE_PROJECT_ID): JsonObject {
  const sid = typeof overrides['sid'] === 'string' ? overrides['sid'] : randomUUID();
  const time = signalwireTime(at);
  const uri = `/api/laml/2010-04-01/Accounts/${projectId}/Messages/${sid}.json`;
  return {
    account_sid: projectId,
    api_version: '2010-04-01',
    body: 'Hello from SignalWire',
    num_segments: 1,
    num_media: 0,
    date_created: time,
    date_sent: time,
    date_updated: time,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: '+15551230000',
    to: '+15557650000',
    price: 0.005,
    price_unit: 'USD',
    sid,
    status: 'delivered',
    messaging_service_sid: null,
    uri,
    subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
    ...overrides,
  };
}
