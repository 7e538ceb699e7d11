import { connectDatabase, Database, databaseErrorCode, runQuery, TokenRepository, withTransaction } from '@whdb/persistence';
import { jsonRequest, JsonResponse } from '@whdb/testing';
import { expectApiError } from '../testing/api-assertions';
import { ApiTestApp } from '../testing/api-test-app';
import { AnalystConnection } from './analyst-connection';

interface Org {
  key: string;
  token: string;
}

/**
 * Analyst credentials (docs/behaviour/analyst-access.md): connects to Postgres with the URL the api
 * returns and proves what the role can and cannot do.
 */
describe('api: analyst credentials', () => {
  let api: ApiTestApp;
  let orgA: Org;
  let orgB: Org;
  let tableA: string;
  let tableB: string;
  const analysts: Database[] = [];

  const call = <T = Record<string, unknown>>(method: string, path: string, token: string): Promise<JsonResponse<T>> =>
    jsonRequest<T>(method, `${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const connection = (org: Org, token = org.token) => call<AnalystConnection>('GET', `/v1/organizations/${org.key}/db/connection`, token);
  const roll = (org: Org, token = org.token) => call<AnalystConnection>('POST', `/v1/organizations/${org.key}/db/roll_credentials`, token);

  const createOrg = async (): Promise<Org> => {
    const key = api.newOrganizationKey('t_analyst');
    const created = await jsonRequest<{ token: string }>('POST', `${api.url}/v1/organizations`, { body: { name: key, key }, headers: { authorization: `Bearer ${api.adminToken}` } });
    expect(created.status).toBe(200);
    return { key, token: created.body.token };
  };
  const createTable = async (org: Org): Promise<string> => {
    const created = await jsonRequest<{ service_integration: { table_name: string } }>('POST', `${api.url}/v1/organizations/${org.key}/service_integrations/create`, {
      body: { service_name: 'increase_account_v1', guard_confirm: true },
      headers: { authorization: `Bearer ${org.token}` },
    });
    expect(created.status).toBe(200);
    return created.body.service_integration.table_name;
  };
  const connectAs = async (url: string): Promise<Database> => {
    const db = await connectDatabase(url, { poolSize: 1, connectTimeoutMs: 5000 });
    analysts.push(db);
    return db;
  };
  /** The SQLSTATE `sql` fails with on `db` (in a read-write transaction when asked), or 'ok'. */
  const outcome = async (db: Database, sql: string, readWrite = false): Promise<string> => {
    try {
      if (!readWrite) await runQuery(db, sql);
      else
        await withTransaction(db, async (tx) => {
          await tx.query('SET TRANSACTION READ WRITE');
          await tx.query(sql);
        });
      return 'ok';
    } catch (error) {
      return databaseErrorCode(error) ?? String(error);
    }
  };

  beforeAll(async () => {
    api = await ApiTestApp.start();
    [orgA, orgB] = [await createOrg(), await createOrg()];
    [tableA, tableB] = [await createTable(orgA), await createTable(orgB)];
    await runQuery(api.db, `INSERT INTO whdb_org_${orgA.key}.${tableA} (increase_id, data) VALUES ('acct_1', '{"id": "acct_1"}')`);
    await runQuery(api.db, `INSERT INTO whdb_org_${orgB.key}.${tableB} (increase_id, data) VALUES ('acct_b', '{"id": "acct_b"}')`);
  });

  afterAll(async () => {
    await Promise.all(analysts.map((db) => db.close().catch(() => undefined)));
    await api?.close();
  });

  it('returns a read-only URL for the organization, the same until it is rolled, with the password encrypted at rest', async () => {
    const first = await connection(orgA);
    expect(first.status).toBe(200);
    const dbName = new URL(api.config.DATABASE_URL).pathname.slice(1);
    expect(first.body).toEqual({
      connection_url: expect.stringMatching(new RegExp(`^postgres(ql)?://whdb_org_${orgA.key}_analyst:[A-Za-z0-9_-]{43}@`)),
      username: `whdb_org_${orgA.key}_analyst`,
      host: new URL(api.config.DATABASE_URL).hostname,
      port: expect.any(Number),
      database: dbName,
      schema: `whdb_org_${orgA.key}`,
    });
    expect((await connection(orgA)).body).toEqual(first.body);
    const password = decodeURIComponent(new URL(first.body.connection_url).password);
    const [stored] = await runQuery<{ password: string }[]>(api.db, 'SELECT c.password FROM whdb.analyst_credentials c JOIN whdb.organizations o ON o.id = c.organization_id WHERE o.key = $1', [orgA.key]);
    expect(stored!.password).toMatch(/^v1:/);
    expect(stored!.password).not.toContain(password);
  });

  it('is for organization admins only', async () => {
    const [{ id }] = await runQuery<{ id: number }[]>(api.db, 'SELECT id FROM whdb.organizations WHERE key = $1', [orgA.key]);
    const member = await new TokenRepository(api.db).issue(id!, 'member');
    expectApiError(await connection(orgA, member), 403, 'forbidden', "don't have admin privileges");
    expectApiError(await roll(orgA, member), 403, 'forbidden');
    expectApiError(await connection(orgA, orgB.token), 403, 'forbidden', 'not a member');
    expectApiError(await jsonRequest('GET', `${api.url}/v1/organizations/${orgA.key}/db/connection`), 401, 'unauthenticated');
  });

  describe('connected with the credentials', () => {
    let analyst: Database;
    let laterTable: string;

    beforeAll(async () => {
      analyst = await connectAs((await connection(orgA)).body.connection_url);
      // A table created after the credentials were issued must be readable too (default privileges).
      laterTable = await createTable(orgA);
    });

    it('reads every table of its organization, by plain name (search_path)', async () => {
      expect(await runQuery(analyst, `SELECT increase_id FROM ${tableA}`)).toEqual([{ increase_id: 'acct_1' }]);
      expect(await runQuery(analyst, `SELECT count(*)::int AS n FROM whdb_org_${orgA.key}.${laterTable}`)).toEqual([{ n: 0 }]);
      expect(await runQuery(analyst, 'SELECT current_user AS who')).toEqual([{ who: `whdb_org_${orgA.key}_analyst` }]);
    });

    it("reads no other organization's schema and not the control plane", async () => {
      expect(await outcome(analyst, `SELECT * FROM whdb_org_${orgB.key}.${tableB}`)).toBe('42501');
      expect(await outcome(analyst, 'SELECT * FROM whdb.organizations')).toBe('42501');
      expect(await outcome(analyst, 'SELECT * FROM whdb.analyst_credentials')).toBe('42501');
      expect(await outcome(analyst, 'SELECT * FROM whdb.logged_webhooks')).toBe('42501');
    });

    it('starts read-only transactions', async () => {
      expect(await outcome(analyst, `INSERT INTO ${tableA} (increase_id, data) VALUES ('x', '{}')`)).toBe('25006');
    });

    it('may not write or change anything even in a read-write transaction', async () => {
      const refused = {
        insert: `INSERT INTO ${tableA} (increase_id, data) VALUES ('x', '{}')`,
        update: `UPDATE ${tableA} SET name = 'x'`,
        delete: `DELETE FROM ${tableA}`,
        truncate: `TRUNCATE ${tableA}`,
        createInOwnSchema: `CREATE TABLE whdb_org_${orgA.key}.sneaky (id int)`,
        createInPublic: 'CREATE TABLE public.sneaky (id int)',
        alter: `ALTER TABLE ${tableA} ADD COLUMN sneaky int`,
        drop: `DROP TABLE ${tableA}`,
        createIndex: `CREATE INDEX sneaky_idx ON ${tableA} (name)`,
        createSchema: 'CREATE SCHEMA sneaky',
        createRole: 'CREATE ROLE sneaky',
        writeControlPlane: "INSERT INTO whdb.organizations (key, name) VALUES ('sneaky', 'sneaky')",
      };
      const outcomes: Record<string, string> = {};
      for (const [name, sql] of Object.entries(refused)) outcomes[name] = await outcome(analyst, sql, true);
      expect(outcomes).toEqual(Object.fromEntries(Object.keys(refused).map((name) => [name, '42501'])));
      expect(await runQuery(api.db, `SELECT count(*)::int AS n FROM whdb_org_${orgA.key}.${tableA}`)).toEqual([{ n: 1 }]);
    });

    it('cannot pass its reading on (a GRANT by a non-owner grants nothing)', async () => {
      await outcome(analyst, `GRANT SELECT ON ${tableA} TO PUBLIC`, true);
      const [acl] = await runQuery<{ public_can_read: boolean }[]>(api.db, `SELECT has_table_privilege('public', $1, 'SELECT') AS public_can_read`, [`whdb_org_${orgA.key}.${tableA}`]);
      expect(acl).toEqual({ public_can_read: false });
    });
  });

  it('rolls the credentials: the old password stops working and the new one works', async () => {
    const before = (await connection(orgB)).body.connection_url;
    const oldSession = await connectAs(before);
    expect(await runQuery(oldSession, `SELECT count(*)::int AS n FROM ${tableB}`)).toEqual([{ n: 1 }]);

    const rolled = await roll(orgB);
    expect(rolled.status).toBe(200);
    expect(rolled.body.connection_url).not.toBe(before);
    expect(rolled.body.username).toBe(`whdb_org_${orgB.key}_analyst`);
    expect((await connection(orgB)).body.connection_url).toBe(rolled.body.connection_url);

    let oldFailure: unknown;
    await connectDatabase(before, { poolSize: 1, connectTimeoutMs: 5000 }).then(
      async (db) => {
        await db.close();
        throw new Error(
          'Postgres let the old password in: it does not ask analysts for passwords (add `host all +whdb_analysts ... scram-sha-256` before any trust rule of pg_hba.conf; docs/behaviour/analyst-access.md#authentication, tools/infra does it for local clusters)',
        );
      },
      (error: unknown) => (oldFailure = error),
    );
    expect(databaseErrorCode(oldFailure)).toBe('28P01');
    // The open session was ended too: its pool can only reconnect with the old password.
    expect(await outcome(oldSession, 'SELECT 1')).not.toBe('ok');

    const fresh = await connectAs(rolled.body.connection_url);
    expect(await runQuery(fresh, `SELECT increase_id FROM ${tableB}`)).toEqual([{ increase_id: 'acct_b' }]);
  });
});
