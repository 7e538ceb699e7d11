import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** A DTO class (its constructor). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DtoClass = abstract new (...args: any[]) => unknown;

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it). */
export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a DTO class, read from its class-validator decorators (the same metadata the
 * validation pipe enforces, so the document cannot drift from what the api accepts;
 * docs/api.md#openapi). Nested DTOs (`@ValidateNested` + `@Type`) become `$ref`s registered in
 * `components`.
 */
export function dtoSchema(dto: DtoClass, components: Record<string, JsonSchema>): JsonSchema {
  const ref = { $ref: `#/components/schemas/${dto.name}` };
  if (components[dto.name]) return ref;
  components[dto.name] = {};
  const properties: Record<string, JsonSchema> = {};
  const optional = new Set<string>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const property = (properties[meta.propertyName] ??= {});
    if (meta.type === ValidationTypes.CONDITIONAL_VALIDATION) optional.add(meta.propertyName);
    if (meta.type === ValidationTypes.NESTED_VALIDATION) {
      const nested = defaultMetadataStorage.findTypeMetadata(dto, meta.propertyName)?.typeFunction();
      if (typeof nested === 'function') {
        const schema = dtoSchema(nested as DtoClass, components);
        if (meta.each) property['items'] = schema;
        else Object.assign(property, schema);
      }
    }
    applyConstraint(meta.each ? ((property['items'] as JsonSchema | undefined) ?? (property['items'] = {})) : property, meta.name ?? '', meta.constraints ?? []);
    if (meta.each && property['type'] === undefined) property['type'] = 'array';
  }
  const required = Object.keys(properties).filter((name) => !optional.has(name));
  components[dto.name] = { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: true };
  return ref;
}

function applyConstraint(schema: JsonSchema, name: string, constraints: readonly unknown[]): void {
  switch (name) {
    case 'isString':
      schema['type'] = 'string';
      break;
    case 'isInt':
      schema['type'] = 'integer';
      break;
    case 'isBoolean':
      schema['type'] = 'boolean';
      break;
    case 'isArray':
      schema['type'] = 'array';
      break;
    case 'isIn':
      schema['enum'] = [...(constraints[0] as unknown[])];
      break;
    case 'min':
      schema['minimum'] = constraints[0];
      break;
    case 'max':
      schema['maximum'] = constraints[0];
      break;
    case 'isLength':
      schema['type'] ??= 'string';
      if (typeof constraints[0] === 'number') schema['minLength'] = constraints[0];
      if (typeof constraints[1] === 'number') schema['maxLength'] = constraints[1];
      break;
    case 'matches':
      schema['type'] ??= 'string';
      schema['pattern'] = constraints[0] instanceof RegExp ? constraints[0].source : String(constraints[0]);
      break;
    case 'isIso8601':
      schema['type'] = 'string';
      schema['format'] = 'date-time';
      break;
    case 'arrayMinSize':
      schema['minItems'] = constraints[0];
      break;
    case 'arrayMaxSize':
      schema['maxItems'] = constraints[0];
      break;
    default:
      break;
  }
}
