import { AppError } from '@whdb/core';
import { Database, OrganizationRepository, ServiceIntegrationRepository, SetupGrantRepository } from '@whdb/persistence';
import { AuthenticatedRequest, Principal } from '../auth/principal';
import { ReplicatorCatalog } from '../integrations/replicator-catalog';
import { setupScopeServices } from './setup-scope';
import { setupSessionRoute } from './setup-session-routes';

/**
 * Authenticates a setup session token (docs/setup-terminal.md#setup-sessions): a live session is
 * its organization's admin, limited to the setup routes of the services in its scope. Anything
 * else is refused before the controller runs.
 */
export class SetupSessionAuthenticator {
  private readonly grants: SetupGrantRepository;
  private readonly organizations: OrganizationRepository;

  constructor(
    dataSource: Database,
    private readonly integrations: Pick<ServiceIntegrationRepository, 'resolveRef'>,
    private readonly catalog: ReplicatorCatalog,
  ) {
    this.grants = new SetupGrantRepository(dataSource);
    this.organizations = new OrganizationRepository(dataSource);
  }

  async authenticate(token: string, request: AuthenticatedRequest): Promise<Principal> {
    const scope = await this.grants.resolveSession(token);
    if (!scope) throw new AppError('unauthenticated', 'This setup session has expired: open a new setup link (whdb setup-link <service>).');
    const services = setupScopeServices(scope.serviceName, this.catalog);
    const refused = new AppError('forbidden', `A setup session may only set up ${scope.serviceName} integrations.`);
    const route = setupSessionRoute(request.method, (request.route as { path?: string } | undefined)?.path);
    if (!route) throw refused;
    const org = await this.organizations.findByRef(String(request.params['org'] ?? ''));
    if (!org || org.id !== scope.organizationId) throw new AppError('forbidden', `You are not a member of ${String(request.params['org'] ?? '')}.`);
    if (route.kind === 'create') {
      const serviceName = (request.body as { service_name?: unknown } | undefined)?.service_name;
      if (typeof serviceName !== 'string' || !services.includes(serviceName.trim())) throw refused;
    } else {
      const found = await this.integrations.resolveRef(org.id, String(request.params['sint'] ?? ''));
      // Not found or ambiguous: the controller answers that (403 / 409) for the session's own services.
      if (found.kind === 'found' && !services.includes(found.settings.serviceName)) throw refused;
    }
    return { kind: 'organization', organizationId: scope.organizationId, role: 'admin', setupScope: { services } };
  }
}
