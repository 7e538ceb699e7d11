import { runQuery } from '@whdb/persistence';
import { ControlPlaneClient, CreatedOrganization, expectStatus, jsonRequest, StepBody } from '@whdb/testing';
import { createHash } from 'node:crypto';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';
import { TEST_REPLICATORS } from '../testing/test-replicators';

interface SetupLink {
  url: string;
  path: string;
  service_name: string;
  expires_at: string;
}
interface SetupSession {
  token: string;
  expires_at: string;
  organization: { id: number; key: string; name: string };
  service_name: string;
  services: string[];
}

/**
 * Setup links and setup sessions (docs/setup-terminal.md#setup-links): an org admin mints a one-time
 * grant; the page exchanges it once for a session that may only run the setup of that service
 * (and of what it depends on) in that organization.
 */
describe('api: setup links and sessions', () => {
  let api: ApiTestApp;
  let org: CreatedOrganization;
  let other: CreatedOrganization;
  let client: ControlPlaneClient;

  const mint = (body: unknown, token = org.token, orgRef = org.organization.key) =>
    jsonRequest<SetupLink>('POST', `${api.url}/v1/organizations/${orgRef}/setup_links`, { body, headers: { authorization: `Bearer ${token}` } });
  const exchange = (grant: unknown) => jsonRequest<SetupSession>('POST', `${api.url}/v1/setup_sessions`, { body: { grant } });
  const grantOf = (link: SetupLink) => /#grant=(setup_grant_[0-9a-z]+)$/.exec(link.path)![1]!;
  const session = async (serviceName: string) => expectStatus(await exchange(grantOf(expectStatus(await mint({ service_name: serviceName }), 200))), 200);
  const as = (token: string) => new ControlPlaneClient(api.url, token);

  beforeAll(async () => {
    api = await ApiTestApp.start({}, { replicators: TEST_REPLICATORS });
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    org = await admin.createOrganization('Setup Links', api.newOrganizationKey('t_links'));
    other = await admin.createOrganization('Other Org', api.newOrganizationKey('t_links'));
    client = admin.withToken(org.token);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('mints a link to the service page whose grant sits in the fragment, stored only as a digest', async () => {
    const response = await mint({ service_name: 'increase_account_v1' });
    const link = expectStatus(response, 200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(link).toMatchObject({ service_name: 'increase_account_v1', path: expect.stringMatching(/^\/v1\/setup\/increase_account_v1#grant=setup_grant_[0-9a-z]{30,}$/) });
    // The link's origin is the one the caller reached the api at (the CLI prints its own api URL + path).
    expect(link.url).toBe(`${api.url}${link.path}`);
    const lifetime = Date.parse(link.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(890_000);
    expect(lifetime).toBeLessThanOrEqual(900_000);
    const rows = await runQuery<{ grant_digest: string }[]>(api.db, 'SELECT grant_digest FROM whdb.setup_grants WHERE organization_id = $1', [org.organization.id]);
    expect(rows.map((row) => row.grant_digest)).toContain(createHash('sha256').update(grantOf(link)).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(grantOf(link));
  });

  it('links any known service to its own page', async () => {
    const link = expectStatus(await mint({ service_name: 'fake_child_v1' }), 200);
    expect(link.path).toMatch(/^\/v1\/setup\/fake_child_v1#grant=/);
  });

  it('is for organization admins, for registered services, with a lifetime of at most 15 minutes', async () => {
    expectApiError(await mint({ service_name: 'no_such_service_v1' }), 400, 'invalid_service', /Valid services: .*increase_account_v1/);
    expectApiError(await mint({ service_name: 'increase_account_v1', expires_in: 901 }), 400, 'invalid_input', /expires_in/);
    expectApiError(await mint({ service_name: 'increase_account_v1', expires_in: 0 }), 400, 'invalid_input', /expires_in/);
    expectApiError(await mint({}), 400, 'invalid_input', /service_name/);
    expectApiError(await mint({ service_name: 'increase_account_v1' }, other.token), 403, 'forbidden', /not a member/);
    expectApiError(await mint({ service_name: 'increase_account_v1' }, 'whdb_nope'), 401, 'unauthenticated');
  });

  it('exchanges a grant once: a second exchange, an expired grant and garbage get the same 401', async () => {
    const link = expectStatus(await mint({ service_name: 'increase_account_v1' }), 200);
    const first = await exchange(grantOf(link));
    const opened = expectStatus(first, 200);
    expect(opened).toEqual({
      token: expect.stringMatching(/^setup_session_[0-9a-z]+$/),
      expires_at: expect.any(String),
      organization: org.organization,
      service_name: 'increase_account_v1',
      services: ['increase_account_v1'],
    });
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const again = expectApiError(await exchange(grantOf(link)), 401, 'unauthenticated', /invalid, has expired or was already used/);

    const short = expectStatus(await mint({ service_name: 'increase_account_v1', expires_in: 1 }), 200);
    // The grant expires at a point in time: wait until the clock passes it (no fixed sleep).
    while (Date.now() <= Date.parse(short.expires_at) + 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(expectApiError(await exchange(grantOf(short)), 401, 'unauthenticated')).toEqual(again);
    expect(expectApiError(await exchange('setup_grant_guessed'), 401, 'unauthenticated')).toEqual(again);
    expect(expectApiError(await exchange(org.token), 401, 'unauthenticated')).toEqual(again);
    expectApiError(await exchange(42), 400, 'invalid_input');
  });

  it('lets a session run the setup conversation of its service, and only that', async () => {
    const opened = await session('increase_account_v1');
    const setup = as(opened.token);
    const base = `/v1/organizations/${org.organization.key}/service_integrations`;
    const created = expectStatus(await setup.request<StepBody>('POST', `${base}/create`, { service_name: 'increase_account_v1', guard_confirm: true }), 200);
    expect(created).toMatchObject({ needs_input: true, prompt_is_secret: true, post_to_url: expect.stringContaining('/transition/webhook_secret') });
    const done = expectStatus(await setup.request<StepBody>('POST', created.post_to_url, { value: 'whsec_from_the_page' }), 200);
    expect(done).toMatchObject({ complete: true, error_code: '' });
    const sint = created.service_integration.opaque_id;
    expectStatus(await setup.request('POST', `${base}/${sint}/setup`), 200);

    // Everything else is refused before it runs: reading secrets, listing, deleting, other services, other organizations.
    const refused = /A setup session may only set up increase_account_v1 integrations\./;
    expectApiError(await setup.request('POST', `${base}/${sint}/info`, { field: 'webhook_secret' }), 403, 'forbidden', refused);
    expectApiError(await setup.request('GET', base), 403, 'forbidden', refused);
    expectApiError(await setup.request('POST', `${base}/${sint}/delete`, { confirm: created.service_integration.table_name }), 403, 'forbidden', refused);
    expectApiError(await setup.request('POST', `${base}/${sint}/roll_api_key`), 403, 'forbidden', refused);
    expectApiError(await setup.request('POST', `/v1/organizations/${org.organization.key}/setup_links`, { service_name: 'increase_account_v1' }), 403, 'forbidden', refused);
    expectApiError(await setup.request('GET', `/v1/organizations/${org.organization.key}/db/connection`), 403, 'forbidden', refused);
    expectApiError(await setup.request('POST', `${base}/create`, { service_name: 'fake_parent_v1' }), 403, 'forbidden', refused);
    const parent = await client.createIntegration(org.organization.key, 'fake_parent_v1');
    expectApiError(await setup.request('POST', `${base}/${parent.service_integration.opaque_id}/reset`), 403, 'forbidden', refused);
    expectApiError(await setup.request('POST', `/v1/organizations/${other.organization.key}/service_integrations/create`, { service_name: 'increase_account_v1' }), 403, 'forbidden', /not a member/);
    expectApiError(await setup.request('POST', '/v1/organizations', { name: 'Nope' }), 403, 'forbidden', refused);
  });

  it('lets a session of a dependent service set up the service it depends on', async () => {
    const opened = await session('fake_child_v1');
    expect(opened.services).toEqual(['fake_child_v1', 'fake_parent_v1']);
    const setup = as(opened.token);
    const base = `/v1/organizations/${org.organization.key}/service_integrations`;
    expectStatus(await setup.request<StepBody>('POST', `${base}/create`, { service_name: 'fake_parent_v1', guard_confirm: true }), 200);
    const child = expectStatus(await setup.request<StepBody>('POST', `${base}/create`, { service_name: 'fake_child_v1', guard_confirm: true }), 200);
    expect(child).toMatchObject({ needs_input: true, post_to_url: expect.stringContaining('/transition/dependency_choice') });
    expectApiError(await setup.request('POST', `${base}/create`, { service_name: 'fake_grandchild_v1' }), 403, 'forbidden');
  });

  it('refuses an expired session', async () => {
    const opened = await session('increase_account_v1');
    await runQuery(api.db, `UPDATE whdb.setup_grants SET session_expires_at = now() - interval '1 second' WHERE session_digest = $1`, [createHash('sha256').update(opened.token).digest('hex')]);
    const base = `/v1/organizations/${org.organization.key}/service_integrations`;
    expectApiError(await as(opened.token).request('POST', `${base}/create`, { service_name: 'increase_account_v1', guard_confirm: true }), 401, 'unauthenticated', /setup session has expired/);
  });
});
