import { Column, DataKey, dataKeyOf } from './column';
import { ResourceShapeError } from '../errors/app-error';
import { isJsonObject, JsonObject } from '../json/json';

function dig(source: unknown, key: DataKey, optional: boolean, what: string): unknown {
  const path = typeof key === 'string' ? [key] : key;
  let current: unknown = source;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length || step < -current.length) {
        if (optional) return null;
        throw new ResourceShapeError(`index ${step} out of range in ${what}`, { path });
      }
      current = current.at(step);
    } else {
      if (!isJsonObject(current) || !(step in current)) {
        if (optional) return null;
        throw new ResourceShapeError(`key not found: '${step}' in ${what}`, { path });
      }
      current = current[step];
    }
    if (current === null || current === undefined) return null;
  }
  return current;
}

export interface ExtractionSource {
  resource: JsonObject;
  event?: JsonObject | null;
  enrichment?: JsonObject | null;
}

/**
 * Computes one column's value from a resource (docs/behaviour/replicator-framework.md#extraction):
 * event key when an event exists, then the data key on the resource (or enrichment), then the
 * defaulter for null, then the converter.
 */
export function extractColumnValue(col: Column, source: ExtractionSource, now: Date): unknown {
  let raw: unknown;
  if (source.event && col.eventKey !== undefined) {
    raw = dig(source.event, col.eventKey, false, `event for column ${col.name}`);
  } else if (col.fromEnrichment) {
    raw = dig(source.enrichment ?? {}, dataKeyOf(col), col.optional ?? false, `enrichment for column ${col.name}`);
  } else {
    raw = dig(source.resource, dataKeyOf(col), col.optional ?? false, `resource for column ${col.name}`);
  }
  if ((raw === null || raw === undefined) && col.defaulter) raw = col.defaulter.value(now);
  const converted = col.converter ? col.converter.convert(raw ?? null) : raw;
  return converted === undefined ? null : converted;
}
