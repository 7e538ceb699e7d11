import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppError, isJsonObject, isWithinJsonDepth } from '@whdb/core';
import { removeControlSequences } from './clean-string';

/** C0 controls (NUL included) and DEL: never part of an identifier. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** No body the api reads is more than a few levels deep; deeper ones are refused before any work. */
export const MAX_BODY_DEPTH = 32;

function checkIdentifier(name: string, value: unknown): void {
  if (typeof value === 'string' && CONTROL_CHARACTER.test(value)) {
    throw new AppError('invalid_input', `The ${name} in the URL contains control characters.`);
  }
}

/**
 * Runs before validation on every handler argument (docs/bad-input.md):
 * - path parameters (`{org}`, `{sint}`, `{field}`) with a control character are refused with a
 *   400, before any query: no identifier contains one, and Postgres rejects NUL;
 * - bodies nested more than `MAX_BODY_DEPTH` levels are refused with a 400;
 * - string fields of a body lose control sequences (docs/behaviour/integrations-api.md#validation), as DTO fields do with `CleanString`.
 */
@Injectable()
export class RequestInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param') {
      if (metadata.data) checkIdentifier(metadata.data, value);
      else if (isJsonObject(value)) for (const [name, param] of Object.entries(value)) checkIdentifier(name, param);
      return value;
    }
    if (metadata.type !== 'body' || typeof value !== 'object' || value === null) return value;
    if (!isWithinJsonDepth(value, MAX_BODY_DEPTH)) throw new AppError('invalid_input', `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    if (!isJsonObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, typeof field === 'string' ? removeControlSequences(field) : field]));
  }
}
