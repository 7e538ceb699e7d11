import { jsonRequest } from '@whdb/testing';
import { ApiTestApp } from '../testing/api-test-app';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId: string; parameters: { name: string; in: string; required: boolean }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, { type?: string; properties?: Record<string, Record<string, unknown>>; required?: string[] }>; securitySchemes: Record<string, unknown> };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `GET /openapi.json` (docs/api.md#openapi): a valid OpenAPI 3.1 document of every route the api serves. */
describe('api: OpenAPI document', () => {
  let api: ApiTestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const response = await jsonRequest<OpenApiDocument>('GET', `${api.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = response.body;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('has the OpenAPI 3.1 shape', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual(expect.objectContaining({ title: expect.any(String), version: expect.any(String) }));
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      expect(path).toMatch(/^\/[^:]*$/);
      for (const [method, operation] of Object.entries(item)) {
        expect(HTTP_METHODS).toContain(method);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        expect(operationIds.has(operation.operationId)).toBe(false);
        operationIds.add(operation.operationId);
        // Every templated path segment is a required path parameter, and no other.
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
        expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(templated);
        expect(operation.parameters.filter((p) => p.in === 'path').every((p) => p.required)).toBe(true);
      }
    }
    // Every $ref resolves.
    const refs = JSON.stringify(document).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) expect(document.components.schemas[ref.slice('"#/components/schemas/'.length, -1)]).toBeDefined();
  });

  it('lists every route the api serves, and nothing else', () => {
    const served = api.routes().filter((route) => !/ \/(healthz|readyz|metrics)$/.test(route)).sort();
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)).sort();
    expect(documented).toEqual(served);
    expect(documented).toEqual(
      expect.arrayContaining([
        'POST /v1/organizations',
        'GET /v1/organizations/{org}/db/connection',
        'POST /v1/organizations/{org}/db/roll_credentials',
        'GET /v1/organizations/{org}/logged_webhooks',
        'POST /v1/organizations/{org}/logged_webhooks/replay',
        'GET /v1/admin/dlq',
        'POST /v1/admin/dlq/redrive',
        'GET /v1/admin/encryption',
        'POST /v1/admin/encryption/reencrypt',
        'GET /openapi.json',
      ]),
    );
  });

  it('describes bodies and queries from the validation rules the api enforces', () => {
    const replay = document.paths['/v1/organizations/{org}/logged_webhooks/replay']!['post']!;
    expect(replay.security).toEqual([{ bearer: [] }]);
    expect(replay.requestBody!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/ReplayLoggedWebhooksDto' });
    expect(document.components.schemas['ReplayLoggedWebhooksDto']).toMatchObject({
      type: 'object',
      required: ['ids'],
      properties: { ids: { type: 'array', minItems: 1, maxItems: 100, items: { pattern: '^[1-9][0-9]{0,18}$' } } },
    });
    const list = document.paths['/v1/organizations/{org}/logged_webhooks']!['get']!;
    expect(list.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'status', in: 'query', required: false, schema: { enum: ['accepted', 'rejected'] } })]));
    expect(document.components.schemas['RedriveDeadLettersDto']!.properties!['messages']).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/DeadLetterPosition' } });
    expect(document.paths['/openapi.json']!['get']!.security).toBeUndefined();
  });
});
