import { AppError, IntegrationSettings, IntegrationSettingsPatch, SecretBox } from '@whdb/core';

/** A `whdb.service_integrations` row as raw SQL returns it (secrets still encrypted). */
export interface ServiceIntegrationRow {
  id: number;
  organization_id: number;
  opaque_id: string;
  service_name: string;
  table_name: string;
  api_url: string;
  backfill_key: string;
  backfill_secret: string;
  webhook_secret: string;
  webhookdb_api_key: string;
  last_backfilled_at: Date | null;
  depends_on_id: number | null;
  skip_webhook_verification: boolean;
}

export const SERVICE_INTEGRATION_COLUMNS = [
  'id',
  'organization_id',
  'opaque_id',
  'service_name',
  'table_name',
  'api_url',
  'backfill_key',
  'backfill_secret',
  'webhook_secret',
  'webhookdb_api_key',
  'last_backfilled_at',
  'depends_on_id',
  'skip_webhook_verification',
] as const;

/** Secret settings and their columns. */
export const SECRET_SETTINGS = {
  backfillKey: 'backfill_key',
  backfillSecret: 'backfill_secret',
  webhookSecret: 'webhook_secret',
  webhookdbApiKey: 'webhookdb_api_key',
} as const;

function decrypt(box: SecretBox, row: ServiceIntegrationRow, column: keyof typeof row & string): string {
  try {
    return box.decrypt(String(row[column]));
  } catch (error) {
    // Never include the ciphertext or the key; say which setting could not be read.
    throw new AppError(
      'invariant_violated',
      `Cannot decrypt ${column} of integration ${row.opaque_id}: was WHDB_ENCRYPTION_KEY changed?`,
      { opaqueId: row.opaque_id, column },
      { cause: error },
    );
  }
}

/** Row to the domain's view of an integration, secrets decrypted. */
export function toIntegrationSettings(box: SecretBox, row: ServiceIntegrationRow): IntegrationSettings {
  return {
    id: row.id,
    organizationId: row.organization_id,
    opaqueId: row.opaque_id,
    serviceName: row.service_name,
    tableName: row.table_name,
    apiUrl: row.api_url,
    backfillKey: decrypt(box, row, 'backfill_key'),
    backfillSecret: decrypt(box, row, 'backfill_secret'),
    webhookSecret: decrypt(box, row, 'webhook_secret'),
    webhookdbApiKey: decrypt(box, row, 'webhookdb_api_key'),
    lastBackfilledAt: row.last_backfilled_at,
    dependsOnId: row.depends_on_id,
    skipWebhookVerification: row.skip_webhook_verification,
  };
}

/** A settings patch as column assignments (secrets encrypted; the API key's digest kept in step). */
export function patchAssignments(box: SecretBox, patch: IntegrationSettingsPatch): [column: string, value: string | null][] {
  const assignments: [string, string | null][] = [];
  if (patch.apiUrl !== undefined) assignments.push(['api_url', patch.apiUrl]);
  for (const [field, column] of Object.entries(SECRET_SETTINGS) as [keyof typeof SECRET_SETTINGS, string][]) {
    const value = patch[field];
    if (value === undefined) continue;
    assignments.push([column, box.encrypt(value)]);
    if (field === 'webhookdbApiKey') assignments.push(['webhookdb_api_key_digest', value === '' ? null : box.lookupDigest(value)]);
  }
  return assignments;
}
