import { orgSchemaName, rowChangeMessages, Topics } from '@whdb/core';
import { buildIncreaseAccount, buildIncreaseAccountEvent, eventually, increaseSignatureHeader, runWhdb, TableProbe, TopicPublisher, TopicWatcher, WhdbStack } from '@whdb/testing';
import { CliUser, increaseIntegrationOf, loggedInUser } from '../cli/cli-fixture';
import { IncreaseIntegration } from '../stack-fixture';

interface Version {
  readonly source_lsn: string;
  readonly op: string;
  readonly valid_from: Date;
  readonly valid_to: Date | null;
}

const between = (a: Date, b: Date): Date => new Date((a.getTime() + b.getTime()) / 2);

/**
 * History as of any time (docs/behaviour/history.md), the real stack: ingress, projector, api and
 * the history writer as processes, real Kafka and Postgres. An account is updated several times;
 * `<table>_as_of` called by the organization's analyst at times between the changes answers with
 * each version; a delete closes the last one; history switched on late is filled from the log.
 */
describe('history as of any time', () => {
  let stack: WhdbStack;
  let probe: TableProbe;
  /** Each test's own organization (one increase_account_v1 integration each), logged in with `whdb`, and its analyst. */
  let user: CliUser;
  let analyst: TableProbe;
  const users: CliUser[] = [];
  const analysts: TableProbe[] = [];
  const newOrganization = async (prefix: string): Promise<void> => {
    user = await loggedInUser(stack, prefix);
    users.push(user);
    const connection = await user.client.request<{ connection_url: string }>('GET', `/v1/organizations/${user.orgKey}/db/connection`);
    analyst = await TableProbe.connect(connection.body.connection_url);
    analysts.push(analyst);
  };

  /** POSTs an account update signed with the integration's secret, `updated_at` being the event's time. */
  const postUpdate = async (integration: IncreaseIntegration, account: Record<string, unknown>, at: string): Promise<void> => {
    const raw = JSON.stringify(buildIncreaseAccountEvent(account as never, at));
    const response = await fetch(`${stack.ingressUrl}/v1/service_integrations/${integration.opaqueId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'increase-webhook-signature': increaseSignatureHeader(raw, integration.secret) },
      body: raw,
    });
    expect(response.status).toBe(202);
  };
  const balanceIn = async (integration: IncreaseIntegration, id: string): Promise<number | undefined> =>
    (await probe.rows<{ balance: number }>(integration.orgKey, integration.table, 'increase_id = $1', [id]))[0]?.balance;
  const versionsOf = (integration: IncreaseIntegration, id: string): Promise<Version[]> =>
    probe.query<Version>(`SELECT source_lsn, op, valid_from, valid_to FROM "${orgSchemaName(integration.orgKey)}"."${integration.table}_history" WHERE remote_key = $1 ORDER BY source_lsn`, [id]);
  /** The account's balance as of `at`, asked by the analyst through the as-of function (by its plain name). */
  const balanceAsOf = async (integration: IncreaseIntegration, id: string, at: Date): Promise<number[]> =>
    (await analyst.query<{ balance: number }>(`SELECT balance FROM ${integration.table}_as_of($1) WHERE increase_id = $2`, [at, id])).map((row) => row.balance);
  const historyOf = (integration: IncreaseIntegration) => user.client.request<{ history: { enabled: boolean; fill: { state: string; versions_written: number; oldest_version_at: string | null } } }>('GET', `/v1/organizations/${user.orgKey}/service_integrations/${integration.opaqueId}/history`);

  beforeAll(async () => {
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, historyWriter: { WHDB_HISTORY_FILL_POLL_SECONDS: '1' }, startTimeoutMs: 120_000 }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
  }, 300_000);

  afterAll(async () => {
    for (const each of analysts) await each.close();
    for (const each of users) await each.cleanUp();
    await stack?.stop();
    for (const each of users) await probe?.dropOrganizationSchema(each.orgKey);
    await probe?.close();
  });

  it('answers with each version of an account at times between its updates, and a delete closes the last version', async () => {
    await newOrganization('hist');
    const integration = await increaseIntegrationOf(user);
    const enabled = await user.client.request<{ history: { enabled: boolean; table: string } }>('POST', `/v1/organizations/${user.orgKey}/service_integrations/${integration.opaqueId}/history/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body.history).toMatchObject({ enabled: true, table: `${integration.table}_history` });

    const account = buildIncreaseAccount();
    const id = String(account['id']);
    const balances = [100, 250, 175];
    for (const [index, balance] of balances.entries()) {
      await postUpdate(integration, { ...account, balance }, `2024-03-0${index + 1}T10:00:00Z`);
      await eventually(async () => (await balanceIn(integration, id)) === balance, { description: `balance ${balance} projected` });
      await eventually(async () => (await versionsOf(integration, id)).length === index + 1, { description: `version ${index + 1} in the history` });
    }

    const versions = await versionsOf(integration, id);
    expect(versions.map((v) => v.op)).toEqual(['c', 'u', 'u']);
    expect(versions.map((v) => v.valid_to)).toEqual([versions[1]!.valid_from, versions[2]!.valid_from, null]);
    expect(await balanceAsOf(integration, id, new Date(versions[0]!.valid_from.getTime() - 1))).toEqual([]);
    expect(await balanceAsOf(integration, id, versions[0]!.valid_from)).toEqual([100]);
    expect(await balanceAsOf(integration, id, between(versions[0]!.valid_from, versions[1]!.valid_from))).toEqual([100]);
    expect(await balanceAsOf(integration, id, between(versions[1]!.valid_from, versions[2]!.valid_from))).toEqual([250]);
    expect(await balanceAsOf(integration, id, new Date())).toEqual([175]);

    // Nothing deletes one row of a live table today (dropping the table drops its history too), so
    // the delete is the envelope the api emits for a dropped row (rowChangeMessages, op d, before).
    const [live] = await probe.rows<Record<string, unknown>>(integration.orgKey, integration.table, 'increase_id = $1', [id]);
    const [{ lsn }] = await probe.query<{ lsn: string }>(`SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text AS lsn`);
    const target = { opaqueId: integration.opaqueId, serviceName: 'increase_account_v1', schema: orgSchemaName(integration.orgKey), table: integration.table };
    const deletedAt = new Date();
    const [deletion] = rowChangeMessages(target, [{ remoteKey: id, op: 'd', beforeJson: JSON.stringify(live), afterJson: null, lsn: Number(lsn) }], () => ({}), deletedAt, '/whdb/api');
    const publisher = await new TopicPublisher(process.env['KAFKA_BROKERS']!).start();
    try {
      await publisher.publishRaw(deletion!);
    } finally {
      await publisher.stop();
    }
    const closed = await eventually(async () => {
      const all = await versionsOf(integration, id);
      return all.length === 4 ? all : false;
    }, { description: 'the delete in the history' });
    expect(closed[2]!.valid_to).toEqual(deletedAt);
    expect(closed[3]).toMatchObject({ op: 'd', valid_from: deletedAt, valid_to: null });
    expect(await balanceAsOf(integration, id, between(versions[2]!.valid_from, deletedAt))).toEqual([175]);
    expect(await balanceAsOf(integration, id, new Date(deletedAt.getTime() + 1))).toEqual([]);
  }, 180_000);

  it('fills a history switched on late from what the log still holds, with `whdb integrations history`', async () => {
    await newOrganization('histlate');
    const integration = await increaseIntegrationOf(user);
    const rows = await new TopicWatcher(process.env['KAFKA_BROKERS']!, Topics.rows('increase_account_v1')).start();
    const account = buildIncreaseAccount();
    const id = String(account['id']);
    try {
      for (const [index, balance] of [10, 20, 30].entries()) {
        await postUpdate(integration, { ...account, balance }, `2024-04-0${index + 1}T10:00:00Z`);
        await eventually(async () => (await balanceIn(integration, id)) === balance, { description: `balance ${balance} projected` });
      }
      await eventually(async () => rows.messages.filter((m) => m.key === `${integration.opaqueId}:${id}`).length === 3, { description: 'three row changes on the log' });
    } finally {
      await rows.stop();
    }
    expect(await versionsOf(integration, id).catch(() => 'no history table')).toBe('no history table');
    const off = await runWhdb(['integrations', 'history', 'status', integration.opaqueId, '--json'], user.env);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).history).toMatchObject({ enabled: false, fill: null });

    const on = await runWhdb(['integrations', 'history', 'enable', integration.opaqueId], user.env);
    expect(on).toMatchObject({ code: 0, stderr: '' });
    expect(on.stdout).toContain(`${integration.table}_history`);

    const status = await eventually(async () => {
      const body = (await historyOf(integration)).body;
      return body.history.fill.state === 'done' ? body.history : false;
    }, { description: 'the fill from the log done', timeoutMs: 60_000, diagnose: () => stack.logs() });
    expect(status.fill.versions_written).toBe(3);
    const versions = await versionsOf(integration, id);
    expect(versions.map((v) => v.op)).toEqual(['c', 'u', 'u']);
    expect(new Date(status.fill.oldest_version_at!)).toEqual(versions[0]!.valid_from);
    expect(await balanceAsOf(integration, id, between(versions[0]!.valid_from, versions[1]!.valid_from))).toEqual([10]);
    expect(await balanceAsOf(integration, id, between(versions[1]!.valid_from, versions[2]!.valid_from))).toEqual([20]);
    expect(await balanceAsOf(integration, id, new Date())).toEqual([30]);

    // After the fill, new changes come from the live consumer; the contract's --disable stops them.
    await postUpdate(integration, { ...account, balance: 40 }, '2024-04-04T10:00:00Z');
    await eventually(async () => (await versionsOf(integration, id)).length === 4, { description: 'a live version after the fill' });
    const disabled = await runWhdb(['integrations', 'history', integration.opaqueId, '--disable', '--json'], user.env);
    expect(disabled.code).toBe(0);
    expect(JSON.parse(disabled.stdout).history.enabled).toBe(false);
  }, 180_000);
});
