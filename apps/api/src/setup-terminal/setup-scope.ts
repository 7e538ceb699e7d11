import { ReplicatorCatalog } from '../integrations/replicator-catalog';

/**
 * The services a setup link for `serviceName` may set up: the service and, recursively, the ones it
 * depends on, so that the page can create a missing parent first (the Front channel needs a
 * SignalWire integration: SPEC 15.2; docs/setup-terminal.md#setup-sessions).
 */
export function setupScopeServices(serviceName: string, catalog: ReplicatorCatalog): string[] {
  const services: string[] = [];
  for (let name: string | undefined = serviceName; name && !services.includes(name); name = catalog.find(name)?.descriptor.dependencyName) {
    services.push(name);
  }
  return services;
}
