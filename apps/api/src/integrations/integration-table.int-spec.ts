import { encryptionKeyringOf } from '@whdb/platform';
import { randomBytes } from 'node:crypto';
import { ConsumerGroups, RowChangeEvent, SecretBox, silentLogger, Topics } from '@whdb/core';
import { ensureTopics, KafkaPublisher, parseBrokers } from '@whdb/kafka';
import { OutboxSweeper, runQuery, TokenRepository } from '@whdb/persistence';
import { buildIncreaseAccount, buildIncreaseAccountEvent, ControlPlaneClient, CreatedOrganization, expectStatus, jsonRequest, StepBody, TopicWatcher } from '@whdb/testing';
import { ApiOutbox } from '../outbox/api-outbox';
import { OutboxRelay, toRawMessages } from '../outbox/outbox-relay';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';
import { ReplicatorCatalog } from './replicator-catalog';
import { UpsertResourceUseCase } from './upsert-resource.use-case';

const SERVICE = 'increase_account_v1';
const brokers = () => process.env['KAFKA_BROKERS']!;

/** upsert, stats and rename_table over HTTP, Postgres and Kafka (docs/behaviour/integrations-api.md). */
describe('api: an integration table (upsert, stats, rename_table)', () => {
  let api: ApiTestApp;
  let org: CreatedOrganization;
  let client: ControlPlaneClient;
  let rows: TopicWatcher;
  let sint: string;
  let table: string;

  const path = (action: string, ref = sint) => `/v1/organizations/${org.organization.key}/service_integrations/${ref}/${action}`;
  const schema = () => `whdb_org_${org.organization.key}`;
  const stored = async (id: unknown) =>
    (await runQuery<Record<string, unknown>[]>(api.db, `SELECT increase_id, name, balance FROM "${schema()}"."${table}" WHERE increase_id = $1`, [id]))[0];
  const upsert = (body: unknown, headers: Record<string, string> = {}) =>
    jsonRequest<{ message: string; changed: number }>('POST', `${api.url}${path('upsert')}`, { body, headers: { authorization: `Bearer ${org.token}`, ...headers } });
  const lane = () => ApiOutbox.upserts(SERVICE);
  const laneBatches = async () => runQuery<{ n: number }[]>(api.db, 'SELECT count(*)::integer AS n FROM whdb.outbox WHERE stream = $1 AND lane = $2', [lane().stream, lane().lane]);

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    org = await admin.createOrganization('Table Org', api.newOrganizationKey());
    client = admin.withToken(org.token);
    const created = await client.createIntegration(org.organization.key, SERVICE);
    sint = created.service_integration.opaque_id;
    table = created.service_integration.table_name;
    await ensureTopics({ brokers: parseBrokers(brokers()), clientId: 'api-table-int-spec' }, silentLogger, [{ name: Topics.rows(SERVICE) }]);
    rows = await new TopicWatcher(brokers(), Topics.rows(SERVICE)).start();
  });

  afterAll(async () => {
    await rows?.stop();
    await api?.close();
  });

  describe('upsert', () => {
    it('writes a bare resource synchronously and publishes its row change with the request correlation id', async () => {
      const account = buildIncreaseAccount({ name: 'Checking' });
      const correlationId = `corr-${randomBytes(6).toString('hex')}`;
      const response = await upsert(account, { 'x-correlation-id': correlationId });
      expect(expectStatus(response, 200)).toEqual({ message: `You have upserted into ${table}.`, changed: 1 });
      expect(await stored(account['id'])).toEqual({ increase_id: account['id'], name: 'Checking', balance: account['balance'] });
      const message = await rows.waitFor((m) => m.key === `${sint}:${String(account['id'])}`);
      expect(message.headers).toMatchObject({ 'x-correlation-id': correlationId, ce_type: 'row.changed' });
      expect(message.json<RowChangeEvent>()).toMatchObject({ op: 'c', after: { increase_id: account['id'], name: 'Checking' }, source: { opaque_id: sint, table } });
    });

    it('reads event wrappers like a webhook and never lets an older event overwrite a newer row', async () => {
      const account = buildIncreaseAccount();
      expect(expectStatus(await upsert(buildIncreaseAccountEvent({ ...account, name: 'newer' }, '2024-03-01T00:00:00Z')), 200).changed).toBe(1);
      expect(expectStatus(await upsert(buildIncreaseAccountEvent({ ...account, name: 'older' }, '2024-02-01T00:00:00Z')), 200)).toEqual({ message: `You have upserted into ${table}.`, changed: 0 });
      expect((await stored(account['id']))!['name']).toBe('newer');
    });

    it.each([
      ['an array', [buildIncreaseAccount()], 'invalid_input', /The body must be a JSON object/],
      ['a resource the replicator ignores', { id: 'transaction_123', amount: 1 }, 'resource_shape_invalid', /holds none of your Increase Accounts, so nothing was upserted/],
      ['a column value of the wrong type', buildIncreaseAccount({ balance: 'lots' }), 'resource_shape_invalid', /^Sorry! Looks like something has gone wrong\./],
      ['an event without the account', { event_id: 'e', event: 'updated', created_at: '2024-01-01T00:00:00Z', data: 'nope' }, 'resource_shape_invalid', /something has gone wrong/],
    ])('answers 400 for %s and writes nothing', async (_label, body, code, message) => {
      const before = await runQuery<{ n: number }[]>(api.db, `SELECT count(*)::integer AS n FROM "${schema()}"."${table}"`);
      const error = expectApiError(await upsert(body), 400, code, message);
      expect(String(error['message'])).not.toContain('lots');
      expect(await runQuery(api.db, `SELECT count(*)::integer AS n FROM "${schema()}"."${table}"`)).toEqual(before);
    });

    it("leaves the row change in lane -2 of the projector's stream when Kafka refuses it, for that projector's sweeper", async () => {
      const down = await KafkaPublisher.connect({ brokers: parseBrokers(brokers()), clientId: 'api-upsert-int-spec-down' }, silentLogger);
      await down.disconnect();
      const box = new SecretBox(encryptionKeyringOf(api.config));
      const useCase = new UpsertResourceUseCase(api.db, box, new OutboxRelay(down, api.db, silentLogger), new ReplicatorCatalog(), silentLogger);
      const account = buildIncreaseAccount();
      const result = await useCase.execute(org.organization, sint, account);
      expect(result.changed).toBe(1);
      expect(await stored(account['id'])).toBeDefined();
      expect((await laneBatches())[0]!.n).toBeGreaterThanOrEqual(1);
      const publisher = await KafkaPublisher.connect({ brokers: parseBrokers(brokers()), clientId: 'api-upsert-int-spec' }, silentLogger);
      try {
        // What the increase_account_v1 projector's sweeper does (apps/projector: OutboxSweeperService).
        const sweeper = new OutboxSweeper(api.db, (messages) => publisher.publishRaw(toRawMessages(messages)), { stream: ConsumerGroups.projector(SERVICE), staleAfterMs: 0 });
        await sweeper.sweepOnce();
      } finally {
        await publisher.disconnect();
      }
      await rows.waitFor((m) => m.key === `${sint}:${String(account['id'])}`);
      expect(await laneBatches()).toEqual([{ n: 0 }]);
    });
  });

  describe('stats', () => {
    const log = async (opaqueId: string, status: number, ageDays: number) =>
      runQuery(
        api.db,
        `INSERT INTO whdb.logged_webhooks (inserted_at, request_body, request_method, request_path, response_status, service_integration_opaque_id, organization_id)
         VALUES (now() - make_interval(days => $3), '{}', 'POST', '/v1/service_integrations/' || $1, $2, $1, $4)`,
        [opaqueId, status, ageDays, org.organization.id],
      );

    afterAll(async () => {
      await runQuery(api.db, 'DELETE FROM whdb.logged_webhooks WHERE organization_id = $1', [org.organization.id]);
    });

    it('answers zeros and says so when nothing was logged', async () => {
      const stats = expectStatus(await client.request<Record<string, unknown>>('GET', path('stats')), 200);
      expect(stats).toMatchObject({
        message: 'We have no record of receiving webhooks for that integration in the past seven days.',
        count_last_7_days: 0,
        success_last_7_days: 0,
        success_last_7_days_percent: 0,
        success_last_7_days_percent_formatted: '0.0%',
        rejected_last_7_days: 0,
        successful_of_last_10: 0,
        rejected_of_last_10: 0,
      });
      expect(stats['display_headers']).toContainEqual(['count_last_7_days_formatted', 'Count Last 7 Days']);
    });

    it("counts the integration's deliveries of the last seven days, and its ten latest", async () => {
      for (const [status, age] of [[202, 1], [202, 2], [202, 3], [401, 1], [500, 8]] as const) await log(sint, status, age);
      await log('svi_someone_else', 401, 1);
      const stats = expectStatus(await client.request<Record<string, unknown>>('GET', path('stats')), 200);
      expect(stats).toMatchObject({
        message: '',
        count_last_7_days: 4,
        count_last_7_days_formatted: '4',
        success_last_7_days: 3,
        success_last_7_days_percent: 0.75,
        success_last_7_days_percent_formatted: '75.0%',
        rejected_last_7_days: 1,
        rejected_last_7_days_percent: 0.25,
        rejected_last_7_days_percent_formatted: '25.0%',
        successful_of_last_10: 3,
        rejected_of_last_10: 2,
        rejected_of_last_10_formatted: '2',
      });
    });
  });

  describe('rename_table', () => {
    const rename = (body: unknown, token = org.token) => jsonRequest('POST', `${api.url}${path('rename_table')}`, { body, headers: { authorization: `Bearer ${token}` } });
    const tableExists = async (name: string) => (await runQuery(api.db, 'SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2', [schema(), name])).length === 1;

    it('asks for new_name with a 422 and Whdb-Prompt', async () => {
      const response = await rename({});
      const error = expectApiError(response, 422, 'prompt_required_params');
      expect(response.headers.get('whdb-prompt')).toBe('new_name');
      expect(error['state_machine_step']).toMatchObject({ post_params_value_key: 'new_name', post_to_url: path('rename_table'), needs_input: true });
    });

    it.each([['bad name'], ['1starts_with_digit'], ['x; DROP TABLE y'], ['a'.repeat(64)], ['quote"d']])('refuses the invalid name %j with a 400', async (name) => {
      expectApiError(await rename({ new_name: name }), 400, 'invalid_identifier', /not a valid table name/);
      expect(await tableExists(table)).toBe(true);
    });

    it('refuses a name taken by another table, and the current name, with a 400', async () => {
      const other = expectStatus(await client.request<StepBody>('POST', `/v1/organizations/${org.organization.key}/service_integrations/create`, { service_name: SERVICE, guard_confirm: true }), 200);
      expectApiError(await rename({ new_name: other.service_integration.table_name }), 400, 'invalid_identifier', `There is already a table named "${other.service_integration.table_name}".`);
      expectApiError(await rename({ new_name: table }), 400, 'invalid_identifier', `The table is already named "${table}".`);
      expect(await tableExists(table)).toBe(true);
    });

    it('is for admins only', async () => {
      const member = await new TokenRepository(api.db).issue(org.organization.id, 'member');
      expectApiError(await rename({ new_name: 'accounts' }, member), 403, 'forbidden', /admin privileges/);
    });

    it('renames the table and records it; the indexes stay attached and the next upsert lands in the new table', async () => {
      const response = await rename({ new_name: ' accounts ' });
      expect(expectStatus(response, 200)).toEqual({
        message: `The table for ${SERVICE} has been renamed from ${table} to accounts.`,
        service_integration: { opaque_id: sint, service_name: SERVICE, table_name: 'accounts' },
      });
      expect([await tableExists(table), await tableExists('accounts')]).toEqual([false, true]);
      const indexes = await runQuery<{ indexname: string }[]>(api.db, 'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname LIKE $3', [schema(), 'accounts', `${sint}_%`]);
      expect(indexes.length).toBeGreaterThan(0);
      table = 'accounts';
      const account = buildIncreaseAccount();
      expectStatus(await upsert(account), 200);
      expect(await stored(account['id'])).toBeDefined();
      expect(expectStatus(await client.request<{ items: { table_name: string }[] }>('GET', `/v1/organizations/${org.organization.key}/service_integrations`), 200).items).toContainEqual({ opaque_id: sint, service_name: SERVICE, table_name: 'accounts' });
    });
  });
});
