import { AppError, opaqueId } from '@whdb/core';
import { isUniqueViolation } from '../database/database-errors';
import { Db } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const HANDLERS = controlPlaneTable('errorHandlers');

export interface ErrorHandlerRecord {
  /** `eh_<base36>`. */
  readonly opaqueId: string;
  readonly organizationId: number;
  readonly url: string;
  readonly createdAt: Date;
}

interface HandlerRow {
  opaque_id: string;
  organization_id: number;
  url: string;
  created_at: Date;
}

const toRecord = (row: HandlerRow): ErrorHandlerRecord => ({ opaqueId: row.opaque_id, organizationId: row.organization_id, url: row.url, createdAt: row.created_at });

/** Where an organization's alerts are POSTed (docs/behaviour/alerts.md). */
export class ErrorHandlerRepository {
  constructor(private readonly db: Db) {}

  async create(organizationId: number, url: string): Promise<ErrorHandlerRecord> {
    try {
      const [row] = await this.db.query<HandlerRow>(
        `INSERT INTO ${HANDLERS} (opaque_id, organization_id, url) VALUES ($1, $2, $3) RETURNING opaque_id, organization_id, url, created_at`,
        [opaqueId('eh'), organizationId, url],
      );
      return toRecord(row!);
    } catch (error) {
      if (isUniqueViolation(error, 'error_handlers_org_url_unique')) throw new AppError('conflict', 'This organization already has an error handler with that URL.');
      throw error;
    }
  }

  async listForOrganization(organizationId: number): Promise<ErrorHandlerRecord[]> {
    const rows = await this.db.query<HandlerRow>(`SELECT opaque_id, organization_id, url, created_at FROM ${HANDLERS} WHERE organization_id = $1 ORDER BY id`, [organizationId]);
    return rows.map(toRecord);
  }

  /** Returns whether a handler was deleted. */
  async delete(organizationId: number, handlerOpaqueId: string): Promise<boolean> {
    const rows = await this.db.query(`DELETE FROM ${HANDLERS} WHERE organization_id = $1 AND opaque_id = $2 RETURNING id`, [organizationId, handlerOpaqueId]);
    return rows.length > 0;
  }
}
