import { runQuery } from '@whdb/persistence';
import { ControlPlaneClient, CreatedOrganization, expectStatus, StepBody } from '@whdb/testing';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';
import { TEST_REPLICATORS } from '../testing/test-replicators';

/**
 * Integrations that depend on another one (docs/behaviour/state-machines.md#dependencies), over
 * HTTP with made-up replicators: `fake_child_v1` depends on `fake_parent_v1`, `fake_grandchild_v1`
 * on `fake_child_v1`.
 */
describe('api: dependency_choice', () => {
  let api: ApiTestApp;
  let org: CreatedOrganization;
  let client: ControlPlaneClient;

  const base = () => `/v1/organizations/${org.organization.key}/service_integrations`;
  const authed = (sint: string) => `/v1/organizations/${org.organization.id}/service_integrations/${sint}`;
  const create = (serviceName: string) => client.request<StepBody>('POST', `${base()}/create`, { service_name: serviceName, guard_confirm: true });
  const choose = (sint: string, body?: unknown) => client.request<StepBody>('POST', `${base()}/${sint}/transition/dependency_choice`, body);
  const dependsOn = async (opaqueId: string) =>
    (await runQuery<{ parent: string | null }[]>(api.db, 'SELECT p.opaque_id AS parent FROM whdb.service_integrations c LEFT JOIN whdb.service_integrations p ON p.id = c.depends_on_id WHERE c.opaque_id = $1', [opaqueId]))[0]?.parent;
  const integrationsOf = async (serviceName: string) =>
    runQuery<{ opaque_id: string }[]>(api.db, 'SELECT opaque_id FROM whdb.service_integrations WHERE organization_id = $1 AND service_name = $2', [org.organization.id, serviceName]);
  const tablesOf = async (prefix: string) =>
    runQuery<{ tablename: string }[]>(api.db, `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename LIKE $2`, [`whdb_org_${org.organization.key}`, `${prefix}%`]);

  beforeAll(async () => {
    api = await ApiTestApp.start({}, { replicators: TEST_REPLICATORS });
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    org = await admin.createOrganization('Dependency Org', api.newOrganizationKey());
    client = admin.withToken(org.token);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('does not create an integration whose dependency has no candidate, and answers 200 with no_candidate_dependency', async () => {
    const step = expectStatus(await create('fake_child_v1'), 200);
    expect(step).toMatchObject({ complete: true, needs_input: false, error_code: 'no_candidate_dependency', service_integration: { service_name: 'fake_child_v1' } });
    expect(step.output).toMatch(/^This integration requires Fake Parents to sync\./);
    expect(step.output).toContain('whdb integrations create fake_parent_v1');
    expect(await integrationsOf('fake_child_v1')).toEqual([]);
    expect(await tablesOf('fake_child_v1')).toEqual([]);
  });

  describe('with two candidate parents', () => {
    let parents: StepBody[];
    let child: string;

    beforeAll(async () => {
      parents = [expectStatus(await create('fake_parent_v1'), 200), expectStatus(await create('fake_parent_v1'), 200)];
      const step = expectStatus(await create('fake_child_v1'), 200);
      child = step.service_integration.opaque_id;
    });

    it('creates the dependent and asks for the parent number, listing the candidates', async () => {
      const step = expectStatus(await client.request<StepBody>('POST', `${base()}/${child}/setup`), 200);
      expect(step).toMatchObject({
        needs_input: true,
        complete: false,
        error_code: '',
        prompt: 'Paste or type your Parent integration number here:',
        post_to_url: `${authed(child)}/transition/dependency_choice`,
        post_params_value_key: 'value',
      });
      expect(step.output).toContain(`1 - ${parents[0]!.service_integration.table_name}\n2 - ${parents[1]!.service_integration.table_name}`);
      expect(await dependsOn(child)).toBeNull();
    });

    it.each([['0'], ['3'], ['two'], ['1; DROP TABLE x']])('refuses the choice %j with a 400 and stores nothing', async (value) => {
      expectApiError(await choose(child, { value }), 400, 'invalid_input', /enter a number from 1 to 2/);
      expect(await dependsOn(child)).toBeNull();
    });

    it('asks for the value with a 422 and Whdb-Prompt when it is missing', async () => {
      const response = await choose(child, {});
      expectApiError(response, 422, 'prompt_required_params');
      expect(response.headers.get('whdb-prompt')).toBe('value');
    });

    it('stores the chosen parent and answers with the preferred machine, which no longer asks for it', async () => {
      const step = expectStatus(await choose(child, { value: ' 2 ' }), 200);
      expect(step).toMatchObject({ complete: true, error_code: '', output: 'fake_child_v1 is set up.' });
      expect(step).not.toHaveProperty('backfill_job_id');
      expect(await dependsOn(child)).toBe(parents[1]!.service_integration.opaque_id);
      expect(expectStatus(await client.request<StepBody>('POST', `${base()}/${child}/setup`), 200)).toMatchObject({ complete: true, needs_input: false });
    });

    it('takes the first candidate for a blank choice, and a backfill-only dependent enqueues its backfill on completion', async () => {
      const grandchild = expectStatus(await create('fake_grandchild_v1'), 200);
      expect(grandchild).toMatchObject({ needs_input: true, post_to_url: `${authed(grandchild.service_integration.opaque_id)}/transition/dependency_choice` });
      const step = expectStatus(await choose(grandchild.service_integration.opaque_id, { value: '' }), 200);
      expect(await dependsOn(grandchild.service_integration.opaque_id)).toBe(child);
      expect(step).toMatchObject({ complete: true, error_code: '', backfill_job_id: expect.stringMatching(/^bfj_/) });
      const jobs = await runQuery<{ opaque_id: string }[]>(
        api.db,
        'SELECT j.opaque_id FROM whdb.backfill_jobs j JOIN whdb.service_integrations s ON s.id = j.service_integration_id WHERE s.opaque_id = $1',
        [grandchild.service_integration.opaque_id],
      );
      expect(jobs).toEqual([{ opaque_id: (step as unknown as { backfill_job_id: string }).backfill_job_id }]);
    });

  });

  it('answers 409 when no candidate is left to choose (the only parent was deleted before the choice)', async () => {
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    const lonely = await admin.createOrganization('Lonely Org', api.newOrganizationKey());
    const lonelyClient = admin.withToken(lonely.token);
    const path = `/v1/organizations/${lonely.organization.key}/service_integrations`;
    const createIn = (serviceName: string) => lonelyClient.request<StepBody>('POST', `${path}/create`, { service_name: serviceName, guard_confirm: true });
    const parent = expectStatus(await createIn('fake_parent_v1'), 200).service_integration.opaque_id;
    const orphan = expectStatus(await createIn('fake_child_v1'), 200).service_integration.opaque_id;
    await runQuery(api.db, 'DELETE FROM whdb.service_integrations WHERE opaque_id = $1', [parent]);
    expectApiError(await lonelyClient.request('POST', `${path}/${orphan}/transition/dependency_choice`, { value: '1' }), 409, 'conflict', /There are no Fake Parent integrations to depend on/);
  });

  it('refuses dependency_choice for a replicator without a dependency', async () => {
    const parent = expectStatus(await create('fake_parent_v1'), 200).service_integration.opaque_id;
    expectApiError(await choose(parent, { value: '1' }), 400, 'invalid_input', 'Fake Parents do not depend on another integration.');
  });
});
