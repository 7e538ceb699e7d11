import { randomBytes } from 'node:crypto';
import { JsonObject } from '@whdb/core';

let sequence = 0;

/** One SignalWire message as the API returns it, with the fields the `signalwire_message_v1` schema reads. */
export function buildSignalwireMessageV1(overrides: JsonObject = {}): JsonObject {
  sequence += 1;
  return {
    id: `message_${randomBytes(8).toString('hex')}`,
    object: 'message',
    name: `Message ${sequence}`,
    status: 'active',
    amount: 100 * sequence,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-02T00:00:00Z',
    ...overrides,
  };
}

/** The SignalWire event envelope `{id, type, created_at, data}` around a message. */
export function buildSignalwireMessageV1Event(resource: JsonObject, type = 'message.updated', createdAt = '2024-01-02T00:00:00Z'): JsonObject {
  return { id: `evt_${randomBytes(8).toString('hex')}`, type, created_at: createdAt, data: resource };
}
