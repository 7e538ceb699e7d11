import { column, CONV_TO_I, CONV_UNIX_TS, defineDescriptor, defineSchema, isJsonObject, newerThan, Replicator, WebhookResponses } from '@whdb/core';
import { itStoresEveryRowItPrepares } from './it-stores-every-row-it-prepares';

// A made-up replicator with a column of every type (docs/behaviour/replicator-framework.md#columns), and converters, to show that
// `prepareRow` lets through only values Postgres stores, whatever the type (docs/bad-input.md).
const schema = defineSchema({
  remoteKey: column('thing_id', 'text', { dataKey: 'id' }),
  columns: [
    column('small', 'int', { optional: true, index: true }),
    column('big', 'bigint', { optional: true }),
    column('small_list', 'intarray', { optional: true }),
    column('big_list', 'bigintarray', { optional: true }),
    column('flag', 'bool', { optional: true }),
    column('day', 'date', { optional: true }),
    column('amount', 'decimal', { optional: true }),
    column('ratio', 'double', { optional: true }),
    column('approx', 'float', { optional: true }),
    column('extra', 'object', { optional: true }),
    column('label', 'text', { optional: true, index: true }),
    column('tags', 'textarray', { optional: true }),
    column('uid', 'uuid', { optional: true }),
    column('count_text', 'int', { optional: true, converter: CONV_TO_I }),
    column('seen_at', 'timestamp', { optional: true, converter: CONV_UNIX_TS }),
    column('updated_at', 'timestamp', { optional: true, eventKey: 'occurred_at' }),
  ],
  timestampColumn: 'updated_at',
  updateWhere: newerThan('updated_at'),
});

const everyTypeReplicator: Replicator = {
  descriptor: defineDescriptor({ name: 'every_type_v1', resourceNameSingular: 'Thing', resourceNamePlural: 'Things', supportsWebhooks: true, supportsBackfill: false }),
  schema,
  verifyWebhook: () => WebhookResponses.ok(),
  resourcesFrom: (request) => (isJsonObject(request.body) ? [{ resource: request.body, event: null }] : null),
};

itStoresEveryRowItPrepares(everyTypeReplicator, {
  resource: {
    id: 'thing_1',
    small: 1,
    big: '9007199254740993',
    small_list: [1, 2],
    big_list: [3],
    flag: true,
    day: '2024-02-29',
    amount: '0.10',
    ratio: 0.5,
    approx: 1.25,
    extra: { a: [1] },
    label: 'a thing',
    tags: ['x', 'y'],
    uid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    count_text: '"42"',
    seen_at: 1700000000,
    updated_at: '2024-01-01T00:00:00Z',
  },
  wrap: (resource) => ({ type: 'thing.updated', occurred_at: '2024-02-01T00:00:00Z', thing: resource }),
  numRuns: 1000,
});
