import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRowChangeMessage, silentLogger, Topics } from '@whdb/core';
import { ensureTopics, parseBrokers } from '@whdb/kafka';
import { runQuery } from '@whdb/persistence';
import { buildIncreaseAccount, ControlPlaneClient, CreatedOrganization, eventually, expectStatus, jsonRequest, TopicWatcher } from '@whdb/testing';
import { ApiOutbox } from '../outbox/api-outbox';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';

const SERVICE = 'increase_account_v1';
const brokers = () => process.env['KAFKA_BROKERS']!;

/**
 * The api's part of the change stream: `POST .../{sint}/delete` announces every dropped row as a
 * `d` event (docs/topics.md#deletes-and-tombstones); `GET /v1/schemas/rows/:service_name` serves
 * the topic's value schema (docs/api.md#row-schemas).
 */
describe('api: the row-change stream (deletes, schemas)', () => {
  let api: ApiTestApp;
  let org: CreatedOrganization;
  let client: ControlPlaneClient;
  let rows: TopicWatcher;

  beforeAll(async () => {
    api = await ApiTestApp.start();
    const admin = new ControlPlaneClient(api.url, api.adminToken);
    org = await admin.createOrganization('Delete Org', api.newOrganizationKey());
    client = admin.withToken(org.token);
    await ensureTopics({ brokers: parseBrokers(brokers()), clientId: 'api-delete-int-spec' }, silentLogger, [{ name: Topics.rows(SERVICE) }]);
    rows = await new TopicWatcher(brokers(), Topics.rows(SERVICE)).start();
  });

  afterAll(async () => {
    await rows?.stop();
    await api?.close();
  });

  it('publishes d (before = the row as stored) then a tombstone for every row, with the request correlation id; the table is gone', async () => {
    const created = await client.createIntegration(org.organization.key, SERVICE);
    const { opaque_id: sint, table_name: table } = created.service_integration;
    const base = `/v1/organizations/${org.organization.key}/service_integrations/${sint}`;
    const accounts = [buildIncreaseAccount({ name: 'One' }), buildIncreaseAccount({ name: 'Two' }), buildIncreaseAccount({ name: 'Three' })];
    for (const account of accounts) {
      expectStatus(await jsonRequest('POST', `${api.url}${base}/upsert`, { body: account, headers: { authorization: `Bearer ${org.token}` } }), 200);
    }
    const storedRows = await runQuery<{ key: string; row: Record<string, unknown> }[]>(api.db, `SELECT increase_id AS key, to_jsonb(t.*) AS row FROM "whdb_org_${org.organization.key}"."${table}" t`);
    const correlationId = `corr-${randomBytes(6).toString('hex')}`;
    const response = await jsonRequest('POST', `${api.url}${base}/delete`, { body: { confirm: table }, headers: { authorization: `Bearer ${org.token}`, 'x-correlation-id': correlationId } });
    expectStatus(response, 200);

    const ofKey = (key: string) => rows.messages.filter((m) => m.key === `${sint}:${key}`);
    await eventually(() => accounts.every((a) => ofKey(String(a['id'])).some((m) => m.value === null)), { description: 'a tombstone for every row' });
    for (const { key, row } of storedRows) {
      const [created, deleted, tombstone] = ofKey(key);
      expect(parseRowChangeMessage(created!.value)!.op).toBe('c');
      expect(deleted!.headers).toMatchObject({ ce_type: 'row.changed', ce_source: '/whdb/api', 'x-correlation-id': correlationId });
      const event = parseRowChangeMessage(deleted!.value)!;
      expect(event).toMatchObject({ op: 'd', before: row, after: null, source: { opaque_id: sint, table, connector: 'webhookdb-kafka' } });
      // The delete's position is past the row's last change, so a consumer keeping positions applies it.
      expect(event.source.lsn).toBeGreaterThan(parseRowChangeMessage(created!.value)!.source.lsn!);
      expect(tombstone!.value).toBeNull();
    }
    expect(await runQuery(api.db, `SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2`, [`whdb_org_${org.organization.key}`, table])).toEqual([]);
    const lane = ApiOutbox.upserts(SERVICE);
    expect(await runQuery(api.db, 'SELECT count(*)::int AS n FROM whdb.outbox WHERE stream = $1 AND lane = $2', [lane.stream, lane.lane])).toEqual([{ n: 0 }]);
  });

  it('serves the value schema of whdb.rows.<service_name> without a token, equal to the published file; 404 for an unknown replicator', async () => {
    const response = await jsonRequest<Record<string, unknown>>('GET', `${api.url}/v1/schemas/rows/${SERVICE}`);
    const published = readFileSync(path.resolve(__dirname, '../../../../docs/schemas', `${SERVICE}.rows.schema.json`), 'utf8');
    expect(expectStatus(response, 200)).toEqual(JSON.parse(published));
    expectApiError(await jsonRequest('GET', `${api.url}/v1/schemas/rows/no_such_v1`), 404, 'not_found', /no replicator named "no_such_v1"/);
  });
});
