import { orgReadonlyRoleName, orgSchemaName } from '@whdb/core';
import { runQuery, TokenRepository } from '@whdb/persistence';
import { jsonRequest, JsonResponse } from '@whdb/testing';
import { randomBytes } from 'node:crypto';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';

interface CreatedOrganization {
  organization: { id: number; key: string; name: string };
  token: string;
}

/**
 * Auth, organizations and request validation of the control-plane API
 * (docs/behaviour/integrations-api.md#auth).
 */
describe('api: auth and organizations', () => {
  let api: ApiTestApp;
  let orgA: CreatedOrganization;
  let orgB: CreatedOrganization;

  const call = <T = Record<string, unknown>>(method: string, path: string, token: string | undefined, body?: unknown): Promise<JsonResponse<T>> =>
    jsonRequest<T>(method, `${api.url}${path}`, { body, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const createOrganization = (body: unknown, token = api.adminToken) => call<CreatedOrganization>('POST', '/v1/organizations', token, body);
  const listIntegrations = (org: string | number, headers: Record<string, string>) =>
    jsonRequest('GET', `${api.url}/v1/organizations/${org}/service_integrations`, { headers });
  const queryOne = async <T>(sql: string, params: unknown[]): Promise<T> => (await runQuery<T[]>(api.db, sql, params))[0]!;

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const created = async (name: string) => {
      const response = await createOrganization({ name, key: api.newOrganizationKey() });
      expect(response.status).toBe(200);
      return response.body;
    };
    [orgA, orgB] = await Promise.all([created('Org A'), created('Org B')]);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('auth', () => {
    const listA = (headers: Record<string, string>) => listIntegrations(orgA.organization.key, headers);

    it('answers 401 unauthenticated without an Authorization header', async () => {
      expectApiError(await listA({}), 401, 'unauthenticated', 'Missing Authorization header');
      expectApiError(await jsonRequest('POST', `${api.url}/v1/organizations`, { body: { name: 'x' } }), 401, 'unauthenticated');
    });

    it('answers 401 for a scheme other than Bearer', async () => {
      expectApiError(await listA({ authorization: `Basic ${Buffer.from(`x:${orgA.token}`).toString('base64')}` }), 401, 'unauthenticated', 'Bearer');
      expectApiError(await listA({ authorization: orgA.token }), 401, 'unauthenticated');
    });

    it('answers 401 for unknown, empty or altered tokens', async () => {
      expectApiError(await listA({ authorization: 'Bearer whdb_doesnotexist' }), 401, 'unauthenticated', 'Invalid token');
      expectApiError(await listA({ authorization: 'Bearer ' }), 401, 'unauthenticated');
      expectApiError(await listA({ authorization: `Bearer ${orgA.token}x` }), 401, 'unauthenticated');
      expectApiError(await listA({ authorization: `Bearer ${api.adminToken}x` }), 401, 'unauthenticated');
    });

    it('accepts the scheme name in any case (RFC 7235)', async () => {
      expect((await listA({ authorization: `bearer ${orgA.token}` })).status).toBe(200);
      expect((await listA({ authorization: `BEARER  ${api.adminToken}` })).status).toBe(200);
    });

    it('lets an organization token into its own organization, by key or id', async () => {
      const auth = { authorization: `Bearer ${orgA.token}` };
      expect((await listIntegrations(orgA.organization.key, auth)).status).toBe(200);
      expect((await listIntegrations(orgA.organization.id, auth)).status).toBe(200);
    });

    it('refuses an organization token another organization (403), by key or id', async () => {
      const auth = { authorization: `Bearer ${orgA.token}` };
      expectApiError(await listIntegrations(orgB.organization.key, auth), 403, 'forbidden', `You are not a member of ${orgB.organization.key}.`);
      expectApiError(await listIntegrations(orgB.organization.id, auth), 403, 'forbidden');
    });

    it('lets the admin token into every organization, and answers 403 for one that does not exist', async () => {
      const auth = { authorization: `Bearer ${api.adminToken}` };
      expect((await listIntegrations(orgA.organization.key, auth)).status).toBe(200);
      expect((await listIntegrations(orgB.organization.id, auth)).status).toBe(200);
      expectApiError(await listIntegrations('t_api_no_such_org', auth), 403, 'forbidden');
      expectApiError(await listIntegrations(999_999_999, auth), 403, 'forbidden');
    });

    it('refuses organization creation to an organization token (403)', async () => {
      const key = api.newOrganizationKey();
      expectApiError(await createOrganization({ name: 'Sneaky', key }, orgA.token), 403, 'forbidden', 'Only the admin token may create organizations.');
      expect(await queryOne<{ n: number }>('SELECT count(*)::int AS n FROM whdb.organizations WHERE key = $1', [key])).toEqual({ n: 0 });
    });

    it('refuses admin-only operations to a member token (403) but lets it read', async () => {
      const member = await new TokenRepository(api.db).issue(orgA.organization.id, 'member');
      const response = await call('POST', `/v1/organizations/${orgA.organization.key}/service_integrations/create`, member, { service_name: 'increase_account_v1' });
      expectApiError(response, 403, 'forbidden', `You don't have admin privileges with ${orgA.organization.name}.`);
      expect((await call('GET', `/v1/organizations/${orgA.organization.key}/service_integrations`, member)).status).toBe(200);
    });
  });

  describe('POST /v1/organizations', () => {
    it('creates the organization, its schema and read-only role, and an admin token', async () => {
      const key = api.newOrganizationKey();
      const response = await createOrganization({ name: 'Acme Corp', key });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ organization: { id: expect.any(Number), key, name: 'Acme Corp' }, token: expect.stringMatching(/^whdb_[0-9a-z]+$/) });
      expect(await queryOne('SELECT id, key, name FROM whdb.organizations WHERE key = $1', [key])).toEqual(response.body.organization);

      const schema = orgSchemaName(key);
      const role = orgReadonlyRoleName(key);
      expect([schema, role]).toEqual([`whdb_org_${key}`, `whdb_org_${key}_readonly`]);
      const facts = await queryOne<Record<string, unknown>>(
        `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema_exists,
                (SELECT rolcanlogin FROM pg_roles WHERE rolname = $2) AS role_can_login,
                has_schema_privilege($2, $1, 'USAGE') AS uses_own_schema,
                has_schema_privilege($2, 'whdb', 'USAGE') AS uses_control_plane`,
        [schema, role],
      );
      expect(facts).toEqual({ schema_exists: true, role_can_login: false, uses_own_schema: true, uses_control_plane: false });

      const own = await listIntegrations(key, { authorization: `Bearer ${response.body.token}` });
      expect(own.status).toBe(200);
      expect(await queryOne('SELECT role FROM whdb.tokens WHERE organization_id = $1', [response.body.organization.id])).toEqual({ role: 'admin' });
    });

    it('derives the key from the name when none is given', async () => {
      const suffix = randomBytes(4).toString('hex');
      const response = await createOrganization({ name: `Derived Org ${suffix}!` });
      api.trackOrganization(`derived_org_${suffix}`);
      expect(response.status).toBe(200);
      expect(response.body.organization).toEqual({ id: expect.any(Number), key: `derived_org_${suffix}`, name: `Derived Org ${suffix}!` });
      expect(await queryOne('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [`whdb_org_derived_org_${suffix}`])).toEqual({ n: 1 });
    });

    it('answers 409 conflict for a taken key and leaves the first organization alone', async () => {
      const key = api.newOrganizationKey();
      expect((await createOrganization({ name: 'First', key })).status).toBe(200);
      expectApiError(await createOrganization({ name: 'Second', key }), 409, 'conflict', key);
      expect(await runQuery(api.db, 'SELECT name FROM whdb.organizations WHERE key = $1', [key])).toEqual([{ name: 'First' }]);
    });

    it.each([['Bad Key'], ['a'], ['1abc'], ['UPPER'], ['x'.repeat(41)], ['key-with-dash']])('answers 400 invalid_input for the key %j', async (key) => {
      expectApiError(await createOrganization({ name: 'Bad', key }), 400, 'invalid_input', 'key must be');
    });
  });

  describe('request validation', () => {
    const post = (body: string, contentType = 'application/json') =>
      fetch(`${api.url}/v1/organizations`, { method: 'POST', headers: { authorization: `Bearer ${api.adminToken}`, 'content-type': contentType }, body });
    const asJson = async (response: Response) => {
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as unknown };
    };

    it('answers 400 invalid_input for a body that is not JSON', async () => {
      expectApiError(await asJson(await post('{"name": "Broken",')), 400, 'invalid_input');
      expectApiError(await asJson(await post('name=Broken', 'application/json')), 400, 'invalid_input');
    });

    it.each([
      ['no name', {}],
      ['a numeric name', { name: 42 }],
      ['an empty name', { name: '' }],
      ['a name of control characters only', { name: '\u001b[31m\u0007' }],
      ['a 201-character name', { name: 'n'.repeat(201) }],
      ['a numeric key', { name: 'Numbers', key: 1234 }],
      ['an array body', [{ name: 'Array' }]],
    ])('answers 400 invalid_input for %s', async (_label, body) => {
      expectApiError(await createOrganization(body), 400, 'invalid_input');
    });

    it('strips ANSI escape codes and control characters from the name', async () => {
      const suffix = randomBytes(4).toString('hex');
      const response = await createOrganization({ name: `\u001b[1;31mAnsi\u001b[0m Org\u0007 ${suffix}  ` });
      api.trackOrganization(`ansi_org_${suffix}`);
      expect(response.status).toBe(200);
      expect(response.body.organization).toMatchObject({ key: `ansi_org_${suffix}`, name: `Ansi Org ${suffix}` });
      expect(await queryOne('SELECT name FROM whdb.organizations WHERE key = $1', [`ansi_org_${suffix}`])).toEqual({ name: `Ansi Org ${suffix}` });
    });

    it('answers unknown routes with 404 not_found in the same error shape', async () => {
      expectApiError(await call('GET', '/v1/nothing_here', api.adminToken), 404, 'not_found');
    });
  });
});
