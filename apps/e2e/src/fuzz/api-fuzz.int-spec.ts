import fc from 'fast-check';
import { fuzzParameters, TableProbe, WhdbStack } from '@whdb/testing';
import { hostileBody, hostileHeaders, method, nodeParsesMethod, pathSegment, queryString } from './http-input.arbitrary';
import { rawHttpJudgingTheAnswer, RawResponse } from './raw-http';
import { expectApiClientError, expectNoServerError } from './safe-answer';
import { IncreaseIntegration, setUpIncreaseIntegration } from '../stack-fixture';

/** Every route of apps/api (its controllers), with `{org}`, `{sint}` and `{field}` holes. */
const API_ROUTES: readonly { method: string; path: string }[] = [
  { method: 'POST', path: '/v1/organizations' },
  { method: 'GET', path: '/v1/organizations/{org}/service_integrations' },
  { method: 'POST', path: '/v1/organizations/{org}/service_integrations/create' },
  { method: 'POST', path: '/v1/organizations/{org}/service_integrations/{sint}/transition/{field}' },
  { method: 'POST', path: '/v1/organizations/{org}/service_integrations/{sint}/setup' },
  { method: 'POST', path: '/v1/organizations/{org}/service_integrations/{sint}/reset' },
  { method: 'POST', path: '/v1/organizations/{org}/service_integrations/{sint}/info' },
  { method: 'POST', path: '/v1/organizations/{org}/service_integrations/{sint}/roll_api_key' },
  { method: 'POST', path: '/v1/organizations/{org}/service_integrations/{sint}/delete' },
  { method: 'GET', path: '/v1/organizations/{org}/db/connection' },
  { method: 'POST', path: '/v1/organizations/{org}/db/roll_credentials' },
  { method: 'GET', path: '/v1/organizations/{org}/logged_webhooks' },
  { method: 'POST', path: '/v1/organizations/{org}/logged_webhooks/replay' },
  { method: 'GET', path: '/v1/admin/dlq' },
  { method: 'POST', path: '/v1/admin/dlq/redrive' },
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/readyz' },
  { method: 'GET', path: '/metrics' },
];

type Holes = { org: string; sint: string; field: string };
const fill = (path: string, holes: Holes): string => path.replace('{org}', holes.org).replace('{sint}', holes.sint).replace('{field}', holes.field);

/** Authorization headers that must not authenticate: absent, other schemes, malformed or unknown Bearer tokens. */
function invalidAuthorization(validToken: string): fc.Arbitrary<string | null> {
  return fc.oneof(
    fc.constant(null),
    fc.constantFrom('', 'Bearer', 'Bearer ', 'Bearer  ', 'bearer\t', 'Basic dXNlcjpwdw==', 'Token abc', 'Bearer a b', 'Bearer whdb_', `Bearer ${validToken}x`, `Bearer ${validToken.slice(0, -1)}`, `${validToken}`),
    fc.string({ unit: fc.constantFrom(...'abcXYZ019_-./+=~!*'), maxLength: 80 }).map((token) => `Bearer ${token}`),
    fc.string({ unit: fc.constantFrom('\u0080', '\u00ff', '\t', '"', '\\', 'é'), maxLength: 20 }).map((token) => `Bearer whdb_${token}`),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => `Bearer ${'t'.repeat(n)}`),
  );
}

/**
 * Issue 6, "Bad input": the control-plane api over real HTTP (its own process, real Postgres).
 * Whatever arrives, it answers with a 4xx in the documented error shape, never a 5xx, and never
 * shows internal detail (docs/bad-input.md).
 */
describe('fuzz: the api answers bad input with a clean 4xx', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  let integration: IncreaseIntegration;
  let orgToken: string;
  const createdOrgKeys = new Set<string>();

  const send = async (request: Parameters<typeof rawHttpJudgingTheAnswer>[1]): Promise<RawResponse> => {
    const response = await rawHttpJudgingTheAnswer(stack.apiUrl, request);
    if (response.status === 200 && request.target === '/v1/organizations') {
      const key = (JSON.parse(response.body) as { organization?: { key?: string } }).organization?.key;
      if (key) createdOrgKeys.add(key);
    }
    return response;
  };

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, replicators: [] }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
    integration = await setUpIncreaseIntegration(stack, 'fuzz_api');
    orgToken = integration.token;
  });

  afterAll(async () => {
    await stack?.stop();
    for (const key of [integration?.orgKey, ...createdOrgKeys]) if (key) await probe?.dropOrganizationSchema(key);
    await probe?.close();
  });

  it('answers 401 (or 404, 431 for an unknown route or an oversized header) to every request that is not authenticated', async () => {
    const route = fc.constantFrom(...API_ROUTES.filter((r) => r.path.startsWith('/v1/')));
    await fc.assert(
      fc.asyncProperty(route, invalidAuthorization(orgToken), async (r, authorization) => {
        const target = fill(r.path, { org: integration.orgKey, sint: integration.opaqueId, field: 'webhook_secret' });
        const headers = { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) };
        const response = await send({ method: r.method, target, headers, body: '{}' });
        expectApiClientError(response);
        expect([400, 401, 431]).toContain(response.status);
      }),
      fuzzParameters(120),
    );
  });

  it('answers a clean 4xx to hostile path parameters, with an organization token', async () => {
    const holes = fc.record({
      org: fc.oneof(pathSegment(), fc.constant('{own}')),
      sint: fc.oneof(pathSegment(), fc.constant('{own}')),
      field: fc.oneof(pathSegment(), fc.constantFrom('webhook_secret', 'api_url', 'noop_create')),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...API_ROUTES.filter((r) => r.path.includes('{org}'))), holes, queryString(), async (r, h, query) => {
        // At least one hole is hostile: the organization, or (with the real organization) the integration.
        fc.pre(h.org !== '{own}' || h.sint !== '{own}');
        const filled = { org: h.org === '{own}' ? integration.orgKey : h.org, sint: h.sint === '{own}' ? integration.opaqueId : h.sint, field: h.field };
        fc.pre(filled.org !== integration.orgKey || (r.path.includes('{sint}') && filled.sint !== 'increase_account_v1'));
        const response = await send({ method: r.method, target: fill(r.path, filled) + query, headers: { authorization: `Bearer ${orgToken}`, 'content-type': 'application/json' }, body: '{}' });
        expectApiClientError(response);
      }),
      fuzzParameters(250),
    );
  });

  it('never answers 5xx to hostile bodies, headers, content types and methods on any route (admin token)', async () => {
    const route = fc.constantFrom(...API_ROUTES);
    await fc.assert(
      fc.asyncProperty(route, fc.option(method(), { nil: undefined }), hostileHeaders(), hostileBody(), async (r, otherMethod, headers, body) => {
        const target = fill(r.path, { org: integration.orgKey, sint: integration.opaqueId, field: 'api_url' });
        const m = otherMethod ?? r.method;
        const sent = nodeParsesMethod(m) ? body : body.subarray(0, 1_000);
        const response = await send({ method: m, target, headers: { ...headers, authorization: `Bearer ${stack.adminToken}` }, body: sent });
        expectNoServerError(response);
        if (response.status >= 400) expectApiClientError(response);
      }),
      fuzzParameters(250),
    );
  });

  it('answers a clean 4xx to unknown routes and dot segments', async () => {
    const target = fc.array(pathSegment(), { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join('/')}`);
    await fc.assert(
      fc.asyncProperty(method(), fc.oneof(target, target.map((t) => `/v1/organizations/..${t}`), target.map((t) => `/v1${t}/../..`)), async (m, t) => {
        fc.pre(!['/healthz', '/readyz', '/metrics'].includes(t));
        const response = await send({ method: m, target: t, headers: { authorization: `Bearer ${stack.adminToken}` } });
        expectApiClientError(response);
      }),
      fuzzParameters(150),
    );
  });
});
