import { opaqueId, SecretBox } from '@whdb/core';
import { randomBytes } from 'node:crypto';
import { Database } from '../database/database';
import { BackfillJobRepository } from './backfill-job.repository';
import { ErrorHandlerRepository } from './error-handler.repository';
import { OrganizationRepository } from './organization.repository';
import { ServiceIntegrationRepository } from './service-integration.repository';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';

describe('BackfillJobRepository and ErrorHandlerRepository', () => {
  let db: Database;
  let organizationId: number;
  let integrationId: number;
  const key = `t_bfj_${uniqueSuffix()}`;

  beforeAll(async () => {
    db = await openTestDatabase();
    organizationId = (await new OrganizationRepository(db).create({ name: 'Jobs', key })).id;
    const integrations = new ServiceIntegrationRepository(db, new SecretBox(randomBytes(32).toString('base64')));
    integrationId = (await integrations.create({ organizationId, serviceName: 'increase_account_v1', tableName: `increase_account_v1_${uniqueSuffix().slice(0, 4)}`, opaqueId: opaqueId('svi') })).id;
  });

  afterAll(async () => {
    await db.query('DELETE FROM whdb.service_integrations WHERE organization_id = $1', [organizationId]);
    await db.query('DELETE FROM whdb.organizations WHERE key = $1', [key]);
    await db.close();
  });

  it('creates a pending job with children and follows it through pages to finished', async () => {
    const jobs = new BackfillJobRepository(db);
    const parent = await jobs.create({ serviceIntegrationId: integrationId, incremental: true, criteria: { since: 'x' } });
    expect(parent).toMatchObject({ opaqueId: expect.stringMatching(/^bfj_/), status: 'pending', pages: 0, rows: 0, cursor: null, attempts: 0, incremental: true, criteria: { since: 'x' } });
    const child = await jobs.create({ serviceIntegrationId: integrationId, incremental: true, parentJobId: parent.id });
    expect((await jobs.childrenOf(parent.id)).map((j) => j.opaqueId)).toEqual([child.opaqueId]);

    const running = await jobs.markRunning(parent.id);
    expect(running).toMatchObject({ status: 'running', attempts: 1, startedAt: expect.any(Date) });
    await jobs.recordPage(parent.id, 100, 'cursor-2');
    const paged = await jobs.recordPage(parent.id, 50, null);
    expect(paged).toMatchObject({ pages: 2, rows: 150, cursor: null });
    const finished = await jobs.markFinished(parent.id);
    expect(finished).toMatchObject({ status: 'finished', finishedAt: expect.any(Date) });
    await expect(jobs.findByOpaqueId(parent.opaqueId)).resolves.toMatchObject({ status: 'finished', rows: 150 });
  });

  it('records a failure with a message and refuses jobs of unknown integrations', async () => {
    const jobs = new BackfillJobRepository(db);
    const job = await jobs.create({ serviceIntegrationId: integrationId, incremental: false });
    await expect(jobs.markFailed(job.id, 'HTTP 401 from the provider')).resolves.toMatchObject({ status: 'failed', error: 'HTTP 401 from the provider' });
    await expect(jobs.create({ serviceIntegrationId: 2_000_000_000, incremental: false })).rejects.toMatchObject({ code: 'not_found' });
    await expect(jobs.findByOpaqueId('bfj_nope')).resolves.toBeNull();
  });

  it('keeps one error handler per URL and organization', async () => {
    const handlers = new ErrorHandlerRepository(db);
    const created = await handlers.create(organizationId, 'https://alerts.example.com/hook');
    expect(created.opaqueId).toMatch(/^eh_/);
    await expect(handlers.create(organizationId, 'https://alerts.example.com/hook')).rejects.toMatchObject({ code: 'conflict' });
    expect((await handlers.listForOrganization(organizationId)).map((h) => h.url)).toEqual(['https://alerts.example.com/hook']);
    await expect(handlers.delete(organizationId, created.opaqueId)).resolves.toBe(true);
    await expect(handlers.delete(organizationId, created.opaqueId)).resolves.toBe(false);
  });
});
