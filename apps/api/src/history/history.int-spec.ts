import { runQuery, TokenRepository } from '@whdb/persistence';
import { ControlPlaneClient, CreatedOrganization, expectStatus } from '@whdb/testing';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';
import { HistoryResponse } from './history-response';

/** The history switch over HTTP and Postgres (docs/behaviour/history.md#switching-it-on). */
describe('api: history as of any time', () => {
  let api: ApiTestApp;
  let org: CreatedOrganization;
  let client: ControlPlaneClient;
  let member: ControlPlaneClient;
  let sint: string;
  let table: string;

  const path = (action = '') => `/v1/organizations/${org.organization.key}/service_integrations/${sint}/history${action}`;
  const objects = async () =>
    runQuery<{ name: string }[]>(
      api.db,
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename = $2
       UNION ALL SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND proname = $3`,
      [`whdb_org_${org.organization.key}`, `${table}_history`, `${table}_as_of`],
    );

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    org = await admin.createOrganization('History Org', api.newOrganizationKey());
    client = admin.withToken(org.token);
    member = admin.withToken(await new TokenRepository(api.db).issue(org.organization.id, 'member'));
    const created = await client.createIntegration(org.organization.key, 'increase_account_v1');
    sint = created.service_integration.opaque_id;
    table = created.service_integration.table_name;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('is off until switched on, and creates the history table and the as-of function when it is', async () => {
    const off = expectStatus(await member.request<HistoryResponse>('GET', path()), 200);
    expect(off.history).toMatchObject({ enabled: false, table: `${table}_history`, as_of_function: `${table}_as_of(timestamptz)`, fill: null });
    expect(await objects()).toEqual([]);

    const on = expectStatus(await client.request<HistoryResponse>('POST', path('/enable')), 200);
    expect(on.history).toMatchObject({ enabled: true, disabled_at: null, fill: { state: 'pending', messages_read: 0, versions_written: 0 } });
    expect(on.message).toContain(`${table}_as_of`);
    expect((await objects()).map((o) => o.name).sort()).toEqual([`${table}_as_of`, `${table}_history`]);

    const again = expectStatus(await client.request<HistoryResponse>('POST', path(), { enabled: true }), 200);
    expect(again.history.enabled_at).toBe(on.history.enabled_at);
  });

  it('switches off with the contract body, keeping what was recorded', async () => {
    const off = expectStatus(await client.request<HistoryResponse>('POST', path(), { enabled: false }), 200);
    expect(off.history).toMatchObject({ enabled: false, disabled_at: expect.any(String) });
    expect(off.message).toContain('stays');
    expect(await objects()).toHaveLength(2);
    const status = expectStatus(await member.request<HistoryResponse>('GET', path()), 200);
    expect(status.history.enabled).toBe(false);
  });

  it('refuses members, a body without a boolean, and integrations of no one', async () => {
    expectApiError(await member.request('POST', path('/enable')), 403, 'forbidden');
    expectApiError(await member.request('POST', path(), { enabled: true }), 403, 'forbidden');
    expectApiError(await client.request('POST', path(), { enabled: 'yes' }), 400, 'invalid_input', /enabled must be true or false/);
    expectApiError(await client.request('POST', path()), 400, 'invalid_input');
    expectApiError(await client.request('GET', `/v1/organizations/${org.organization.key}/service_integrations/svi_nope/history`), 403, 'forbidden');
  });
});
