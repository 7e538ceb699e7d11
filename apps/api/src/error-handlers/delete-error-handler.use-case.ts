import { AppError } from '@whdb/core';
import { Database, ErrorHandlerRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';

/**
 * `POST /v1/organizations/{org}/error_handlers/{id}/delete`, admin role
 * (docs/behaviour/integrations-api.md#error-handlers). An id the organization does not have
 * (unknown, or another organization's) is a 403.
 */
export class DeleteErrorHandlerUseCase {
  constructor(private readonly dataSource: Database) {}

  async execute(organization: OrganizationRef, handlerId: string): Promise<{ message: string }> {
    const deleted = /^eh_[a-z0-9]{1,64}$/.test(handlerId) && (await new ErrorHandlerRepository(this.dataSource).delete(organization.id, handlerId));
    if (!deleted) throw new AppError('forbidden', 'There is no error handler with that id.');
    return { message: `Error handler ${handlerId} was deleted: alerts are no longer POSTed to it.` };
  }
}
