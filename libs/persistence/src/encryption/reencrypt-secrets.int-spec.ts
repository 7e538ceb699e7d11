import { EncryptionKeyring, integrationApiKey, IntegrationSettings, opaqueId, SecretBox } from '@whdb/core';
import { AnalystCredentialsRepository } from '../analyst-access/analyst-credentials.repository';
import { Database } from '../database/database';
import { OrganizationRecord, OrganizationRepository } from '../repositories/organization.repository';
import { ServiceIntegrationRepository } from '../repositories/service-integration.repository';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';
import { reencryptSecrets, ReencryptionTableReport } from './reencrypt-secrets';

/** docs/runbooks/rotate-a-secret.md#the-encryption-key, over real Postgres. */
describe('reencryptSecrets', () => {
  const A = SecretBox.generateKey();
  const B = SecretBox.generateKey();
  const legacy = new SecretBox(A); // before the rotation: the single WHDB_ENCRYPTION_KEY
  const rotated = new SecretBox(EncryptionKeyring.parse(`b:${B},a:${A}`)); // keyring "B,A"
  const onlyB = new SecretBox(EncryptionKeyring.parse(`b:${B}`)); // after: A removed
  let db: Database;
  let org: OrganizationRecord;

  beforeAll(async () => {
    db = await openTestDatabase();
    org = await new OrganizationRepository(db).create({ name: 'Rotation', key: `t_rot_${uniqueSuffix()}` });
  });

  afterAll(async () => {
    await db.query('DELETE FROM whdb.analyst_credentials WHERE organization_id = $1', [org.id]);
    await db.query('DELETE FROM whdb.service_integrations WHERE organization_id = $1', [org.id]);
    await db.query('DELETE FROM whdb.organizations WHERE id = $1', [org.id]);
    await db.close();
  });

  async function createUnder(box: SecretBox, secret: string): Promise<IntegrationSettings> {
    const repo = new ServiceIntegrationRepository(db, box);
    const opaque = opaqueId('svi');
    const sint = await repo.create({ organizationId: org.id, serviceName: 'widget_v1', tableName: `widget_${uniqueSuffix()}`, opaqueId: opaque, webhookdbApiKey: integrationApiKey(opaque) });
    return repo.updateSettings(sint.id, { webhookSecret: secret, backfillKey: `bk-${secret}` });
  }

  async function rawRow(id: number): Promise<Record<string, string>> {
    const [row] = await db.query<Record<string, string>>('SELECT * FROM whdb.service_integrations WHERE id = $1', [id]);
    return row!;
  }

  const ours = (report: { tables: ReencryptionTableReport[] }, table: string) => report.tables.find((t) => t.table === table)!;

  it('keeps reading data written under A with keyring "B,A", rewrites it all to B, after which "B" alone reads everything', async () => {
    const old = await Promise.all([1, 2, 3, 4, 5].map((n) => createUnder(legacy, `whsec-old-${n}`)));
    const credentials = await new AnalystCredentialsRepository(db, legacy).save(org.id, `whdb_analyst_${uniqueSuffix()}`, 'pw-old');
    expect((await rawRow(old[0]!.id)).webhook_secret).toMatch(/^v1:/);

    // Restarted with keyring "B,A": old data reads, API keys resolve, new data is written under B.
    const repo = new ServiceIntegrationRepository(db, rotated);
    expect((await repo.findById(old[0]!.id))?.webhookSecret).toBe('whsec-old-1');
    expect((await repo.findByApiKey(old[1]!.webhookdbApiKey))?.settings.id).toBe(old[1]!.id);
    const fresh = await createUnder(rotated, 'whsec-new');
    expect((await rawRow(fresh.id)).webhook_secret).toMatch(/^v2:b:/);
    const before = await rawRow(fresh.id);

    const progress: number[] = [];
    const report = await reencryptSecrets(db, rotated, { batchSize: 2, onProgress: (table) => progress.push(table.scanned) });
    expect(report.newestKeyId).toBe('b');
    expect(ours(report, 'service_integrations').rewritten).toBeGreaterThanOrEqual(5);
    expect(ours(report, 'analyst_credentials').rewritten).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeGreaterThanOrEqual(3); // 5 stale integrations in batches of 2

    for (const sint of old) {
      const raw = await rawRow(sint.id);
      for (const column of ['webhook_secret', 'backfill_key', 'webhookdb_api_key']) expect(raw[column]).toMatch(/^v2:b:/);
      expect(raw.backfill_secret).toBe('');
      expect(raw.webhookdb_api_key_digest).toBe(onlyB.lookupDigest(sint.webhookdbApiKey));
    }
    expect(await rawRow(fresh.id)).toEqual(before); // already under B: untouched

    // Keyring "B" alone: everything reads, every API key resolves.
    const afterRotation = new ServiceIntegrationRepository(db, onlyB);
    for (const [index, sint] of old.entries()) {
      expect(await afterRotation.findById(sint.id)).toMatchObject({ webhookSecret: `whsec-old-${index + 1}`, backfillKey: `bk-whsec-old-${index + 1}`, webhookdbApiKey: sint.webhookdbApiKey });
      expect((await afterRotation.findByApiKey(sint.webhookdbApiKey))?.settings.id).toBe(sint.id);
    }
    expect((await afterRotation.findById(fresh.id))?.webhookSecret).toBe('whsec-new');
    expect((await new AnalystCredentialsRepository(db, onlyB).find(org.id))?.password).toBe(credentials.password);

    // Idempotent: a second run finds nothing of ours to do and changes nothing.
    const snapshot = await Promise.all(old.map((sint) => rawRow(sint.id)));
    await reencryptSecrets(db, rotated);
    expect(await Promise.all(old.map((sint) => rawRow(sint.id)))).toEqual(snapshot);
  });

  it('keeps a write made between the read and the rewrite of a row (compare-and-swap), by a new or an old replica', async () => {
    const [first, second] = [await createUnder(legacy, 'whsec-before-1'), await createUnder(legacy, 'whsec-before-2')];
    let interleaved = false;
    const report = await reencryptSecrets(db, rotated, {
      batchSize: 1000,
      afterRead: async (table, keys) => {
        if (interleaved || table !== 'service_integrations' || !keys.includes(first.id)) return;
        interleaved = true;
        // A replica already on "B,A" and one still on the single key A write while the batch is in flight.
        await new ServiceIntegrationRepository(db, rotated).updateSettings(first.id, { webhookSecret: 'whsec-during-1' });
        await new ServiceIntegrationRepository(db, legacy).updateSettings(second.id, { webhookSecret: 'whsec-during-2' });
      },
    });
    expect(interleaved).toBe(true);
    expect(ours(report, 'service_integrations').concurrentlyUpdated + ours(report, 'service_integrations').rewritten).toBeGreaterThanOrEqual(2);

    const afterRotation = new ServiceIntegrationRepository(db, onlyB);
    expect((await afterRotation.findById(first.id))?.webhookSecret).toBe('whsec-during-1');
    expect((await afterRotation.findById(second.id))?.webhookSecret).toBe('whsec-during-2');
    expect((await rawRow(second.id)).webhook_secret).toMatch(/^v2:b:/);
    expect((await afterRotation.findById(second.id))?.backfillKey).toBe('bk-whsec-before-2');
  });

  it('leaves a ciphertext no key opens as it is and reports it by primary key only', async () => {
    const stranger = await createUnder(new SecretBox(SecretBox.generateKey()), 'whsec-unknown-key');
    const before = await rawRow(stranger.id);
    const report = await reencryptSecrets(db, rotated);
    const table = ours(report, 'service_integrations');
    expect(table.unreadable).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(report)).not.toContain('whsec-unknown-key');
    expect(await rawRow(stranger.id)).toEqual(before);
  });
});
