import { AppError, IntegrationSettings, IntegrationSettingsPatch, SecretBox, validateIdentifier } from '@whdb/core';
import { databaseErrorCode, isUniqueViolation } from '../database/database-errors';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';
import { patchAssignments, SERVICE_INTEGRATION_COLUMNS, ServiceIntegrationRow, toIntegrationSettings } from './service-integration.mapper';

export interface NewServiceIntegration {
  readonly organizationId: number;
  readonly serviceName: string;
  readonly tableName: string;
  readonly opaqueId: string;
  readonly dependsOnId?: number | null;
  readonly apiUrl?: string;
  readonly webhookdbApiKey?: string;
  readonly skipWebhookVerification?: boolean;
}

/** An integration with the key of its organization (which names its schema). */
export interface IntegrationWithOrganization {
  readonly settings: IntegrationSettings;
  readonly organizationKey: string;
}

export type IntegrationRefResolution =
  | { readonly kind: 'found'; readonly settings: IntegrationSettings }
  | { readonly kind: 'none' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] };

const SELECT_COLUMNS = SERVICE_INTEGRATION_COLUMNS.map((c) => `si.${c}`).join(', ');
const TABLE = controlPlaneTable('serviceIntegrations');
const ORGANIZATIONS = controlPlaneTable('organizations');

const UNIQUE_CONSTRAINT_MESSAGES: Record<string, string> = {
  service_integrations_table_name_unique: 'This organization already has an integration with that table name.',
  service_integrations_opaque_id_unique: 'An integration with that opaque id already exists.',
  service_integrations_api_key_digest_unique: 'That API key is already in use.',
};

/** Maps constraint violations of writes to API errors; anything else passes through. */
function translateWriteError(error: unknown): unknown {
  for (const [constraint, message] of Object.entries(UNIQUE_CONSTRAINT_MESSAGES)) {
    if (isUniqueViolation(error, constraint)) return new AppError('conflict', message, { constraint });
  }
  if (databaseErrorCode(error) === '23503') return new AppError('not_found', 'The organization or the parent integration does not exist.');
  return error;
}

/**
 * Service integrations (docs/behaviour/control-plane.md#service-integrations). Secrets are encrypted with the `SecretBox` on the way in and
 * decrypted on the way out; the API key is found through its keyed digest. Pass a transaction
 * instead of the data source to join it.
 */
export class ServiceIntegrationRepository {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {}

  async create(input: NewServiceIntegration): Promise<IntegrationSettings> {
    validateIdentifier(input.tableName, 'table name');
    validateIdentifier(input.serviceName, 'service name');
    const apiKey = input.webhookdbApiKey ?? '';
    try {
      const rows = await runQuery<ServiceIntegrationRow[]>(
        this.db,
        `INSERT INTO ${TABLE} AS si (organization_id, opaque_id, service_name, table_name, api_url, depends_on_id,
                                     skip_webhook_verification, webhookdb_api_key, webhookdb_api_key_digest)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SELECT_COLUMNS}`,
        [
          input.organizationId,
          input.opaqueId,
          input.serviceName,
          input.tableName,
          input.apiUrl ?? '',
          input.dependsOnId ?? null,
          input.skipWebhookVerification ?? false,
          this.secrets.encrypt(apiKey),
          apiKey === '' ? null : this.secrets.lookupDigest(apiKey),
        ],
      );
      return toIntegrationSettings(this.secrets, rows[0]!);
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  async findById(id: number): Promise<IntegrationSettings | null> {
    const rows = await this.select('si.id = $1', [id]);
    return rows[0] ? toIntegrationSettings(this.secrets, rows[0]) : null;
  }

  async findByOpaqueId(opaqueId: string): Promise<IntegrationWithOrganization | null> {
    return this.findWithOrganization('si.opaque_id = $1', opaqueId);
  }

  /**
   * Finds the integration an API key (`sk/<opaque_id>/...`) belongs to: by its digest under any key
   * of the keyring, so keys stored before a rotation resolve until they are re-encrypted.
   */
  async findByApiKey(apiKey: string): Promise<IntegrationWithOrganization | null> {
    if (apiKey === '') return null;
    return this.findWithOrganization('si.webhookdb_api_key_digest = ANY($1::text[])', this.secrets.lookupDigests(apiKey));
  }

  /**
   * Every integration of `serviceName` whose `api_url` is `apiUrl`, oldest first, with its
   * organization: how Front application events find their integrations (routed by the company's
   * API URL, docs/replicators/front_message_v1.md#routing).
   */
  async findByServiceAndApiUrl(serviceName: string, apiUrl: string): Promise<IntegrationWithOrganization[]> {
    const rows = await runQuery<(ServiceIntegrationRow & { organization_key: string })[]>(
      this.db,
      `SELECT ${SELECT_COLUMNS}, o.key AS organization_key FROM ${TABLE} AS si JOIN ${ORGANIZATIONS} AS o ON o.id = si.organization_id
        WHERE si.service_name = $1 AND si.api_url = $2 ORDER BY si.id`,
      [serviceName, apiUrl],
    );
    return rows.map((row) => ({ settings: toIntegrationSettings(this.secrets, row), organizationKey: row.organization_key }));
  }

  /**
   * The opaque ids of every integration of a service, oldest first (the reconciler's sweep). Nothing
   * is decrypted, so one integration whose secrets cannot be read does not hide the others.
   */
  async listOpaqueIdsByServiceName(serviceName: string): Promise<string[]> {
    const rows = await runQuery<{ opaque_id: string }[]>(this.db, `SELECT si.opaque_id FROM ${TABLE} AS si WHERE si.service_name = $1 ORDER BY si.id`, [serviceName]);
    return rows.map((row) => row.opaque_id);
  }

  async listForOrganization(organizationId: number): Promise<IntegrationSettings[]> {
    const rows = await this.select('si.organization_id = $1', [organizationId]);
    return rows.map((row) => toIntegrationSettings(this.secrets, row));
  }

  /**
   * The opaque ids of the direct dependents of `serviceName` of the integration `opaqueId`, oldest
   * first; none when that integration does not exist. Nothing is decrypted: the reconciler asks
   * this for every SMS row change, and most SignalWire integrations have no channel (their
   * secrets, possibly unreadable, are none of its business; docs/behaviour/channel.md#sms-rows).
   */
  async listDependentOpaqueIds(opaqueId: string, serviceName: string): Promise<string[]> {
    const rows = await runQuery<{ opaque_id: string }[]>(
      this.db,
      `SELECT child.opaque_id FROM ${TABLE} AS child JOIN ${TABLE} AS parent ON parent.id = child.depends_on_id
        WHERE parent.opaque_id = $1 AND child.service_name = $2 ORDER BY child.id`,
      [opaqueId, serviceName],
    );
    return rows.map((row) => row.opaque_id);
  }

  /** Direct dependents, ordered by id (docs/behaviour/control-plane.md#service-integrations). */
  async listDependents(id: number): Promise<IntegrationSettings[]> {
    const rows = await this.select('si.depends_on_id = $1', [id]);
    return rows.map((row) => toIntegrationSettings(this.secrets, row));
  }

  /**
   * Resolves what a user typed: an opaque id, a table name, or a service name that matches
   * exactly one of the organization's integrations.
   */
  async resolveRef(organizationId: number, ref: string): Promise<IntegrationRefResolution> {
    const rows = await this.select('si.organization_id = $1 AND (si.opaque_id = $2 OR si.table_name = $2 OR si.service_name = $2)', [organizationId, ref]);
    const exact = rows.find((row) => row.opaque_id === ref) ?? rows.find((row) => row.table_name === ref);
    if (exact) return { kind: 'found', settings: toIntegrationSettings(this.secrets, exact) };
    const byService = rows.filter((row) => row.service_name === ref);
    if (byService.length === 0) return { kind: 'none' };
    if (byService.length > 1) return { kind: 'ambiguous', candidates: byService.map((row) => row.opaque_id) };
    return { kind: 'found', settings: toIntegrationSettings(this.secrets, byService[0]!) };
  }

  /** Applies a settings patch (secrets encrypted) and returns the updated settings. */
  async updateSettings(id: number, patch: IntegrationSettingsPatch): Promise<IntegrationSettings> {
    const assignments = patchAssignments(this.secrets, patch);
    const sets = [...assignments.map(([column], i) => `${column} = $${i + 2}`), 'updated_at = now()'];
    try {
      const rows = await runQuery<ServiceIntegrationRow[]>(
        this.db,
        `UPDATE ${TABLE} AS si SET ${sets.join(', ')} WHERE si.id = $1 RETURNING ${SELECT_COLUMNS}`,
        [id, ...assignments.map(([, value]) => value)],
      );
      if (!rows[0]) throw new AppError('not_found', `Service integration ${id} does not exist.`);
      return toIntegrationSettings(this.secrets, rows[0]);
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  /**
   * Stores the Front channel id a channel's `authorization` names in `backfill_key`
   * (docs/behaviour/channel.md#authorization): the only control-plane write the ingress makes
   * besides deleting a channel.
   */
  async recordFrontChannelId(id: number, channelId: string): Promise<IntegrationSettings> {
    return this.updateSettings(id, { backfillKey: channelId });
  }

  /** Sets the parent integration (`dependency_choice`: docs/behaviour/state-machines.md#dependencies). */
  async setDependsOn(id: number, parentId: number): Promise<IntegrationSettings> {
    return this.updateColumn(id, 'depends_on_id', parentId);
  }

  /** Records a new table name (the table itself is renamed by `renameReplicatorTable`, in the same transaction). */
  async setTableName(id: number, tableName: string): Promise<IntegrationSettings> {
    validateIdentifier(tableName, 'table name');
    return this.updateColumn(id, 'table_name', tableName);
  }

  async setLastBackfilledAt(id: number, at: Date): Promise<void> {
    await runQuery(this.db, `UPDATE ${TABLE} SET last_backfilled_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  }

  /** Deletes the row (not the table). Refused with `conflict` while dependents exist. */
  async delete(id: number): Promise<void> {
    try {
      await runQuery(this.db, `DELETE FROM ${TABLE} WHERE id = $1`, [id]);
    } catch (error) {
      if (databaseErrorCode(error) === '23503') {
        throw new AppError('conflict', 'This integration has dependents: delete them first.', { id });
      }
      throw error;
    }
  }

  private async updateColumn(id: number, column: 'depends_on_id' | 'table_name', value: unknown): Promise<IntegrationSettings> {
    try {
      const rows = await runQuery<ServiceIntegrationRow[]>(
        this.db,
        `UPDATE ${TABLE} AS si SET ${column} = $2, updated_at = now() WHERE si.id = $1 RETURNING ${SELECT_COLUMNS}`,
        [id, value],
      );
      if (!rows[0]) throw new AppError('not_found', `Service integration ${id} does not exist.`);
      return toIntegrationSettings(this.secrets, rows[0]);
    } catch (error) {
      throw translateWriteError(error);
    }
  }

  private select(where: string, parameters: unknown[]): Promise<ServiceIntegrationRow[]> {
    return runQuery<ServiceIntegrationRow[]>(this.db, `SELECT ${SELECT_COLUMNS} FROM ${TABLE} AS si WHERE ${where} ORDER BY si.id`, parameters);
  }

  private async findWithOrganization(where: string, value: string | string[]): Promise<IntegrationWithOrganization | null> {
    const rows = await runQuery<(ServiceIntegrationRow & { organization_key: string })[]>(
      this.db,
      `SELECT ${SELECT_COLUMNS}, o.key AS organization_key FROM ${TABLE} AS si JOIN ${ORGANIZATIONS} AS o ON o.id = si.organization_id WHERE ${where}`,
      [value],
    );
    const row = rows[0];
    return row ? { settings: toIntegrationSettings(this.secrets, row), organizationKey: row.organization_key } : null;
  }
}
