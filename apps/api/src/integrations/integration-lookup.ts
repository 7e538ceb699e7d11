import { AppError, IntegrationSettings, Replicator } from '@whdb/core';
import { ServiceIntegrationRepository } from '@whdb/persistence';
import { REGISTERED_REPLICATORS, ReplicatorCatalog } from './replicator-catalog';

/**
 * Resolves `{sint}` within an organization: an opaque id, a table name, or a service name that
 * matches exactly one integration (docs/behaviour/integrations-api.md#auth: none is 403,
 * several are 409).
 */
export async function lookupIntegration(
  repository: ServiceIntegrationRepository,
  organizationId: number,
  ref: string,
  catalog: ReplicatorCatalog = REGISTERED_REPLICATORS,
): Promise<{ settings: IntegrationSettings; replicator: Replicator }> {
  const found = await repository.resolveRef(organizationId, ref);
  if (found.kind === 'none') throw new AppError('forbidden', 'There is no service integration with that identifier.');
  if (found.kind === 'ambiguous') {
    throw new AppError('conflict', `There are multiple integrations with that service name (${found.candidates.join(', ')}); use an opaque id or table name.`);
  }
  const replicator = catalog.find(found.settings.serviceName);
  if (!replicator) throw new AppError('invariant_violated', `No replicator for ${found.settings.serviceName}`);
  return { settings: found.settings, replicator };
}
