import { ControlPlaneClient, CreatedOrganization, expectStatus, jsonRequest, StepBody } from '@whdb/testing';
import { gzipSync } from 'node:zlib';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';

/** Issue 6 "Bad input": what used to reach Postgres, or leak its detail, is a clean 4xx (docs/bad-input.md). */
describe('api: bad input', () => {
  let api: ApiTestApp;
  let org: CreatedOrganization;
  let client: ControlPlaneClient;
  let sint: string;

  const integrationPath = (action: string, orgRef = org.organization.key, sintRef = sint) => `/v1/organizations/${orgRef}/service_integrations/${sintRef}/${action}`;
  const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${org.token}`, ...headers }, body }).then(async (response) => {
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as unknown };
    });

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    org = await admin.createOrganization('Bad Input Org', api.newOrganizationKey());
    client = admin.withToken(org.token);
    const step = expectStatus(await client.request<StepBody>('POST', `/v1/organizations/${org.organization.key}/service_integrations/create`, { service_name: 'increase_account_v1' }), 200);
    sint = step.service_integration.opaque_id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['org', () => `/v1/organizations/a%00b/service_integrations`],
    ['org', () => integrationPath('setup', '%00')],
    ['sint', () => integrationPath('info', org.organization.key, `${sint}%00`)],
    ['sint', () => integrationPath('roll_api_key', org.organization.key, '%1b%5b31m')],
    ['field', () => integrationPath('transition/webhook%00_secret')],
  ])('refuses a control character in {%s} with 400 invalid_input, naming the parameter', async (param, path) => {
    const isList = path().endsWith('service_integrations');
    const response = await client.request(isList ? 'GET' : 'POST', path(), isList ? undefined : {});
    const error = expectApiError(response, 400, 'invalid_input', `The ${param} in the URL contains control characters.`);
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'status']);
  });

  it('stores a transition value without its control characters (docs/behaviour/integrations-api.md#validation), so Postgres never sees a NUL', async () => {
    const step = expectStatus(await client.request<StepBody>('POST', integrationPath('transition/api_url'), { value: 'https://sandbox.\u0000increase.com\u001b[0m' }), 200);
    expect(step.service_integration.opaque_id).toBe(sint);
    const info = expectStatus(await client.request<{ blocks: { value: string }[] }>('POST', integrationPath('info'), { field: 'api_url' }), 200);
    expect(info.blocks[0]!.value).toBe('https://sandbox.increase.com');
  });

  it('answers 401 to a token with characters no token has, without looking it up', async () => {
    const response = await jsonRequest('GET', `${api.url}/v1/organizations/${org.organization.key}/service_integrations`, { headers: { authorization: 'Bearer whdb_\u00e9\u00ff' } });
    expectApiError(response, 401, 'unauthenticated', 'Invalid token');
  });

  it('answers 415 to a body that is not JSON, after reading it', async () => {
    const response = await post(integrationPath('info'), 'x'.repeat(500_000), { 'content-type': 'text/plain' });
    expectApiError(response, 415, 'invalid_input', /must be JSON/);
  });

  it('answers 400 to malformed JSON, and to a body that claims gzip but is not, without the inflater message', async () => {
    expectApiError(await post(integrationPath('info'), '{"field": ', { 'content-type': 'application/json' }), 400, 'invalid_input', /JSON/);
    const response = await post(integrationPath('info'), '{"field": "id"}', { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expectApiError(response, 400, 'invalid_input', 'The request could not be read.');
    const gzipped = await post(integrationPath('info'), gzipSync('{"field": "id"}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
  });

  it('answers 400 to a body nested deeper than 32 levels', async () => {
    const deep = `{"field": ${'['.repeat(40)}${']'.repeat(40)}}`;
    expectApiError(await post(integrationPath('info'), deep, { 'content-type': 'application/json' }), 400, 'invalid_input', /nested more than 32 levels/);
  });
});
