import { authedApiPath, HttpClient, IntegrationSettings, opaqueId, ProviderEndpoints, Replicator, SetupContext, unauthedWebhookPath } from '@whdb/core';

/** The public base URL contract tests pretend WebhookDB is served at. */
export const CONTRACT_PUBLIC_URL = 'https://whdb.example.test';

/** Integration settings for `replicator` with everything blank, as a freshly created integration. */
export function contractIntegration(replicator: Pick<Replicator, 'descriptor'>, overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  const name = replicator.descriptor.name;
  return {
    id: 1,
    organizationId: 1,
    opaqueId: opaqueId('svi'),
    serviceName: name,
    tableName: `${name}_c0de`,
    apiUrl: '',
    backfillKey: '',
    backfillSecret: '',
    webhookSecret: '',
    webhookdbApiKey: '',
    lastBackfilledAt: null,
    dependsOnId: null,
    skipWebhookVerification: false,
    ...overrides,
  };
}

/** What the api hands a state machine (apps/api SetupMachines), for `integration`. */
export function contractSetupContext(integration: IntegrationSettings, http: HttpClient, timeoutMs = 5_000, providers?: ProviderEndpoints): SetupContext {
  return {
    integration,
    webhookUrl: `${CONTRACT_PUBLIC_URL}${unauthedWebhookPath(integration.opaqueId)}`,
    authedApiPath: authedApiPath(integration.organizationId, integration.opaqueId),
    qualifiedTableName: `whdb_org_contract.${integration.tableName}`,
    http,
    timeoutMs,
    providers,
  };
}
