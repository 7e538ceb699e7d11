import { LoggedWebhookEntry, LoggedWebhookStatus, RetentionCutoffs, toJsonbText } from '@whdb/core';
import { Db, runQuery } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const LOGGED = controlPlaneTable('loggedWebhooks');

/** A row of `whdb.logged_webhooks` (docs/behaviour/audit-log.md#what-is-kept). */
export interface LoggedWebhookRecord {
  /** The bigserial id, as a decimal string. */
  readonly id: string;
  readonly eventId: string | null;
  readonly correlationId: string | null;
  readonly insertedAt: Date;
  readonly truncatedAt: Date | null;
  readonly opaqueId: string;
  readonly organizationId: number | null;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number;
  readonly rejectedReason: string | null;
}

export interface LoggedWebhookFilter {
  readonly organizationId: number;
  readonly opaqueId?: string;
  readonly status?: LoggedWebhookStatus;
  /** Received at or after. */
  readonly since?: Date;
  /** Received before. */
  readonly until?: Date;
  /** Paging: only rows with a smaller id (the cursor of the previous page). */
  readonly beforeId?: string;
  readonly limit: number;
}

export interface TrimResult {
  readonly truncated: number;
  readonly deleted: number;
}

interface Row {
  id: string;
  event_id: string | null;
  correlation_id: string | null;
  inserted_at: Date;
  truncated_at: Date | null;
  service_integration_opaque_id: string;
  organization_id: number | null;
  request_method: string;
  request_path: string;
  request_headers: Record<string, string>;
  request_body: string;
  response_status: number;
  rejected_reason: string | null;
}

const COLUMNS = `id::text AS id, event_id, correlation_id, inserted_at, truncated_at, service_integration_opaque_id, organization_id,
  request_method, request_path, request_headers, request_body, response_status, rejected_reason`;

const toRecord = (row: Row): LoggedWebhookRecord => ({
  id: row.id,
  eventId: row.event_id,
  correlationId: row.correlation_id,
  insertedAt: row.inserted_at,
  truncatedAt: row.truncated_at,
  opaqueId: row.service_integration_opaque_id,
  organizationId: row.organization_id,
  method: row.request_method,
  path: row.request_path,
  headers: row.request_headers,
  body: row.request_body,
  status: row.response_status,
  rejectedReason: row.rejected_reason,
});

/**
 * The webhook audit log (docs/behaviour/audit-log.md): written in batches by the webhook logger,
 * read and replayed through the api, trimmed by age.
 */
export class LoggedWebhookRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts the entries in one statement; an entry whose event id is already logged is skipped
   * (a redelivered event). Returns how many rows were inserted. Organizations that no longer exist
   * are recorded as none.
   */
  async insertMany(entries: readonly LoggedWebhookEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const rows = entries.map((entry) => ({
      event_id: entry.eventId,
      correlation_id: entry.correlationId,
      inserted_at: entry.receivedAt.toISOString(),
      service_integration_opaque_id: entry.opaqueId,
      organization_id: entry.organizationId,
      request_method: entry.method,
      request_path: entry.path,
      request_headers: entry.headers,
      request_body: entry.body,
      response_status: entry.status,
      rejected_reason: entry.rejectedReason,
    }));
    const inserted = await runQuery<unknown[]>(
      this.db,
      `INSERT INTO ${LOGGED} (event_id, correlation_id, inserted_at, service_integration_opaque_id, organization_id,
         request_method, request_path, request_headers, request_body, response_status, rejected_reason)
       SELECT r.event_id, r.correlation_id, r.inserted_at, r.service_integration_opaque_id, o.id,
              r.request_method, r.request_path, coalesce(r.request_headers, '{}'::jsonb), r.request_body, r.response_status, r.rejected_reason
         FROM jsonb_to_recordset($1::jsonb) AS r(event_id text, correlation_id text, inserted_at timestamptz, service_integration_opaque_id text,
              organization_id integer, request_method text, request_path text, request_headers jsonb, request_body text,
              response_status smallint, rejected_reason text)
         LEFT JOIN ${controlPlaneTable('organizations')} o ON o.id = r.organization_id
       ON CONFLICT (event_id) DO NOTHING
       RETURNING 1`,
      [toJsonbText(rows)],
    );
    return inserted.length;
  }

  /** An organization's deliveries, newest first, filtered. */
  async list(filter: LoggedWebhookFilter): Promise<LoggedWebhookRecord[]> {
    const conditions = ['organization_id = $1'];
    const parameters: unknown[] = [filter.organizationId];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (filter.opaqueId !== undefined) add('service_integration_opaque_id = ?', filter.opaqueId);
    if (filter.status === 'accepted') conditions.push('response_status < 400');
    if (filter.status === 'rejected') conditions.push('response_status >= 400');
    if (filter.since !== undefined) add('inserted_at >= ?', filter.since);
    if (filter.until !== undefined) add('inserted_at < ?', filter.until);
    if (filter.beforeId !== undefined) add('id < ?::bigint', filter.beforeId);
    parameters.push(filter.limit);
    const rows = await runQuery<Row[]>(this.db, `SELECT ${COLUMNS} FROM ${LOGGED} WHERE ${conditions.join(' AND ')} ORDER BY id DESC LIMIT $${parameters.length}`, parameters);
    return rows.map(toRecord);
  }

  /** The organization's rows among `ids` (others' and unknown ids are left out). */
  async findForOrganization(organizationId: number, ids: readonly string[]): Promise<LoggedWebhookRecord[]> {
    if (ids.length === 0) return [];
    const rows = await runQuery<Row[]>(this.db, `SELECT ${COLUMNS} FROM ${LOGGED} WHERE organization_id = $1 AND id = ANY($2::bigint[]) ORDER BY id`, [organizationId, ids]);
    return rows.map(toRecord);
  }

  /**
   * One trim pass (SPEC 9.3): deletes rows of no organization received before `orphansBefore` and
   * truncated rows received before `deleteBefore`; truncates (empty body and headers, sets
   * `truncated_at`) accepted rows before `acceptedTruncateBefore` and rejected ones before
   * `rejectedTruncateBefore`. At most `batchSize` rows per statement, so a pass never holds locks
   * long; call again while it trims a full batch.
   */
  async trim(cutoffs: RetentionCutoffs, batchSize: number): Promise<TrimResult> {
    const deletedOrphans = await runQuery<unknown[]>(
      this.db,
      `DELETE FROM ${LOGGED} WHERE id IN (SELECT id FROM ${LOGGED} WHERE organization_id IS NULL AND inserted_at < $1 LIMIT $2) RETURNING 1`,
      [cutoffs.orphansBefore, batchSize],
    );
    const deletedOld = await runQuery<unknown[]>(
      this.db,
      `DELETE FROM ${LOGGED} WHERE id IN (SELECT id FROM ${LOGGED} WHERE truncated_at IS NOT NULL AND inserted_at < $1 LIMIT $2) RETURNING 1`,
      [cutoffs.deleteBefore, batchSize],
    );
    const truncated = await runQuery<unknown[]>(
      this.db,
      `UPDATE ${LOGGED} SET request_body = '', request_headers = '{}'::jsonb, truncated_at = now()
        WHERE id IN (SELECT id FROM ${LOGGED}
                      WHERE truncated_at IS NULL
                        AND ((response_status < 400 AND inserted_at < $1) OR (response_status >= 400 AND inserted_at < $2))
                      LIMIT $3)
        RETURNING 1`,
      [cutoffs.acceptedTruncateBefore, cutoffs.rejectedTruncateBefore, batchSize],
    );
    return { truncated: truncated.length, deleted: deletedOrphans.length + deletedOld.length };
  }
}
