import { RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DtoClass, dtoSchema, JsonSchema } from './dto-schema';

/** The OpenAPI version the document declares. */
export const OPENAPI_VERSION = '3.1.0';

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['status', 'message', 'code'],
      properties: { status: { type: 'integer' }, message: { type: 'string' }, code: { type: 'string' } },
    },
  },
};

interface RouteArgument {
  readonly index: number;
  readonly data?: unknown;
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

function joinPath(...parts: string[]): string {
  const joined = `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  return joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The api's OpenAPI 3.1 document, built from the controllers Nest registered (route metadata,
 * guards, `@Body`/`@Query` DTOs and their class-validator rules; docs/api.md#openapi): nothing in
 * it is written by hand, so a route cannot be missing from it.
 */
export function buildOpenApiDocument(controllers: readonly Type[], info: { title: string; version: string; description?: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  for (const controller of [...controllers].sort((a, b) => a.name.localeCompare(b.name))) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const guarded = (Reflect.getMetadata(GUARDS_METADATA, controller) ?? []).length > 0;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const verb = method === undefined ? undefined : METHODS[method];
      if (verb === undefined) continue;
      const path = joinPath(base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? ''));
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArgument>;
      const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as DtoClass[];
      const argOf = (kind: RouteParamtypes) => Object.entries(args).find(([key]) => key.split(':')[0] === String(kind))?.[1];
      const parameters: Record<string, unknown>[] = [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
      const query = argOf(RouteParamtypes.QUERY);
      const queryType = query ? types[query.index] : undefined;
      if (queryType && queryType !== Object) {
        const schema = schemas[queryType.name] ?? (dtoSchema(queryType, schemas), schemas[queryType.name]!);
        const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
        const required = new Set((schema['required'] ?? []) as string[]);
        for (const [param, paramSchema] of Object.entries(properties)) parameters.push({ name: param, in: 'query', required: required.has(param), schema: paramSchema });
      }
      const body = argOf(RouteParamtypes.BODY);
      const bodyType = body ? types[body.index] : undefined;
      const operation: Record<string, unknown> = {
        operationId: `${controller.name.replace(/Controller$/, '')}_${name}`,
        tags: [controller.name.replace(/Controller$/, '')],
        parameters,
        ...(body
          ? { requestBody: { required: true, content: { 'application/json': { schema: bodyType && bodyType !== Object ? dtoSchema(bodyType, schemas) : { type: 'object' } } } } }
          : {}),
        responses: {
          '200': { description: 'Success', content: { 'application/json': { schema: { type: 'object' } } } },
          '400': { description: 'Invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          ...(guarded ? { '401': { description: 'Missing or invalid token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } } : {}),
          ...(guarded ? { '403': { description: 'Not allowed, or not found', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } } : {}),
        },
        ...(guarded ? { security: [{ bearer: [] }] } : {}),
      };
      (paths[path] ??= {})[verb] = operation;
    }
  }
  return {
    openapi: OPENAPI_VERSION,
    info,
    servers: [{ url: '/' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An organization token or the admin token' } } },
  };
}
