import { AppError } from '../errors/app-error';
import { EventMetadata } from './envelopes';

/** Header names of the CloudEvents Kafka binary mode plus our correlation id (docs/topics.md#headers-every-message). */
export const EventHeaders = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  correlationId: 'x-correlation-id',
  contentType: 'content-type',
} as const;

export const CLOUD_EVENTS_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

const REQUIRED: readonly (keyof EventMetadata)[] = ['id', 'type', 'source', 'time', 'correlationId'];

/** The headers every message we publish carries. Throws `invalid_input` if a metadata field is empty. */
export function encodeEventHeaders(metadata: EventMetadata): Record<string, string> {
  const missing = REQUIRED.filter((field) => typeof metadata[field] !== 'string' || metadata[field] === '');
  if (missing.length > 0) {
    throw new AppError('invalid_input', `Event metadata lacks ${missing.join(', ')}`, { missing });
  }
  return {
    [EventHeaders.specVersion]: CLOUD_EVENTS_SPEC_VERSION,
    [EventHeaders.id]: metadata.id,
    [EventHeaders.type]: metadata.type,
    [EventHeaders.source]: metadata.source,
    [EventHeaders.time]: metadata.time,
    [EventHeaders.correlationId]: metadata.correlationId,
    [EventHeaders.contentType]: JSON_CONTENT_TYPE,
  };
}

/** The event metadata found in `headers`; absent or empty headers are simply left out. */
export function decodeEventMetadata(headers: Readonly<Record<string, string>>): Partial<EventMetadata> {
  const pick = (name: string): string | undefined => {
    const value = headers[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const metadata: { -readonly [K in keyof EventMetadata]?: string } = {};
  const id = pick(EventHeaders.id);
  const type = pick(EventHeaders.type);
  const source = pick(EventHeaders.source);
  const time = pick(EventHeaders.time);
  const correlationId = pick(EventHeaders.correlationId);
  if (id !== undefined) metadata.id = id;
  if (type !== undefined) metadata.type = type;
  if (source !== undefined) metadata.source = source;
  if (time !== undefined) metadata.time = time;
  if (correlationId !== undefined) metadata.correlationId = correlationId;
  return metadata;
}
