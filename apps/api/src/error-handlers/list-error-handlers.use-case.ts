import { Database, ErrorHandlerRepository } from '@whdb/persistence';
import { OrganizationRef } from '../organizations/organization-access';
import { ErrorHandlerResponse, toErrorHandlerResponse } from './error-handler-response';

/** `GET /v1/organizations/{org}/error_handlers` (docs/behaviour/integrations-api.md#error-handlers), oldest first. */
export class ListErrorHandlersUseCase {
  constructor(private readonly dataSource: Database) {}

  async execute(organization: OrganizationRef): Promise<{ items: ErrorHandlerResponse[]; message: string }> {
    const handlers = await new ErrorHandlerRepository(this.dataSource).listForOrganization(organization.id);
    const message = handlers.length === 0 ? `${organization.name} has no error handlers: alerts are only logged. Add one with POST .../error_handlers/create {url}.` : '';
    return { items: handlers.map(toErrorHandlerResponse), message };
  }
}
