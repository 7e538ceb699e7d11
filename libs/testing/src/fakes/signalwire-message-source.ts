import { JsonObject } from '@whdb/core';
import { buildSignalwireMessage, TEST_SIGNALWIRE_PROJECT_ID } from '../builders/signalwire-message.builder';

/**
 * A message history served by `FakeSignalwire`, newest first. Generated histories make each
 * message on demand, so a fake can page through 100,000 messages without holding them.
 */
export interface SignalwireMessageSource {
  readonly count: number;
  /** Message number `index` (0 is the newest). */
  at(index: number): JsonObject;
}

export interface GeneratedHistoryOptions {
  readonly count: number;
  /** Time of the newest message (default 2024-05-01T12:00:00Z). */
  readonly newest?: Date;
  /** Seconds between consecutive messages (default 60). */
  readonly spacingSeconds?: number;
  readonly projectId?: string;
  /** Distinguishes the sids of two histories (default `h`). */
  readonly label?: string;
}

/** `count` messages, `spacingSeconds` apart, newest first, each built only when asked for. */
export function generatedSignalwireHistory(options: GeneratedHistoryOptions): SignalwireMessageSource {
  const newest = (options.newest ?? new Date('2024-05-01T12:00:00Z')).getTime();
  const spacingMs = (options.spacingSeconds ?? 60) * 1000;
  const label = options.label ?? 'h';
  const projectId = options.projectId ?? TEST_SIGNALWIRE_PROJECT_ID;
  return {
    count: options.count,
    at(index) {
      const sid = `${label}-${String(index).padStart(8, '0')}-0000-4000-8000-000000000000`;
      return buildSignalwireMessage({ sid, body: `message ${index}` }, new Date(newest - index * spacingMs), projectId);
    },
  };
}
