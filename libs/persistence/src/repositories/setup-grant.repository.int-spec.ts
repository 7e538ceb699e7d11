import { Database } from '../database/database';
import { OrganizationRepository } from './organization.repository';
import { SetupGrantRepository } from './setup-grant.repository';
import { tokenDigest } from './token.repository';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';

describe('SetupGrantRepository', () => {
  let dataSource: Database;
  let grants: SetupGrantRepository;
  let organizationId: number;
  const key = `t_grants_${uniqueSuffix()}`;

  beforeAll(async () => {
    dataSource = await openTestDatabase();
    grants = new SetupGrantRepository(dataSource);
    organizationId = (await new OrganizationRepository(dataSource).create({ name: 'Grants', key })).id;
  });

  afterAll(async () => {
    await dataSource.query('DELETE FROM whdb.organizations WHERE key = $1', [key]);
    await dataSource.close();
  });

  it('exchanges a grant once for a session of its organization and service; stores only digests', async () => {
    const { grant, expiresAt } = await grants.issue(organizationId, 'increase_account_v1', 900);
    expect(grant).toMatch(/^setup_grant_[0-9a-z]+$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(890_000);

    const exchanged = await grants.exchange(grant, 3600);
    expect(exchanged).toEqual({ session: expect.stringMatching(/^setup_session_[0-9a-z]+$/), organizationId, serviceName: 'increase_account_v1', expiresAt: expect.any(Date) });
    await expect(grants.exchange(grant, 3600)).resolves.toBeNull();
    await expect(grants.resolveSession(exchanged!.session)).resolves.toEqual({ organizationId, serviceName: 'increase_account_v1', expiresAt: exchanged!.expiresAt });

    const stored = await dataSource.query('SELECT * FROM whdb.setup_grants WHERE organization_id = $1', [organizationId]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ grant_digest: tokenDigest(grant), session_digest: tokenDigest(exchanged!.session) });
    expect(JSON.stringify(stored)).not.toContain(grant);
    expect(JSON.stringify(stored)).not.toContain(exchanged!.session);
  });

  it('refuses an expired grant, an expired session, and anything that is not one', async () => {
    const { grant } = await grants.issue(organizationId, 'increase_account_v1', 900);
    await dataSource.query(`UPDATE whdb.setup_grants SET grant_expires_at = now() - interval '1 second' WHERE grant_digest = $1`, [tokenDigest(grant)]);
    await expect(grants.exchange(grant, 3600)).resolves.toBeNull();

    const live = await grants.exchange((await grants.issue(organizationId, 'increase_account_v1', 900)).grant, 3600);
    await dataSource.query(`UPDATE whdb.setup_grants SET session_expires_at = now() - interval '1 second' WHERE session_digest = $1`, [tokenDigest(live!.session)]);
    await expect(grants.resolveSession(live!.session)).resolves.toBeNull();

    await expect(grants.exchange('whdb_not_a_grant', 3600)).resolves.toBeNull();
    await expect(grants.exchange('setup_grant_unknown', 3600)).resolves.toBeNull();
    await expect(grants.resolveSession(grant)).resolves.toBeNull();
  });

  it('lets only one of two simultaneous exchanges of a grant win', async () => {
    const { grant } = await grants.issue(organizationId, 'increase_account_v1', 900);
    const results = await Promise.all([grants.exchange(grant, 3600), grants.exchange(grant, 3600), grants.exchange(grant, 3600)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
