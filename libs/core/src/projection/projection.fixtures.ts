import { column } from '../columns/column';
import { ResourceShapeError } from '../errors/app-error';
import { isJsonObject } from '../json/json';
import { defineDescriptor } from '../replicator/descriptor';
import { Replicator } from '../replicator/replicator';
import { defineSchema } from '../replicator/replicator-schema';
import { newerThan } from '../replicator/update-where';

/**
 * A made-up replicator for the projection specs (libs/core cannot use real ones): bodies are an
 * account or an event wrapping one in `data`; only ids containing `account` are kept.
 */
export const accountLikeReplicator: Replicator = {
  descriptor: defineDescriptor({ name: 'widget_account_v1', resourceNameSingular: 'Widget Account', resourceNamePlural: 'Widget Accounts', supportsWebhooks: true, supportsBackfill: false }),
  schema: defineSchema({
    remoteKey: column('widget_id', 'text', { dataKey: 'id' }),
    columns: [column('name', 'text', { optional: true }), column('updated_at', 'timestamp', { dataKey: 'updated_at', optional: true })],
    timestampColumn: 'updated_at',
    updateWhere: newerThan('updated_at'),
  }),
  verifyWebhook: () => ({ status: 202, headers: { 'content-type': 'application/json' }, body: '{"o":"k"}' }),
  resourcesFrom(request) {
    if (!isJsonObject(request.body)) throw new ResourceShapeError('body is not an object');
    const event = isJsonObject(request.body['data']) ? request.body : null;
    const resource = event ? (event['data'] as typeof request.body) : request.body;
    return String(resource['id'] ?? '').includes('account') ? [{ resource, event }] : [];
  },
};
