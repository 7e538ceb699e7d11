import { controlPlaneTable, CONTROL_PLANE_TABLES } from '../schema/control-plane-schema';

/**
 * A table holding `SecretBox` ciphertexts (docs/behaviour/control-plane.md#secrets-at-rest): what
 * the re-encryption rewrites. `digests` are keyed digests kept in step with a secret column
 * (recomputed under the newest key when that column is rewritten).
 */
export interface EncryptedTable {
  readonly name: keyof typeof CONTROL_PLANE_TABLES;
  /** The integer primary key, the order of the scan. */
  readonly key: string;
  readonly columns: readonly string[];
  readonly digests: Readonly<Record<string, string>>;
}

/** Every ciphertext we store. A new encrypted column goes here, or re-encryption misses it. */
export const ENCRYPTED_TABLES: readonly EncryptedTable[] = [
  {
    name: 'serviceIntegrations',
    key: 'id',
    columns: ['backfill_key', 'backfill_secret', 'webhook_secret', 'webhookdb_api_key'],
    digests: { webhookdb_api_key: 'webhookdb_api_key_digest' },
  },
  { name: 'analystCredentials', key: 'organization_id', columns: ['password'], digests: {} },
];

export function qualifiedName(table: EncryptedTable): string {
  return controlPlaneTable(table.name);
}

/** The table's name as reports show it (`service_integrations`). */
export function tableLabel(table: EncryptedTable): string {
  return CONTROL_PLANE_TABLES[table.name];
}
