import { AppError } from '@whdb/core';
import { Db, OrganizationRepository, SetupGrantRepository } from '@whdb/persistence';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { setupScopeServices } from './setup-scope';

/** How long a setup session lasts after its link was opened (docs/setup-terminal.md#setup-sessions). */
export const SETUP_SESSION_SECONDS = 3600;

export interface SetupSessionResponse {
  readonly token: string;
  readonly expires_at: string;
  readonly organization: { readonly id: number; readonly key: string; readonly name: string };
  readonly service_name: string;
  readonly services: readonly string[];
}

/**
 * `POST /v1/setup_sessions {grant}` (docs/setup-terminal.md#setup-sessions): exchanges a setup link's
 * grant, once, for a session token that may only set up the link's service in its organization.
 * An unknown, expired or used grant all get the same 401.
 */
export class ExchangeSetupGrantUseCase {
  constructor(
    private readonly db: Db,
    private readonly catalog: ReplicatorCatalog,
  ) {}

  async execute(grant: string): Promise<SetupSessionResponse> {
    const exchanged = await new SetupGrantRepository(this.db).exchange(grant.trim(), SETUP_SESSION_SECONDS);
    if (!exchanged) throw new AppError('unauthenticated', 'This setup link is invalid, has expired or was already used: ask for a new one (whdb setup-link <service>).');
    const organization = await new OrganizationRepository(this.db).findByRef(String(exchanged.organizationId));
    if (!organization) throw new AppError('unauthenticated', 'This setup link is invalid, has expired or was already used: ask for a new one (whdb setup-link <service>).');
    return {
      token: exchanged.session,
      expires_at: exchanged.expiresAt.toISOString(),
      organization: { id: organization.id, key: organization.key, name: organization.name },
      service_name: exchanged.serviceName,
      services: setupScopeServices(exchanged.serviceName, this.catalog),
    };
  }
}
