import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';

let sequence = 0;

/** One Front SignalWire signalwire_message_channel_app as the API returns it, with the fields the `front_signalwire_message_channel_app_v1` schema reads. */
export function buildFrontSignalwireMessageChannelAppV1(overrides: JsonObject = {}): JsonObject {
  sequence += 1;
  return {
    id: `signalwire_message_channel_app_${randomBytes(8).toString('hex')}`,
    object: 'signalwire_message_channel_app',
    name: `Message Channel App ${sequence}`,
    status: 'active',
    amount: 100 * sequence,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-02T00:00:00Z',
    ...overrides,
  };
}

/** The Front SignalWire event envelope `{id, type, created_at, data}` around a signalwire_message_channel_app. */
export function buildFrontSignalwireMessageChannelAppV1Event(resource: JsonObject, type = 'signalwire_message_channel_app.updated', createdAt = '2024-01-02T00:00:00Z'): JsonObject {
  return { id: `evt_${randomBytes(8).toString('hex')}`, type, created_at: createdAt, data: resource };
}
