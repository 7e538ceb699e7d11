import { SecretBox } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const CREDENTIALS = controlPlaneTable('analystCredentials');

export interface AnalystCredentials {
  readonly organizationId: number;
  readonly roleName: string;
  /** Decrypted; never log it. */
  readonly password: string;
  readonly rotatedAt: Date;
}

interface CredentialsRow {
  organization_id: number;
  role_name: string;
  password: string;
  rotated_at: Date;
}

/**
 * The analyst login of each organization (docs/behaviour/analyst-access.md#storage): the role
 * name and its password, encrypted with the `SecretBox`. Pass a transaction to join it.
 */
export class AnalystCredentialsRepository {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
  ) {}

  /** The stored credentials, locked `FOR UPDATE` when `db` is a transaction. */
  async find(organizationId: number, options: { forUpdate?: boolean } = {}): Promise<AnalystCredentials | null> {
    const rows = await runQuery<CredentialsRow[]>(
      this.db,
      `SELECT organization_id, role_name, password, rotated_at FROM ${CREDENTIALS} WHERE organization_id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [organizationId],
    );
    const row = rows[0];
    return row ? { organizationId: row.organization_id, roleName: row.role_name, password: this.secrets.decrypt(row.password), rotatedAt: row.rotated_at } : null;
  }

  async save(organizationId: number, roleName: string, password: string): Promise<AnalystCredentials> {
    const [row] = await runQuery<CredentialsRow[]>(
      this.db,
      `INSERT INTO ${CREDENTIALS} (organization_id, role_name, password) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id) DO UPDATE SET role_name = EXCLUDED.role_name, password = EXCLUDED.password, rotated_at = now()
       RETURNING organization_id, role_name, password, rotated_at`,
      [organizationId, roleName, this.secrets.encrypt(password)],
    );
    return { organizationId: row!.organization_id, roleName: row!.role_name, password, rotatedAt: row!.rotated_at };
  }
}
