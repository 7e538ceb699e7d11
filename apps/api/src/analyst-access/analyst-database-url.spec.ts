import { analystConnection, analystDatabaseBase } from './analyst-database-url';

describe('analyst database URL', () => {
  it('drops the api credentials from DATABASE_URL', () => {
    const base = analystDatabaseBase('postgres://whdb:s3cret@db.internal:5433/whdb?sslmode=require&password=x&user=y', undefined);
    expect(base.href).toBe('postgres://db.internal:5433/whdb?sslmode=require');
  });

  it('prefers WHDB_ANALYST_DATABASE_URL, also without credentials', () => {
    const base = analystDatabaseBase('postgres://whdb:s3cret@db.internal:5432/whdb', 'postgres://someone:pw@analytics.example.com/warehouse');
    expect(base.href).toBe('postgres://analytics.example.com/warehouse');
  });

  it('puts the analyst role and password in, and tells the parts', () => {
    const base = analystDatabaseBase('postgres://whdb@127.0.0.1:5432/whdb_test', undefined);
    expect(analystConnection(base, 'whdb_org_acme_analyst', 'pA_ss-word', 'whdb_org_acme')).toEqual({
      connection_url: 'postgres://whdb_org_acme_analyst:pA_ss-word@127.0.0.1:5432/whdb_test',
      username: 'whdb_org_acme_analyst',
      host: '127.0.0.1',
      port: 5432,
      database: 'whdb_test',
      schema: 'whdb_org_acme',
    });
    expect(analystConnection(analystDatabaseBase('postgresql://h/db', undefined), 'u', 'p', 's').port).toBe(5432);
  });

  it('refuses a URL without a database', () => {
    expect(() => analystConnection(analystDatabaseBase('postgres://h:5432', undefined), 'u', 'p', 's')).toThrow(expect.objectContaining({ code: 'config_invalid' }));
  });
});
