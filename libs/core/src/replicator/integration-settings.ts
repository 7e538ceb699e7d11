/**
 * What a replicator sees of its service integration
 * (docs/behaviour/replicator-framework.md#integration-settings): identity plus the decrypted
 * settings its state machines and verification use. Field meaning is overloaded per replicator.
 */
export interface IntegrationSettings {
  readonly id: number;
  readonly organizationId: number;
  readonly opaqueId: string;
  readonly serviceName: string;
  readonly tableName: string;
  readonly apiUrl: string;
  readonly backfillKey: string;
  readonly backfillSecret: string;
  readonly webhookSecret: string;
  readonly webhookdbApiKey: string;
  readonly lastBackfilledAt: Date | null;
  readonly dependsOnId: number | null;
  readonly skipWebhookVerification: boolean;
}

/** Settings a state machine may ask to change (e.g. clearing bad backfill credentials). */
export type IntegrationSettingsPatch = Partial<Pick<IntegrationSettings, 'apiUrl' | 'backfillKey' | 'backfillSecret' | 'webhookSecret' | 'webhookdbApiKey'>>;

/** `/v1/service_integrations/<opaque_id>` (docs/behaviour/replicator-framework.md#integration-settings). */
export function unauthedWebhookPath(opaqueId: string): string {
  return `/v1/service_integrations/${opaqueId}`;
}

/** `/v1/organizations/<organization_id>/service_integrations/<opaque_id>` (numeric org id). */
export function authedApiPath(organizationId: number, opaqueId: string): string {
  return `/v1/organizations/${organizationId}/service_integrations/${opaqueId}`;
}
