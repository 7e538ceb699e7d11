import { orgSchemaName, qualifiedName, validateIdentifier } from '@whdb/core';
import { connectDatabase, Database, dropOrganizationSchema, runQuery } from '@whdb/persistence';

/** Reads replicated tables the way an analyst would, to assert on what landed in Postgres. */
export class TableProbe {
  private constructor(private readonly dataSource: Database) {}

  static async connect(databaseUrl: string): Promise<TableProbe> {
    return new TableProbe(await connectDatabase(databaseUrl, { applicationName: 'whdb-test-probe', poolSize: 2 }));
  }

  rows<T = Record<string, unknown>>(orgKey: string, table: string, where = 'TRUE', params: unknown[] = []): Promise<T[]> {
    const name = qualifiedName(orgSchemaName(orgKey), validateIdentifier(table, 'table'));
    return runQuery<T[]>(this.dataSource, `SELECT * FROM ${name} WHERE ${where} ORDER BY pk`, params);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return runQuery<T[]>(this.dataSource, sql, params);
  }

  /** Drops an organization's replication schema and read-only role (test clean-up). */
  async dropOrganizationSchema(orgKey: string): Promise<void> {
    await dropOrganizationSchema(this.dataSource, orgKey);
  }

  async close(): Promise<void> {
    await this.dataSource.close();
  }
}
