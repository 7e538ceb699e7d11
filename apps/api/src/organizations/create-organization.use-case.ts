import { orgKeyFromName } from '@whdb/core';
import { Database, ensureOrganizationSchema, OrganizationRepository, TokenRepository, withTransaction } from '@whdb/persistence';

export interface CreatedOrganization {
  readonly organization: { id: number; key: string; name: string };
  readonly token: string;
}

/**
 * Creates an organization, its replication schema `whdb_org_<key>` with the read-only role, and
 * an admin token, all or nothing.
 */
export class CreateOrganizationUseCase {
  constructor(private readonly dataSource: Database) {}

  async execute(input: { name: string; key?: string }): Promise<CreatedOrganization> {
    const key = input.key ?? orgKeyFromName(input.name);
    return withTransaction(this.dataSource, async (tx) => {
      const organization = await new OrganizationRepository(tx).create({ name: input.name, key });
      await ensureOrganizationSchema(tx, organization.key);
      const token = await new TokenRepository(tx).issue(organization.id, 'admin');
      return { organization: { id: organization.id, key: organization.key, name: organization.name }, token };
    });
  }
}
