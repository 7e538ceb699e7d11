import { ServiceProcess, TableProbe, WhdbStack, buildIncreaseAccount, eventually, freePort } from '@whdb/testing';
import { randomBytes } from 'node:crypto';

/**
 * A release that adds a column (docs/behaviour/replicator-framework.md#adding-columns): an
 * integration's table was created by the previous release, without `name`, and holds rows. The
 * new release's projector, on boot and before it consumes, adds the column to every live table of
 * its replicator and fills it from each row's `data`.
 */
describe('a column added by a release reaches every live table', () => {
  const orgKeys = [`e2e_col_${randomBytes(4).toString('hex')}`, `e2e_col_${randomBytes(4).toString('hex')}`];
  let stack: WhdbStack;
  let probe: TableProbe;
  let projector: ServiceProcess | null = null;
  const tables: { orgKey: string; table: string }[] = [];

  beforeAll(async () => {
    // No projector yet: it is the new release, started below.
    stack = await new WhdbStack({ kafkaBrokers: process.env['KAFKA_BROKERS']!, databaseUrl: process.env['DATABASE_URL']!, replicators: [] }).start();
    probe = await TableProbe.connect(process.env['DATABASE_URL']!);
  });

  afterAll(async () => {
    await projector?.stop();
    await stack?.stop();
    for (const orgKey of orgKeys) await probe?.dropOrganizationSchema(orgKey);
    await probe?.close();
  });

  it('adds the column to tables of every organization and fills existing rows from data, before consuming', async () => {
    for (const orgKey of orgKeys) {
      const created = await stack.adminClient().createOrganization(`Columns ${orgKey}`, orgKey);
      const step = await stack.adminClient().withToken(created.token).createIntegration(orgKey, 'increase_account_v1');
      const table = step.service_integration.table_name;
      tables.push({ orgKey, table });
      const qualified = `whdb_org_${orgKey}.${table}`;
      // The table as the previous release left it: no `name` column, and rows written then.
      await probe.query(`ALTER TABLE ${qualified} DROP COLUMN name`);
      for (let i = 0; i < 3; i += 1) {
        const account = buildIncreaseAccount({ name: `Account ${orgKey} ${i}` });
        await probe.query(`INSERT INTO ${qualified} (increase_id, status, updated_at, data) VALUES ($1, 'open', now(), $2::jsonb)`, [account['id'], JSON.stringify(account)]);
      }
      await probe.query(`INSERT INTO ${qualified} (increase_id, data) VALUES ('account_without_name', '{"id":"account_without_name"}'::jsonb)`);
    }

    const port = await freePort();
    projector = new ServiceProcess({
      app: 'projector',
      label: 'projector-increase_account_v1 (new release)',
      env: {
        DATABASE_URL: process.env['DATABASE_URL']!,
        KAFKA_BROKERS: process.env['KAFKA_BROKERS']!,
        WHDB_ENCRYPTION_KEY: stack.encryptionKey,
        WHDB_REPLICATOR: 'increase_account_v1',
        PROBE_PORT: String(port),
        LOG_LEVEL: 'info',
      },
      probeUrl: `http://127.0.0.1:${port}`,
    });
    await projector.start();

    for (const { orgKey, table } of tables) {
      const rows = await eventually(async () => {
        const found = await probe.rows<{ increase_id: string; name: string | null; data: { name?: string } }>(orgKey, table);
        return found.length === 4 && 'name' in found[0]! && found;
      }, { description: `the name column in ${table}` });
      for (const row of rows) expect(row.name).toBe(row.data.name ?? null);
      expect(rows.filter((row) => row.name !== null)).toHaveLength(3);
      const [index] = await probe.query<{ n: string }>(`SELECT count(*) AS n FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`, [`whdb_org_${orgKey}`, table]);
      expect(Number(index!.n)).toBeGreaterThan(1);
    }
    expect(projector.logTail()).toContain('live tables match this release');
  });
});
