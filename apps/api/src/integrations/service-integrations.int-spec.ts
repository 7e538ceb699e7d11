import { databaseErrorCode, runQuery } from '@whdb/persistence';
import { ControlPlaneClient, CreatedOrganization, expectStatus, IntegrationSummaryBody, JsonResponse, StepBody } from '@whdb/testing';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp, TEST_PUBLIC_URL } from '../testing/api-test-app';

const SERVICE = 'increase_account_v1';

/**
 * Listing, creating, inspecting and deleting integrations, and their tables
 * (docs/behaviour/integrations-api.md, docs/behaviour/replicator-framework.md#table-shape).
 */
describe('api: service integrations', () => {
  let api: ApiTestApp;
  let orgA: CreatedOrganization;
  let orgB: CreatedOrganization;
  let clientA: ControlPlaneClient;
  let clientB: ControlPlaneClient;
  /** Org A's first integration (created by the "create" test, used by the ones after it). */
  let first: IntegrationSummaryBody;
  /** Org A's second integration of the same service (guard_confirm). */
  let second: IntegrationSummaryBody;
  /** Org B's only integration. */
  let onlyB: IntegrationSummaryBody;

  const base = (org: CreatedOrganization) => `/v1/organizations/${org.organization.key}/service_integrations`;
  const sintA = (sint: string, action: string) => `${base(orgA)}/${sint}/${action}`;
  const create = (client: ControlPlaneClient, org: CreatedOrganization, body: Record<string, unknown>) => client.request<StepBody>('POST', `${base(org)}/create`, body);
  const list = (client: ControlPlaneClient, org: CreatedOrganization) => client.request<{ items: IntegrationSummaryBody[]; message: string }>('GET', base(org));
  const info = (sint: string, body: Record<string, unknown> = {}) => clientA.request<{ blocks: unknown[] }>('POST', sintA(sint, 'info'), body);
  const line = (response: JsonResponse<{ blocks: unknown[] }>) => expectStatus(response, 200).blocks;
  const schemaOf = (org: CreatedOrganization) => `whdb_org_${org.organization.key}`;
  const tableExists = async (org: CreatedOrganization, table: string) =>
    (await runQuery<{ t: string | null }[]>(api.db, 'SELECT to_regclass($1)::text AS t', [`${schemaOf(org)}.${table}`]))[0]!.t !== null;

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    [orgA, orgB] = await Promise.all([admin.createOrganization('Integrations A', api.newOrganizationKey()), admin.createOrganization('Integrations B', api.newOrganizationKey())]);
    clientA = admin.withToken(orgA.token);
    clientB = admin.withToken(orgB.token);
    onlyB = (await clientB.createIntegration(orgB.organization.key, SERVICE)).service_integration;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists no integrations at first, with a message saying so', async () => {
    const response = await list(clientA, orgA);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], message: expect.stringContaining('has no service integrations') });
  });

  it('answers 400 invalid_service for an unknown service and creates nothing', async () => {
    expectApiError(await create(clientA, orgA, { service_name: 'no_such_service_v1' }), 400, 'invalid_service', new RegExp(`Valid services: (.+, )?${SERVICE}(,|$)`));
    expect(expectStatus(await list(clientA, orgA), 200).items).toEqual([]);
  });

  it.each([
    ['no service_name', {}],
    ['a numeric service_name', { service_name: 7 }],
    ['a numeric guard_confirm', { service_name: SERVICE, guard_confirm: 5 }],
  ])('answers 400 invalid_input for %s', async (_label, body) => {
    expectApiError(await create(clientA, orgA, body), 400, 'invalid_input');
  });

  it('creates an integration and answers with the webhook secret prompt', async () => {
    const response = await create(clientA, orgA, { service_name: `\u001b[32m${SERVICE}\u001b[0m ` });
    expect(response.status).toBe(200);
    first = response.body.service_integration;
    expect(first).toEqual({ opaque_id: expect.stringMatching(/^svi_[0-9a-z]+$/), service_name: SERVICE, table_name: expect.stringMatching(/^increase_account_v1_[0-9a-f]{4}$/) });
    expect(response.body).toEqual({
      needs_input: true,
      prompt: 'Paste or type your secret here:',
      prompt_is_secret: true,
      post_to_url: `/v1/organizations/${orgA.organization.id}/service_integrations/${first.opaque_id}/transition/webhook_secret`,
      post_params: {},
      post_params_value_key: 'value',
      complete: false,
      output: expect.stringContaining(`${TEST_PUBLIC_URL}/v1/service_integrations/${first.opaque_id}`),
      error_code: '',
      service_integration: first,
    });
  });

  it('lists the new integration', async () => {
    expect(expectStatus(await list(clientA, orgA), 200)).toEqual({ items: [first], message: '' });
  });

  it("creates the table in the organization's schema with the documented columns (docs/behaviour/replicator-framework.md#table-shape), in order, and index names", async () => {
    const columns = await runQuery(
      api.db,
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
      [schemaOf(orgA), first.table_name],
    );
    expect(columns).toEqual([
      { column_name: 'pk', data_type: 'bigint', is_nullable: 'NO' },
      { column_name: 'increase_id', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'balance', data_type: 'integer', is_nullable: 'YES' },
      { column_name: 'created_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'entity_id', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'interest_accrued', data_type: 'numeric', is_nullable: 'YES' },
      { column_name: 'name', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'status', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'updated_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'data', data_type: 'jsonb', is_nullable: 'NO' },
    ]);
    const constraints = await runQuery(
      api.db,
      `SELECT contype, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c WHERE conrelid = to_regclass($1) ORDER BY contype`,
      [`${schemaOf(orgA)}.${first.table_name}`],
    );
    expect(constraints).toEqual([
      { contype: 'p', def: 'PRIMARY KEY (pk)' },
      { contype: 'u', def: 'UNIQUE (increase_id)' },
    ]);
    const indexes = await runQuery<{ indexname: string }[]>(api.db, 'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname LIKE $3 ORDER BY indexname', [
      schemaOf(orgA),
      first.table_name,
      `${first.opaque_id}\\_%`,
    ]);
    expect(indexes.map((i) => i.indexname)).toEqual(['balance', 'created_at', 'entity_id', 'updated_at'].map((c) => `${first.opaque_id}_${c}_idx`));
  });

  it("lets the organization's read-only role SELECT the table, and no other organization's role", async () => {
    const table = `${schemaOf(orgA)}.${first.table_name}`;
    const asRole = (role: string, sql: string) =>
      api.inRolledBackTransaction(async (tx) => {
        await runQuery(tx, `SET LOCAL ROLE ${role}`);
        return runQuery(tx, sql);
      });
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => 'succeeded',
        (error: unknown) => databaseErrorCode(error),
      );

    await expect(asRole(`${schemaOf(orgA)}_readonly`, `SELECT * FROM ${table}`)).resolves.toEqual([]);
    await expect(failure(asRole(`${schemaOf(orgB)}_readonly`, `SELECT * FROM ${table}`))).resolves.toBe('42501');
    await expect(failure(asRole(`${schemaOf(orgA)}_readonly`, `INSERT INTO ${table} (increase_id, data) VALUES ('x', '{}')`))).resolves.toBe('42501');
    await expect(failure(asRole(`${schemaOf(orgA)}_readonly`, 'SELECT * FROM whdb.service_integrations'))).resolves.toBe('42501');
    // The table is really there and readable by its owner (the refusals are about the role).
    await expect(runQuery(api.db, `SELECT count(*)::int AS n FROM ${table}`)).resolves.toEqual([{ n: 0 }]);
  });

  it('asks for guard_confirm (422) before creating a second integration of the same service', async () => {
    for (const body of [{ service_name: SERVICE }, { service_name: SERVICE, guard_confirm: false }, { service_name: SERVICE, guard_confirm: 'no' }]) {
      const response = await create(clientA, orgA, body);
      const error = expectApiError(response, 422, 'prompt_required_params', `already has an integration of ${SERVICE}`);
      expect(response.headers.get('whdb-prompt')).toBe('guard_confirm');
      expect(error['state_machine_step']).toEqual({
        needs_input: true,
        prompt: expect.stringContaining('create another one'),
        prompt_is_secret: false,
        post_to_url: `${base(orgA)}/create`,
        post_params: { service_name: SERVICE },
        post_params_value_key: 'guard_confirm',
        complete: false,
        output: expect.stringContaining(first.table_name),
        error_code: '',
      });
    }
    expect(expectStatus(await list(clientA, orgA), 200).items).toEqual([first]);
  });

  it('creates the second integration with guard_confirm', async () => {
    const response = await create(clientA, orgA, { service_name: SERVICE, guard_confirm: true });
    expect(response.status).toBe(200);
    second = response.body.service_integration;
    expect(second).toEqual({ opaque_id: expect.stringMatching(/^svi_/), service_name: SERVICE, table_name: expect.stringMatching(/^increase_account_v1_[0-9a-f]{4}$/) });
    expect(second.opaque_id).not.toBe(first.opaque_id);
    expect(second.table_name).not.toBe(first.table_name);
    expect(response.body.needs_input).toBe(true);
    expect(expectStatus(await list(clientA, orgA), 200).items).toEqual([first, second]);
    expect(await tableExists(orgA, second.table_name)).toBe(true);
  });

  describe('{sint} resolution', () => {
    it('resolves an opaque id and a table name', async () => {
      expect(line(await info(first.opaque_id, { field: 'table' }))).toEqual([{ type: 'line', value: first.table_name }]);
      expect(line(await info(second.table_name, { field: 'id' }))).toEqual([{ type: 'line', value: second.opaque_id }]);
    });

    it('resolves a service name that matches exactly one integration', async () => {
      const response = await clientB.request<{ blocks: unknown[] }>('POST', `${base(orgB)}/${SERVICE}/info`, { field: 'id' });
      expect(line(response)).toEqual([{ type: 'line', value: onlyB.opaque_id }]);
    });

    it('answers 409 conflict for a service name matching several integrations', async () => {
      const error = expectApiError(await info(SERVICE), 409, 'conflict', 'multiple integrations');
      expect(error['message']).toEqual(expect.stringContaining(first.opaque_id));
    });

    it("answers 403 for an unknown identifier and for another organization's integration", async () => {
      const message = 'There is no service integration with that identifier.';
      expectApiError(await info('svi_nothing'), 403, 'forbidden', message);
      expectApiError(await info(onlyB.opaque_id), 403, 'forbidden', message);
      expectApiError(await info(onlyB.table_name), 403, 'forbidden', message);
    });

    it("refuses an organization token another organization's integrations (403)", async () => {
      expectApiError(await clientB.request('POST', sintA(first.opaque_id, 'info'), {}), 403, 'forbidden');
      expectApiError(await clientB.request('POST', sintA(first.opaque_id, 'transition/webhook_secret'), { value: 'x' }), 403, 'forbidden');
      expectApiError(await clientB.request('POST', sintA(first.opaque_id, 'delete'), { confirm: first.table_name }), 403, 'forbidden');
      expect(await tableExists(orgA, first.table_name)).toBe(true);
    });
  });

  describe('info', () => {
    it('answers every field as a table', async () => {
      expect(line(await info(first.opaque_id))).toEqual([
        {
          type: 'table',
          value: {
            headers: ['Field', 'Value'],
            rows: [
              ['ID', first.opaque_id],
              ['Service', SERVICE],
              ['Table', first.table_name],
              ['Url', `${TEST_PUBLIC_URL}/v1/service_integrations/${first.opaque_id}`],
              ['Webhook secret', ''],
              ['Webhookdb api key', ''],
              ['Api url', ''],
            ],
          },
        },
      ]);
      expect(line(await info(first.opaque_id, { field: '' }))).toEqual(line(await info(first.opaque_id)));
    });

    it.each([
      ['id', () => first.opaque_id],
      ['service', () => SERVICE],
      ['table', () => first.table_name],
      ['url', () => `${TEST_PUBLIC_URL}/v1/service_integrations/${first.opaque_id}`],
      ['webhook_secret', () => ''],
      ['webhookdb_api_key', () => ''],
      ['api_url', () => ''],
    ])('answers the single field %s as a line', async (field, expected) => {
      expect(line(await info(first.opaque_id, { field }))).toEqual([{ type: 'line', value: expected() }]);
    });

    it.each([['backfill_key'], ['toString'], ['__proto__'], [42], [['id']]])('answers 400 for the field %j', async (field) => {
      expectApiError(await info(first.opaque_id, { field }), 400, 'invalid_input', 'Field does not have a valid value');
    });
  });

  describe('roll_api_key', () => {
    it('returns a new sk/<opaque_id>/... key on every call, stored encrypted', async () => {
      const roll = async () => expectStatus(await clientA.request<{ webhookdb_api_key: string }>('POST', sintA(first.opaque_id, 'roll_api_key')), 200);
      const one = await roll();
      const two = await roll();
      expect(one).toEqual({ webhookdb_api_key: expect.stringMatching(new RegExp(`^sk/${first.opaque_id}/[0-9a-z]+$`)) });
      expect(two.webhookdb_api_key).toMatch(new RegExp(`^sk/${first.opaque_id}/[0-9a-z]+$`));
      expect(two.webhookdb_api_key).not.toBe(one.webhookdb_api_key);
      expect(line(await info(first.opaque_id, { field: 'webhookdb_api_key' }))).toEqual([{ type: 'line', value: two.webhookdb_api_key }]);
      const [raw] = await runQuery<{ webhookdb_api_key: string }[]>(api.db, 'SELECT webhookdb_api_key FROM whdb.service_integrations WHERE opaque_id = $1', [first.opaque_id]);
      expect(raw!.webhookdb_api_key).not.toBe('');
      expect(raw!.webhookdb_api_key).not.toContain(two.webhookdb_api_key.split('/')[2]);
      // Only the integration's own key changed.
      expect(line(await info(second.opaque_id, { field: 'webhookdb_api_key' }))).toEqual([{ type: 'line', value: '' }]);
    });
  });

  describe('setup and reset', () => {
    it('setup shows the preferred (webhook) machine; reset clears the webhook secret and prompts again', async () => {
      const setup = async () => expectStatus(await clientA.request<StepBody>('POST', sintA(second.opaque_id, 'setup')), 200);
      const secretPrompt = {
        needs_input: true,
        complete: false,
        prompt_is_secret: true,
        post_to_url: `/v1/organizations/${orgA.organization.id}/service_integrations/${second.opaque_id}/transition/webhook_secret`,
        service_integration: second,
      };
      expect(await setup()).toMatchObject(secretPrompt);

      await clientA.transition(orgA.organization.key, second.opaque_id, 'webhook_secret', 'reset-me-secret');
      // A backfill setting that reset must keep (Increase supports webhooks and backfill:
      // docs/behaviour/state-machines.md#setup-and-reset).
      const apiUrlStep = await clientA.transition(orgA.organization.key, second.opaque_id, 'api_url', 'https://sandbox.increase.com/');
      expect(apiUrlStep).toMatchObject({ needs_input: true, post_to_url: expect.stringMatching(/\/transition\/backfill_key$/) });
      const done = await setup();
      expect(done).toMatchObject({ needs_input: false, complete: true, error_code: '', output: expect.stringContaining(`${TEST_PUBLIC_URL}/v1/service_integrations/${second.opaque_id}`) });

      const reset = expectStatus(await clientA.request<StepBody>('POST', sintA(second.opaque_id, 'reset')), 200);
      expect(reset).toMatchObject(secretPrompt);
      expect(line(await info(second.opaque_id, { field: 'webhook_secret' }))).toEqual([{ type: 'line', value: '' }]);
      expect(line(await info(second.opaque_id, { field: 'api_url' }))).toEqual([{ type: 'line', value: 'https://sandbox.increase.com' }]);
      expect(await setup()).toMatchObject(secretPrompt);
    });
  });

  describe('delete', () => {
    it('asks for confirm (422) when it is missing or not the table name, and keeps everything', async () => {
      for (const body of [{}, { confirm: 'wrong' }, { confirm: first.opaque_id }, { confirm: 1 }]) {
        const response = await clientA.request('POST', sintA(first.opaque_id, 'delete'), body);
        const error = expectApiError(response, 422, 'prompt_required_params');
        expect(response.headers.get('whdb-prompt')).toBe('confirm');
        expect(error['state_machine_step']).toMatchObject({
          needs_input: true,
          prompt: expect.stringContaining(first.table_name),
          post_to_url: sintA(first.opaque_id, 'delete'),
          post_params_value_key: 'confirm',
          output: expect.stringContaining('WARNING'),
        });
      }
      expect(await tableExists(orgA, first.table_name)).toBe(true);
      expect(expectStatus(await list(clientA, orgA), 200).items).toEqual([first, second]);
    });

    it('drops the table and removes the integration when confirm is the table name', async () => {
      const response = await clientA.request<{ message: string }>('POST', sintA(first.table_name, 'delete'), { confirm: `  ${first.table_name} ` });
      expect(expectStatus(response, 200)).toEqual({ message: expect.stringMatching(new RegExp(`deleted all secrets.*${first.table_name}.*dropped`)) });
      expect(await tableExists(orgA, first.table_name)).toBe(false);
      expect(await tableExists(orgA, second.table_name)).toBe(true);
      expect(expectStatus(await list(clientA, orgA), 200).items).toEqual([second]);
      expect(await runQuery(api.db, 'SELECT 1 FROM whdb.service_integrations WHERE opaque_id = $1', [first.opaque_id])).toEqual([]);
      expectApiError(await info(first.opaque_id), 403, 'forbidden');
      // The service name is unambiguous again.
      expect(line(await info(SERVICE, { field: 'id' }))).toEqual([{ type: 'line', value: second.opaque_id }]);
    });
  });
});
