import { runQuery, TokenRepository } from '@whdb/persistence';
import { ControlPlaneClient, CreatedOrganization, expectStatus, jsonRequest } from '@whdb/testing';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';
import { ErrorHandlerResponse } from './error-handler-response';

/** Error handlers over HTTP and Postgres (CONTRACT; docs/behaviour/integrations-api.md#error-handlers). */
describe('api: error handlers', () => {
  let api: ApiTestApp;
  let org: CreatedOrganization;
  let other: CreatedOrganization;
  let client: ControlPlaneClient;
  let member: ControlPlaneClient;

  const base = (key = org.organization.key) => `/v1/organizations/${key}/error_handlers`;
  const list = async (as = client) => expectStatus(await as.request<{ items: ErrorHandlerResponse[]; message: string }>('GET', base()), 200);
  const create = (body: unknown, as = client) => as.request<ErrorHandlerResponse & { message: string }>('POST', `${base()}/create`, body);

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    [org, other] = await Promise.all([admin.createOrganization('Alerts Org', api.newOrganizationKey()), admin.createOrganization('Other Alerts Org', api.newOrganizationKey())]);
    client = admin.withToken(org.token);
    member = admin.withToken(await new TokenRepository(api.db).issue(org.organization.id, 'member'));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists none at first, saying alerts are only logged', async () => {
    expect(await list()).toEqual({ items: [], message: expect.stringContaining('has no error handlers: alerts are only logged') });
  });

  it('asks for the url with a 422 and Whdb-Prompt', async () => {
    const response = await create({});
    const error = expectApiError(response, 422, 'prompt_required_params');
    expect(response.headers.get('whdb-prompt')).toBe('url');
    expect(error['state_machine_step']).toMatchObject({ post_params_value_key: 'url', post_to_url: `${base()}/create` });
  });

  it.each([
    ['a number', 42],
    ['not a URL', 'alerts please'],
    ['a relative URL', '/alerts'],
    ['another scheme', 'ftp://user:s3cret-token@alerts.example.test/x'],
    ['javascript', 'javascript:alert(1)'],
    ['whitespace inside', 'https://alerts.example.test/a b'],
    ['a URL too long', `https://alerts.example.test/${'x'.repeat(2100)}`],
  ])('refuses %s with a 400 that does not quote the value', async (_label, url) => {
    const error = expectApiError(await create({ url }), 400, 'invalid_input', /url/);
    expect(String(error['message'])).not.toContain('s3cret-token');
    expect(String(error['message'])).not.toContain('alerts.example.test');
  });

  it('creates handlers (https or http), lists them oldest first, and refuses a duplicate with a 409', async () => {
    const first = expectStatus(await create({ url: ' https://alerts.example.test/whdb?token=abc ' }), 200);
    expect(first).toEqual({ id: expect.stringMatching(/^eh_[a-z0-9]+$/), url: 'https://alerts.example.test/whdb?token=abc', created_at: expect.any(String), message: expect.stringContaining(first.id) });
    const second = expectStatus(await create({ url: 'http://10.0.0.5:8080/hook' }), 200);
    expectApiError(await create({ url: 'https://alerts.example.test/whdb?token=abc' }), 409, 'conflict');
    expect(await list(member)).toEqual({ items: [first, second].map(({ id, url, created_at }) => ({ id, url, created_at })), message: '' });
    expect(await runQuery(api.db, 'SELECT url FROM whdb.error_handlers WHERE organization_id = $1 ORDER BY id', [org.organization.id])).toEqual([
      { url: 'https://alerts.example.test/whdb?token=abc' },
      { url: 'http://10.0.0.5:8080/hook' },
    ]);
  });

  it('refuses create and delete to a member token (403)', async () => {
    expectApiError(await create({ url: 'https://member.example.test/' }, member), 403, 'forbidden', /admin privileges/);
    const [handler] = (await list()).items;
    expectApiError(await member.request('POST', `${base()}/${handler!.id}/delete`), 403, 'forbidden', /admin privileges/);
  });

  it("does not let another organization see or delete the organization's handlers", async () => {
    const [handler] = (await list()).items;
    const outsider = new ControlPlaneClient(api.url, other.token);
    expectApiError(await outsider.request('GET', base()), 403, 'forbidden');
    expectApiError(await outsider.request('POST', `${base(other.organization.key)}/${handler!.id}/delete`), 403, 'forbidden', 'There is no error handler with that id.');
    expect((await list()).items).toContainEqual(handler);
  });

  it('deletes a handler; deleting it again, or an unknown id, is a 403', async () => {
    const before = (await list()).items;
    const response = await jsonRequest<{ message: string }>('POST', `${api.url}${base()}/${before[0]!.id}/delete`, { headers: { authorization: `Bearer ${org.token}` } });
    expect(expectStatus(response, 200).message).toContain(before[0]!.id);
    expect((await list()).items).toEqual(before.slice(1));
    expectApiError(await client.request('POST', `${base()}/${before[0]!.id}/delete`), 403, 'forbidden', 'There is no error handler with that id.');
    expectApiError(await client.request('POST', `${base()}/eh_unknown/delete`), 403, 'forbidden');
  });
});
