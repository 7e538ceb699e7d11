import { isJsonObject, OutboundCommand, ResourceShapeError } from '@whdb/core';

const isString = (value: unknown): value is string => typeof value === 'string';
const isRef = (value: unknown): boolean => isJsonObject(value) && isString(value['opaque_id']) && isString(value['service_name']) && typeof value['organization_id'] === 'number';

/**
 * Checks a `whdb.commands.outbound` value against the pinned command types (libs/core
 * outbound-commands.ts). A malformed command can never succeed: `ResourceShapeError` (final), which
 * the consumer host dead-letters.
 */
export function parseOutboundCommand(value: unknown): OutboundCommand {
  if (!isJsonObject(value)) throw new ResourceShapeError('An outbound command is a JSON object');
  const common = ['id', 'correlation_id', 'idempotency_key', 'external_id'].every((name) => isString(value[name]) && value[name] !== '');
  if (!common || !isRef(value['channel']) || !isRef(value['signalwire'])) throw new ResourceShapeError('An outbound command needs id, correlation_id, idempotency_key, external_id, channel and signalwire', { type: value['type'] });
  switch (value['type']) {
    case 'signalwire.send_sms':
      if (!isString(value['from']) || !isString(value['to']) || !isString(value['body']) || !Array.isArray(value['attachments']) || !isJsonObject(value['row'])) {
        throw new ResourceShapeError('signalwire.send_sms needs from, to, body, attachments and row', { idempotency_key: value['idempotency_key'] });
      }
      return value as unknown as OutboundCommand;
    case 'front.import_message':
      if (
        (value['direction'] !== 'inbound' && value['direction'] !== 'outbound') ||
        !isString(value['channel_id']) ||
        !isString(value['external_conversation_id']) ||
        !isString(value['sender']) ||
        !isString(value['recipient']) ||
        !isString(value['body']) ||
        typeof value['delivered_at'] !== 'number' ||
        (value['row'] !== null && !isJsonObject(value['row']))
      ) {
        throw new ResourceShapeError('front.import_message needs direction, channel_id, external_conversation_id, sender, recipient, body, delivered_at and row', { idempotency_key: value['idempotency_key'] });
      }
      return value as unknown as OutboundCommand;
    default:
      throw new ResourceShapeError('Unknown outbound command type', { type: value['type'] });
  }
}
