import { AppError } from '@whdb/core';
import { Database, OrganizationRepository } from '@whdb/persistence';
import { Principal } from '../auth/principal';

export interface OrganizationRef {
  readonly id: number;
  readonly key: string;
  readonly name: string;
}

/**
 * Resolves `{org}` (key or id) for the caller. The admin token reaches every organization; an
 * organization token only its own. Admin-only operations also require the admin role.
 */
export class OrganizationAccess {
  private readonly organizations: OrganizationRepository;

  constructor(dataSource: Database) {
    this.organizations = new OrganizationRepository(dataSource);
  }

  async resolve(principal: Principal, ref: string, options: { adminOnly?: boolean } = {}): Promise<OrganizationRef> {
    const organization = await this.organizations.findByRef(ref);
    const member = organization && (principal.kind === 'admin' || principal.organizationId === organization.id);
    if (!organization || !member) throw new AppError('forbidden', `You are not a member of ${ref}.`);
    if (options.adminOnly && principal.kind === 'organization' && principal.role !== 'admin') {
      throw new AppError('forbidden', `You don't have admin privileges with ${organization.name}.`);
    }
    return organization;
  }
}
