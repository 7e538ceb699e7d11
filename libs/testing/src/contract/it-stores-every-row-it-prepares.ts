import fc from 'fast-check';
import { dataKeyOf, isAppError, JsonObject, JsonValue, prepareRow, Replicator } from '@whdb/core';
import { hostileJsonValue } from '../fuzz/hostile-json.arbitrary';
import { fuzzParameters } from '../fuzz/fuzz-parameters';
import { useContractDatabase } from './contract-database';

export interface StoresEveryRowItPreparesOptions {
  /** A valid bare resource; fuzzed copies of it are prepared and written. */
  readonly resource: JsonObject;
  /** Wraps a resource in an event, for replicators with event keys (SPEC 6: `event_key`). */
  readonly wrap?: (resource: JsonObject) => JsonObject;
  /** fast-check runs (default 150). */
  readonly numRuns?: number;
}

/** The top-level keys the replicator's columns read from a resource and from an event. */
function fieldsReadBy(replicator: Replicator): { resource: string[]; event: string[] } {
  const columns = [replicator.schema.remoteKey, ...replicator.schema.columns];
  const first = (key: ReturnType<typeof dataKeyOf>): string | null => (typeof key === 'string' ? key : typeof key[0] === 'string' ? key[0] : null);
  const resource = columns.map((col) => first(dataKeyOf(col))).filter((key): key is string => key !== null);
  const event = columns.map((col) => (col.eventKey === undefined ? null : first(col.eventKey))).filter((key): key is string => key !== null);
  return { resource: [...new Set(resource)], event: [...new Set(event)] };
}

/**
 * Beyond SPEC 4 (docs/bad-input.md): whatever values a resource carries, `prepareRow` either
 * refuses it with a final `resource_shape_invalid` error (the ingress answers 400) or gives a row
 * Postgres stores. A prepared row that Postgres then rejects would be acknowledged and lost.
 */
export function itStoresEveryRowItPrepares(replicator: Replicator, options: StoresEveryRowItPreparesOptions): void {
  describe(`${replicator.descriptor.name}: a replicator that stores every row it prepares`, () => {
    const db = useContractDatabase('ct_fuzz');
    const fields = fieldsReadBy(replicator);
    const overrides = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), hostileJsonValue(), { minKeys: 1, maxKeys: Math.min(3, keys.length) });

    it('refuses a hostile resource with a shape error, or stores it (property)', async () => {
      const table = await db.createTable(replicator);
      let stored = 0;
      let refused = 0;
      const sample = fc.record({
        resourceFields: overrides(fields.resource),
        extraFields: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), hostileJsonValue(), { maxKeys: 3 })),
        eventFields: fields.event.length > 0 && options.wrap ? fc.option(overrides(fields.event)) : fc.constant(null),
      });
      await fc.assert(
        fc.asyncProperty(sample, async ({ resourceFields, extraFields, eventFields }) => {
          const resource: JsonObject = { ...extraFields, ...options.resource, ...(resourceFields as Record<string, JsonValue>) };
          const event = eventFields && options.wrap ? { ...options.wrap(resource), ...(eventFields as Record<string, JsonValue>) } : null;
          let prepared;
          try {
            prepared = prepareRow(replicator, { resource, event }, new Date());
          } catch (error) {
            if (!isAppError(error) || error.code !== 'resource_shape_invalid' || error.retriable) throw error;
            refused += 1;
            return;
          }
          await db.upsertResources(table, replicator, [{ resource, event }]);
          const [row] = await db.query<Record<string, unknown>[]>(
            `SELECT data FROM "${table.schema}"."${table.table}" WHERE "${replicator.schema.remoteKey.name}" = $1`,
            [prepared.remoteKey],
          );
          expect(row?.['data']).toBeInstanceOf(Object);
          stored += 1;
        }),
        fuzzParameters(options.numRuns ?? 150),
      );
      // Both outcomes must occur, or the property says nothing about one of them.
      expect(stored).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    });
  });
}
