import { AppError } from '@whdb/core';
import { Db, SetupGrantRepository } from '@whdb/persistence';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { OrganizationRef } from '../organizations/organization-access';
import { SETUP_LINK_MAX_SECONDS } from './setup-link.dto';
import { setupPagePath } from './setup-page-path';

export interface SetupLinkResponse {
  readonly url: string;
  readonly path: string;
  readonly service_name: string;
  readonly expires_at: string;
  readonly message: string;
}

/**
 * `POST /v1/organizations/{org}/setup_links {service_name, expires_in?}` (docs/setup-terminal.md#setup-links):
 * a one-time grant for the organization and the service, in the fragment of the setup page's URL
 * (a fragment is never sent to a server, so it stays out of access logs and `Referer`).
 */
export class CreateSetupLinkUseCase {
  constructor(
    private readonly db: Db,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(organization: OrganizationRef, input: { serviceName: string; expiresIn?: number }, origin: string): Promise<SetupLinkResponse> {
    if (!this.catalog.find(input.serviceName)) {
      throw new AppError('invalid_service', `"${input.serviceName}" is not a valid service. Valid services: ${this.catalog.names().join(', ')}`);
    }
    const ttl = input.expiresIn ?? SETUP_LINK_MAX_SECONDS;
    const { grant, expiresAt } = await new SetupGrantRepository(this.db).issue(organization.id, input.serviceName, ttl);
    const path = `${setupPagePath(input.serviceName)}#grant=${grant}`;
    return {
      url: `${origin}${path}`,
      path,
      service_name: input.serviceName,
      expires_at: expiresAt.toISOString(),
      message: `Open this link to set up ${input.serviceName} for ${organization.name} in a browser. It works once, until ${expiresAt.toISOString()}.`,
    };
  }
}
