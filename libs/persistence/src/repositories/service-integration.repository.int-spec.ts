import { Database } from '../database/database';
import { integrationApiKey, opaqueId, SecretBox } from '@whdb/core';
import { OrganizationRecord, OrganizationRepository } from './organization.repository';
import { ServiceIntegrationRepository } from './service-integration.repository';
import { withTransaction } from '../database/transaction';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';

describe('ServiceIntegrationRepository', () => {
  let dataSource: Database;
  let org: OrganizationRecord;
  let repo: ServiceIntegrationRepository;
  const box = new SecretBox(SecretBox.generateKey());

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    org = await new OrganizationRepository(dataSource).create({ name: 'Integrations', key: `t_sint_${uniqueSuffix()}` });
    repo = new ServiceIntegrationRepository(dataSource, box);
  });

  afterAll(async () => {
    // Children before parents (depends_on is RESTRICT).
    await dataSource.query('DELETE FROM whdb.service_integrations WHERE organization_id = $1 AND depends_on_id IS NOT NULL', [org.id]);
    await dataSource.query('DELETE FROM whdb.service_integrations WHERE organization_id = $1', [org.id]);
    await dataSource.query('DELETE FROM whdb.organizations WHERE id = $1', [org.id]);
    await dataSource.close();
  });

  const create = (serviceName = 'widget_v1', extra: { dependsOnId?: number; webhookdbApiKey?: string } = {}) =>
    repo.create({ organizationId: org.id, serviceName, tableName: `${serviceName}_${uniqueSuffix().slice(0, 4)}`, opaqueId: opaqueId('svi'), ...extra });

  it('creates an integration with empty secrets and defaults', async () => {
    const sint = await create();
    expect(sint).toMatchObject({
      organizationId: org.id,
      serviceName: 'widget_v1',
      apiUrl: '',
      backfillKey: '',
      backfillSecret: '',
      webhookSecret: '',
      webhookdbApiKey: '',
      lastBackfilledAt: null,
      dependsOnId: null,
      skipWebhookVerification: false,
    });
    await expect(repo.findByOpaqueId(sint.opaqueId)).resolves.toEqual({ settings: sint, organizationKey: org.key });
    await expect(repo.findByOpaqueId('svi_missing')).resolves.toBeNull();
  });

  it('encrypts secrets at rest and decrypts them on read', async () => {
    const sint = await create();
    const updated = await repo.updateSettings(sint.id, { webhookSecret: 'whsec-plain-1', backfillKey: 'bk-plain-2', backfillSecret: 'bs-plain-3', apiUrl: 'https://x' });
    expect(updated).toMatchObject({ webhookSecret: 'whsec-plain-1', backfillKey: 'bk-plain-2', backfillSecret: 'bs-plain-3', apiUrl: 'https://x' });

    const [raw] = await dataSource.query('SELECT * FROM whdb.service_integrations WHERE id = $1', [sint.id]);
    const dump = JSON.stringify(raw);
    for (const plain of ['whsec-plain-1', 'bk-plain-2', 'bs-plain-3']) expect(dump).not.toContain(plain);
    expect(raw.webhook_secret).toMatch(/^v1:/);
    expect((await repo.findById(sint.id))?.webhookSecret).toBe('whsec-plain-1');

    const cleared = await repo.updateSettings(sint.id, { backfillKey: '', backfillSecret: '' });
    expect(cleared).toMatchObject({ backfillKey: '', backfillSecret: '', webhookSecret: 'whsec-plain-1' });
  });

  it('finds an integration by its API key through the keyed digest', async () => {
    const sint = await create('channel_v1');
    const apiKey = integrationApiKey(sint.opaqueId);
    await repo.updateSettings(sint.id, { webhookdbApiKey: apiKey });

    const [raw] = await dataSource.query('SELECT webhookdb_api_key, webhookdb_api_key_digest FROM whdb.service_integrations WHERE id = $1', [sint.id]);
    expect(JSON.stringify(raw)).not.toContain(apiKey);
    expect(raw.webhookdb_api_key_digest).toBe(box.lookupDigest(apiKey));

    const found = await repo.findByApiKey(apiKey);
    expect(found?.settings.id).toBe(sint.id);
    expect(found?.settings.webhookdbApiKey).toBe(apiKey);
    expect(found?.organizationKey).toBe(org.key);
    await expect(repo.findByApiKey(`${apiKey}x`)).resolves.toBeNull();
    await expect(repo.findByApiKey('')).resolves.toBeNull();

    const other = await create('channel_v1');
    await expect(repo.updateSettings(other.id, { webhookdbApiKey: apiKey })).rejects.toMatchObject({ code: 'conflict' });
    await repo.updateSettings(sint.id, { webhookdbApiKey: '' });
    await expect(repo.findByApiKey(apiKey)).resolves.toBeNull();
  });

  it('refuses a table name already used in the organization', async () => {
    const sint = await create();
    await expect(repo.create({ organizationId: org.id, serviceName: 'widget_v1', tableName: sint.tableName, opaqueId: opaqueId('svi') })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(repo.create({ organizationId: org.id, serviceName: 'widget_v1', tableName: 'bad name', opaqueId: opaqueId('svi') })).rejects.toMatchObject({
      code: 'invalid_identifier',
    });
  });

  it('resolves refs by opaque id, table name, or a unique service name', async () => {
    const solo = await create(`solo_${uniqueSuffix()}_v1`);
    const twinName = `twin_${uniqueSuffix()}_v1`;
    const twinA = await create(twinName);
    const twinB = await create(twinName);
    expect(await repo.resolveRef(org.id, solo.opaqueId)).toEqual({ kind: 'found', settings: solo });
    expect(await repo.resolveRef(org.id, twinA.tableName)).toEqual({ kind: 'found', settings: twinA });
    expect(await repo.resolveRef(org.id, solo.serviceName)).toEqual({ kind: 'found', settings: solo });
    expect(await repo.resolveRef(org.id, twinName)).toEqual({ kind: 'ambiguous', candidates: [twinA.opaqueId, twinB.opaqueId] });
    expect(await repo.resolveRef(org.id, 'nothing_v1')).toEqual({ kind: 'none' });
    expect(await repo.resolveRef(org.id + 1_000_000, solo.opaqueId)).toEqual({ kind: 'none' });
  });

  it('lists, tracks dependents, sets last backfill, and refuses to delete a parent', async () => {
    const parent = await create('parent_v1');
    const child = await create('child_v1', { dependsOnId: parent.id });
    expect((await repo.listForOrganization(org.id)).map((s) => s.id)).toEqual(expect.arrayContaining([parent.id, child.id]));
    expect((await repo.listDependents(parent.id)).map((s) => s.id)).toEqual([child.id]);

    const at = new Date('2024-05-06T07:08:09.000Z');
    await repo.setLastBackfilledAt(parent.id, at);
    expect((await repo.findById(parent.id))?.lastBackfilledAt).toEqual(at);

    await expect(repo.delete(parent.id)).rejects.toMatchObject({ code: 'conflict' });
    await repo.delete(child.id);
    await repo.delete(parent.id);
    await expect(repo.findById(parent.id)).resolves.toBeNull();
  });

  it('lists the opaque ids of a service\'s dependents by the parent\'s opaque id, reading no secret', async () => {
    const parent = await create('parent_v1');
    await repo.updateSettings(parent.id, { backfillSecret: 'parent-secret' });
    const first = await create('child_v1', { dependsOnId: parent.id });
    await create('other_child_v1', { dependsOnId: parent.id });
    const second = await create('child_v1', { dependsOnId: parent.id });
    const lone = await create('parent_v1');
    // Another keyring cannot decrypt anything here, and needs not to.
    const otherKey = new ServiceIntegrationRepository(dataSource, new SecretBox(SecretBox.generateKey()));
    await expect(otherKey.listDependentOpaqueIds(parent.opaqueId, 'child_v1')).resolves.toEqual([first.opaqueId, second.opaqueId]);
    await expect(repo.listDependentOpaqueIds(lone.opaqueId, 'child_v1')).resolves.toEqual([]);
    await expect(repo.listDependentOpaqueIds('svi_missing', 'child_v1')).resolves.toEqual([]);
  });

  it('joins a transaction when built with one', async () => {
    const opaque = opaqueId('svi');
    await expect(
      withTransaction(dataSource, async (tx) => {
        await new ServiceIntegrationRepository(tx, box).create({ organizationId: org.id, serviceName: 'widget_v1', tableName: `widget_v1_${uniqueSuffix().slice(0, 4)}`, opaqueId: opaque });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expect(repo.findByOpaqueId(opaque)).resolves.toBeNull();
  });

  it('fails clearly when secrets were encrypted with another key', async () => {
    const sint = await create();
    await repo.updateSettings(sint.id, { webhookSecret: 'abc' });
    const otherBox = new ServiceIntegrationRepository(dataSource, new SecretBox(SecretBox.generateKey()));
    await expect(otherBox.findById(sint.id)).rejects.toMatchObject({ code: 'invariant_violated', message: expect.stringContaining('webhook_secret') });
  });
});
