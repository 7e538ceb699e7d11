import { Database } from '../database/database';
import { OrganizationRepository } from './organization.repository';
import { TokenRepository, tokenDigest } from './token.repository';
import { openTestDatabase, uniqueSuffix } from '../testing/test-database';

describe('OrganizationRepository and TokenRepository', () => {
  let dataSource: Database;
  const keys: string[] = [];

  beforeAll(async () => {
    dataSource = await openTestDatabase();
  });

  afterAll(async () => {
    await dataSource.query('DELETE FROM whdb.organizations WHERE key = ANY($1)', [keys]);
    await dataSource.close();
  });

  function newKey(): string {
    const key = `t_org_${uniqueSuffix()}`;
    keys.push(key);
    return key;
  }

  it('creates an organization and finds it by id or key', async () => {
    const orgs = new OrganizationRepository(dataSource);
    const key = newKey();
    const created = await orgs.create({ name: 'Acme Corp', key });
    expect(created).toEqual({ id: expect.any(Number), key, name: 'Acme Corp' });
    await expect(orgs.findByRef(key)).resolves.toEqual(created);
    await expect(orgs.findByRef(String(created.id))).resolves.toEqual(created);
    await expect(orgs.findByRef('t_no_such_org')).resolves.toBeNull();
    await expect(orgs.findByRef('999999999')).resolves.toBeNull();
  });

  it('refuses a taken key with conflict and a malformed key with invalid_input', async () => {
    const orgs = new OrganizationRepository(dataSource);
    const key = newKey();
    await orgs.create({ name: 'First', key });
    await expect(orgs.create({ name: 'Second', key })).rejects.toMatchObject({ code: 'conflict' });
    await expect(orgs.create({ name: 'Bad', key: 'Bad Key' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('issues tokens shown once and stores only their SHA-256 digest', async () => {
    const org = await new OrganizationRepository(dataSource).create({ name: 'Tokens', key: newKey() });
    const tokens = new TokenRepository(dataSource);
    const token = await tokens.issue(org.id, 'admin');
    expect(token).toMatch(/^whdb_[0-9a-z]+$/);

    const stored = await dataSource.query('SELECT token_digest, last_used_at FROM whdb.tokens WHERE organization_id = $1', [org.id]);
    expect(stored).toEqual([{ token_digest: tokenDigest(token), last_used_at: null }]);
    expect(JSON.stringify(stored)).not.toContain(token);

    await expect(tokens.resolve(token)).resolves.toEqual({ organizationId: org.id, role: 'admin' });
    const [{ last_used_at }] = await dataSource.query('SELECT last_used_at FROM whdb.tokens WHERE organization_id = $1', [org.id]);
    expect(last_used_at).toBeInstanceOf(Date);
    await expect(tokens.resolve(`${token}x`)).resolves.toBeNull();
    await expect(tokens.resolve('not-a-token')).resolves.toBeNull();
  });

  it('refuses tokens for a missing organization', async () => {
    await expect(new TokenRepository(dataSource).issue(999_999_999, 'member')).rejects.toMatchObject({ code: 'not_found' });
  });
});
