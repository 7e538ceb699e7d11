import { ColumnType, pgTypeOf } from '../columns/column-type';
import { allColumns, ReplicatorSchema } from '../replicator/replicator-schema';
import { JsonObject } from '../json/json';
import { ROW_CHANGE_CONNECTOR, ROW_CHANGE_OPS } from './row-change-envelope';
import { Topics } from './topics';

/** JSON Schema dialect of the published row schemas. */
export const ROW_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** How a column's value looks in a row image (`to_jsonb` of the stored row), without null. */
function valueSchema(type: ColumnType): JsonObject {
  switch (type) {
    case 'bigint':
    case 'int':
      return { type: 'integer' };
    case 'bigintarray':
    case 'intarray':
      return { type: 'array', items: { type: ['integer', 'null'] } };
    case 'bool':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'decimal':
      return { type: 'number' };
    case 'double':
    case 'float':
      // Postgres renders the special values as strings.
      return { anyOf: [{ type: 'number' }, { enum: ['NaN', 'Infinity', '-Infinity'] }] };
    case 'object':
      return { description: 'any JSON value (jsonb)' };
    case 'text':
      return { type: 'string' };
    case 'textarray':
      return { type: 'array', items: { type: ['string', 'null'] } };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
  }
}

function nullable(schema: JsonObject): JsonObject {
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * The row image (`before`/`after`) of a replicator's table: every column with its Postgres type
 * in `x-postgres-type` (so a consumer can create a matching table), `pk` and `data` always set,
 * the remote key never null, the other columns nullable. `additionalProperties` is allowed: a
 * column added to the replicator later appears in rows before a consumer reloads the schema.
 */
export function rowJsonSchema(schema: ReplicatorSchema): JsonObject {
  const properties: JsonObject = { pk: { type: 'integer', 'x-postgres-type': 'bigint', description: 'the row id in its table' } };
  for (const col of allColumns(schema)) {
    const isKey = col.name === schema.remoteKey.name;
    const value = valueSchema(col.type);
    properties[col.name] = { ...(isKey ? value : nullable(value)), 'x-postgres-type': pgTypeOf(col.type), ...(isKey ? { description: 'the remote key' } : {}) };
  }
  if (schema.storesEnrichment) properties['enrichment'] = { description: 'what the replicator fetched besides the resource (jsonb)', 'x-postgres-type': 'jsonb' };
  properties['data'] = { type: 'object', description: 'the resource as received (jsonb)', 'x-postgres-type': 'jsonb' };
  return {
    type: 'object',
    properties,
    required: ['pk', schema.remoteKey.name, 'data'],
    'x-remote-key': schema.remoteKey.name,
    'x-column-order': ['pk', ...allColumns(schema).map((col) => col.name), ...(schema.storesEnrichment ? ['enrichment'] : []), 'data'],
  };
}

/**
 * The value schema of `whdb.rows.<service_name>` (docs/topics.md#row-schemas): the Debezium
 * envelope (`RowChangeEvent`, row-change-envelope.ts) with the replicator's row in `before` and
 * `after`. Published as docs/schemas/<service_name>.rows.schema.json and by the api
 * (`GET /v1/schemas/rows/<service_name>`).
 */
export function rowChangeJsonSchema(serviceName: string, schema: ReplicatorSchema): JsonObject {
  const rowOrNull: JsonObject = { anyOf: [{ $ref: '#/$defs/row' } as JsonObject, { type: 'null' }] };
  return {
    $schema: ROW_SCHEMA_DIALECT,
    $id: `urn:webhookdb-kafka:schema:rows:${serviceName}`,
    title: `Row change of ${serviceName} (value of ${Topics.rows(serviceName)})`,
    description: 'A Debezium change-event envelope. Key: <opaque_id>:<remote key>. A null value (tombstone) follows every d. See docs/topics.md#row-change-envelope.',
    type: 'object',
    required: ['op', 'before', 'after', 'source', 'ts_ms'],
    properties: {
      op: { enum: [...ROW_CHANGE_OPS], description: 'c insert, u update, d delete, r snapshot read' },
      before: { ...rowOrNull, description: 'the row before the change (u, d); null on c' },
      after: { ...rowOrNull, description: 'the row after the change (c, u, r); null on d' },
      source: {
        type: 'object',
        required: ['version', 'connector', 'service_name', 'opaque_id', 'schema', 'table', 'ts_ms'],
        properties: {
          version: { type: 'string' },
          connector: { const: ROW_CHANGE_CONNECTOR },
          service_name: { const: serviceName },
          opaque_id: { type: 'string', description: 'the integration' },
          schema: { type: 'string' },
          table: { type: 'string' },
          ts_ms: { type: 'integer' },
          lsn: { type: 'integer', description: 'the change position: unique per change, larger for every later change of a row' },
          inbound: {
            type: 'object',
            required: ['topic', 'partition', 'offset'],
            properties: { topic: { type: 'string' }, partition: { type: 'integer' }, offset: { type: 'integer' } },
          },
        },
      },
      ts_ms: { type: 'integer' },
    },
    $defs: { row: rowJsonSchema(schema) },
  };
}
