import { opaqueId, SecretBox } from '@whdb/core';
import { randomBytes } from 'node:crypto';
import { Database } from '../database/database';
import { withTransaction } from '../database/transaction';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';
import { lockIntegrationSchedule, withIntegrationBackfillLock } from './backfill-integration-lock';
import { BackfillJobRepository } from './backfill-job.repository';
import { OrganizationRepository } from './organization.repository';
import { ServiceIntegrationRepository } from './service-integration.repository';

describe('backfill locks and the runnable jobs (docs/behaviour/backfill.md#lock, #sweep)', () => {
  let db: Database;
  let organizationId: number;
  let integrationId: number;
  const key = `t_bflock_${uniqueSuffix()}`;

  beforeAll(async () => {
    db = await openTestDatabase();
    organizationId = (await new OrganizationRepository(db).create({ name: 'Locks', key })).id;
    const integrations = new ServiceIntegrationRepository(db, new SecretBox(randomBytes(32).toString('base64')));
    integrationId = (await integrations.create({ organizationId, serviceName: 'signalwire_message_v1', tableName: `signalwire_message_v1_${uniqueSuffix().slice(0, 4)}`, opaqueId: opaqueId('svi') })).id;
  });

  afterAll(async () => {
    await db.query('DELETE FROM whdb.service_integrations WHERE organization_id = $1', [organizationId]);
    await db.query('DELETE FROM whdb.organizations WHERE key = $1', [key]);
    await db.close();
  });

  it('lets one session at a time run an integration, and frees it afterwards', async () => {
    const inner = await withIntegrationBackfillLock(db, integrationId, () => withIntegrationBackfillLock(db, integrationId, async () => 'second'));
    expect(inner).toEqual({ acquired: true, result: { acquired: false } });
    await expect(withIntegrationBackfillLock(db, integrationId, async () => 'again')).resolves.toEqual({ acquired: true, result: 'again' });
  });

  it('releases the lock when the work throws', async () => {
    await expect(withIntegrationBackfillLock(db, integrationId, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withIntegrationBackfillLock(db, integrationId, async () => 1)).resolves.toEqual({ acquired: true, result: 1 });
  });

  it('lists roots and children of finished parents as runnable, not children of unfinished ones', async () => {
    const jobs = new BackfillJobRepository(db);
    const parent = await jobs.create({ serviceIntegrationId: integrationId, incremental: true, criteria: { scheduled_slot: '42' } });
    const child = await jobs.create({ serviceIntegrationId: integrationId, incremental: true, parentJobId: parent.id });
    const ours = async () => (await jobs.listRunnable(10_000)).filter((job) => job.serviceIntegrationId === integrationId).map((job) => job.id);
    expect(await ours()).toEqual([parent.id]);
    expect(await jobs.hasUnfinishedRoot(integrationId)).toBe(true);
    expect(await jobs.hasRootWithCriterion(integrationId, 'scheduled_slot', '42')).toBe(true);
    expect(await jobs.hasRootWithCriterion(integrationId, 'scheduled_slot', '43')).toBe(false);
    await jobs.markFinished(parent.id);
    expect(await ours()).toEqual([child.id]);
    await expect(jobs.markSkipped(child.id, 'webhook-only')).resolves.toMatchObject({ status: 'finished', error: 'webhook-only' });
    expect(await ours()).toEqual([]);
    expect(await jobs.hasUnfinishedRoot(integrationId)).toBe(false);
  });

  it('serializes schedule claims of one integration until the transaction ends', async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const first = withTransaction(db, async (tx) => {
      await lockIntegrationSchedule(tx, integrationId);
      firstLocked();
      await held;
      order.push('first done');
    });
    await locked;
    const second = withTransaction(db, async (tx) => {
      await lockIntegrationSchedule(tx, integrationId);
      order.push('second locked');
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    order.push('release');
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['release', 'first done', 'second locked']);
  });
});
