import { LoggedWebhookEntry, retentionCutoffs } from '@whdb/core';
import { randomUUID } from 'node:crypto';
import { Database } from '../database/database';
import { runQuery } from '../database/transaction';
import { OrganizationRepository } from '../repositories/organization.repository';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';
import { LoggedWebhookRepository } from './logged-webhook.repository';

/** The webhook audit log table (docs/behaviour/audit-log.md). */
describe('LoggedWebhookRepository', () => {
  let db: Database;
  let repository: LoggedWebhookRepository;
  let organizationId: number;
  let otherOrganizationId: number;
  const opaqueId = `svi_t_${uniqueSuffix()}`;

  const entry = (overrides: Partial<LoggedWebhookEntry> = {}): LoggedWebhookEntry => ({
    eventId: randomUUID(),
    correlationId: 'corr',
    receivedAt: new Date(),
    opaqueId,
    organizationId,
    method: 'POST',
    path: `/v1/service_integrations/${opaqueId}`,
    headers: { 'content-type': 'application/json' },
    body: '{"id":"a"}',
    status: 202,
    rejectedReason: null,
    ...overrides,
  });

  beforeAll(async () => {
    db = await openTestDatabase();
    repository = new LoggedWebhookRepository(db);
    const organizations = new OrganizationRepository(db);
    organizationId = (await organizations.create({ name: 'log test', key: `t_log_${uniqueSuffix()}` })).id;
    otherOrganizationId = (await organizations.create({ name: 'log other', key: `t_log_${uniqueSuffix()}` })).id;
  });

  afterAll(async () => {
    await runQuery(db, 'DELETE FROM whdb.logged_webhooks WHERE organization_id = ANY($1) OR service_integration_opaque_id = $2', [[organizationId, otherOrganizationId], opaqueId]);
    await runQuery(db, 'DELETE FROM whdb.organizations WHERE id = ANY($1)', [[organizationId, otherOrganizationId]]);
    await db.close();
  });

  it('inserts a batch once: a redelivered event id is skipped', async () => {
    const batch = [entry({ body: 'with \u0000 nul' }), entry({ status: 401, rejectedReason: 'missing hmac' })];
    expect(await repository.insertMany(batch)).toBe(2);
    expect(await repository.insertMany([...batch, entry()])).toBe(1);
    const stored = await runQuery<{ n: number }[]>(db, 'SELECT count(*)::int AS n FROM whdb.logged_webhooks WHERE event_id = ANY($1)', [batch.map((e) => e.eventId)]);
    expect(stored).toEqual([{ n: 2 }]);
  });

  it('records an organization that does not exist (any more) as none', async () => {
    const orphan = entry({ organizationId: 2_000_000_000 });
    await repository.insertMany([orphan]);
    expect(await runQuery(db, 'SELECT organization_id FROM whdb.logged_webhooks WHERE event_id = $1', [orphan.eventId])).toEqual([{ organization_id: null }]);
  });

  it('lists newest first, filtered by integration, status and time, in pages', async () => {
    const base = Date.now() - 60_000;
    const ids = { other: `svi_o_${uniqueSuffix()}` };
    const rows = [
      entry({ receivedAt: new Date(base), status: 202 }),
      entry({ receivedAt: new Date(base + 1000), status: 401, rejectedReason: 'bad' }),
      entry({ receivedAt: new Date(base + 2000), status: 202, opaqueId: ids.other }),
      entry({ receivedAt: new Date(base + 3000), status: 202 }),
      entry({ organizationId: otherOrganizationId }),
    ];
    for (const row of rows) await repository.insertMany([row]);
    const since = new Date(base);
    const page = (more: object) => repository.list({ organizationId, since, limit: 10, ...more });
    const events = (records: { eventId: string | null }[]) => records.map((r) => r.eventId);

    expect(events(await page({ until: new Date(base + 3500) }))).toEqual([rows[3], rows[2], rows[1], rows[0]].map((r) => r.eventId));
    expect(events(await page({ opaqueId: ids.other }))).toEqual([rows[2]!.eventId]);
    expect(events(await page({ status: 'rejected', until: new Date(base + 3500) }))).toEqual([rows[1]!.eventId]);
    expect(events(await page({ status: 'accepted', until: new Date(base + 2500) }))).toEqual([rows[2]!.eventId, rows[0]!.eventId]);

    const first = await page({ limit: 2, until: new Date(base + 3500) });
    const second = await page({ limit: 2, until: new Date(base + 3500), beforeId: first[1]!.id });
    expect(events([...first, ...second])).toEqual([rows[3], rows[2], rows[1], rows[0]].map((r) => r.eventId));
    const [record] = second.slice(-1);
    expect(record).toMatchObject({ opaqueId, organizationId, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"a"}', status: 202, truncatedAt: null });

    expect((await repository.findForOrganization(otherOrganizationId, [first[0]!.id])).length).toBe(0);
    expect((await repository.findForOrganization(organizationId, [first[0]!.id])).map((r) => r.eventId)).toEqual([rows[3]!.eventId]);
  });

  it('trims per SPEC 9.3: truncates first, deletes truncated rows later, deletes old orphans', async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000 - 1000);
    const rows = {
      freshAccepted: entry({ receivedAt: daysAgo(6) }),
      oldAccepted: entry({ receivedAt: daysAgo(8) }),
      rejectedUnder30: entry({ receivedAt: daysAgo(20), status: 401 }),
      oldRejected: entry({ receivedAt: daysAgo(31), status: 401 }),
      ancient: entry({ receivedAt: daysAgo(100) }),
      orphan: entry({ receivedAt: daysAgo(15), organizationId: null }),
      youngOrphan: entry({ receivedAt: daysAgo(10), organizationId: null }),
    };
    await repository.insertMany(Object.values(rows));
    const cutoffs = retentionCutoffs({ orphanDays: 14, acceptedTruncateDays: 7, rejectedTruncateDays: 30, deleteDays: 90 }, now);
    const state = async () => {
      const found = await runQuery<{ event_id: string; truncated: boolean; body: string }[]>(
        db,
        'SELECT event_id, truncated_at IS NOT NULL AS truncated, request_body AS body FROM whdb.logged_webhooks WHERE event_id = ANY($1)',
        [Object.values(rows).map((r) => r.eventId)],
      );
      const byEvent = new Map(found.map((row) => [row.event_id, row.truncated ? 'truncated' : 'kept']));
      return Object.fromEntries(Object.entries(rows).map(([name, row]) => [name, byEvent.get(row.eventId) ?? 'deleted']));
    };
    await repository.trim(cutoffs, 1000);
    // The ancient row was not truncated yet: it is truncated now and deleted by the next pass.
    expect(await state()).toEqual({ freshAccepted: 'kept', oldAccepted: 'truncated', rejectedUnder30: 'kept', oldRejected: 'truncated', ancient: 'truncated', orphan: 'deleted', youngOrphan: 'truncated' });
    await repository.trim(cutoffs, 1000);
    expect((await state())['ancient']).toBe('deleted');
    const [truncated] = await runQuery<{ request_body: string; request_headers: object }[]>(db, 'SELECT request_body, request_headers FROM whdb.logged_webhooks WHERE event_id = $1', [rows.oldAccepted.eventId]);
    expect(truncated).toEqual({ request_body: '', request_headers: {} });
  });
});
