import { AppError, BackfillJobRecord, BackfillJobStatus, opaqueId } from '@whdb/core';
import { databaseErrorCode } from '../database/database-errors';
import { Db } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const JOBS = controlPlaneTable('backfillJobs');
const COLUMNS = `id, opaque_id, service_integration_id, parent_job_id, incremental, criteria, status, pages, rows::text AS rows,
  cursor, error, attempts, created_at, started_at, finished_at`;

interface JobRow {
  id: number;
  opaque_id: string;
  service_integration_id: number;
  parent_job_id: number | null;
  incremental: boolean;
  criteria: Record<string, unknown>;
  status: BackfillJobStatus;
  pages: number;
  rows: string;
  cursor: string | null;
  error: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

function toRecord(row: JobRow): BackfillJobRecord {
  return {
    id: row.id,
    opaqueId: row.opaque_id,
    serviceIntegrationId: row.service_integration_id,
    parentJobId: row.parent_job_id,
    incremental: row.incremental,
    criteria: row.criteria,
    status: row.status,
    pages: row.pages,
    rows: Number(row.rows),
    cursor: row.cursor,
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export interface NewBackfillJob {
  readonly serviceIntegrationId: number;
  readonly incremental: boolean;
  readonly parentJobId?: number | null;
  readonly createdById?: number | null;
  readonly criteria?: Readonly<Record<string, unknown>>;
}

/**
 * Backfill jobs (docs/behaviour/backfill.md#jobs): created by the api (with one child per
 * dependent), run and advanced by the backfiller. Pass a transaction to join it.
 */
export class BackfillJobRepository {
  constructor(private readonly db: Db) {}

  async create(input: NewBackfillJob): Promise<BackfillJobRecord> {
    try {
      const [row] = await this.db.query<JobRow>(
        `INSERT INTO ${JOBS} (opaque_id, service_integration_id, parent_job_id, created_by_id, incremental, criteria)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${COLUMNS}`,
        [opaqueId('bfj'), input.serviceIntegrationId, input.parentJobId ?? null, input.createdById ?? null, input.incremental, JSON.stringify(input.criteria ?? {})],
      );
      return toRecord(row!);
    } catch (error) {
      if (databaseErrorCode(error) === '23503') throw new AppError('not_found', 'The integration or the parent job does not exist.');
      throw error;
    }
  }

  async findByOpaqueId(jobOpaqueId: string): Promise<BackfillJobRecord | null> {
    const [row] = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM ${JOBS} WHERE opaque_id = $1`, [jobOpaqueId]);
    return row ? toRecord(row) : null;
  }

  async findById(id: number): Promise<BackfillJobRecord | null> {
    const [row] = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM ${JOBS} WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /** Direct children, oldest first. */
  async childrenOf(jobId: number): Promise<BackfillJobRecord[]> {
    const rows = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM ${JOBS} WHERE parent_job_id = $1 ORDER BY id`, [jobId]);
    return rows.map(toRecord);
  }

  /** The job and every descendant (children, grandchildren, ...), the job first, then by id. */
  async subtreeOf(jobId: number): Promise<BackfillJobRecord[]> {
    const rows = await this.db.query<JobRow>(
      `WITH RECURSIVE tree AS (
         SELECT id FROM ${JOBS} WHERE id = $1
         UNION ALL
         SELECT child.id FROM ${JOBS} child JOIN tree ON child.parent_job_id = tree.id
       )
       SELECT ${COLUMNS} FROM ${JOBS} WHERE id IN (SELECT id FROM tree) ORDER BY id = $1 DESC, id`,
      [jobId],
    );
    return rows.map(toRecord);
  }

  /** The integration's jobs, newest first. */
  async listForIntegration(serviceIntegrationId: number, limit = 50): Promise<BackfillJobRecord[]> {
    const rows = await this.db.query<JobRow>(`SELECT ${COLUMNS} FROM ${JOBS} WHERE service_integration_id = $1 ORDER BY id DESC LIMIT $2`, [
      serviceIntegrationId,
      limit,
    ]);
    return rows.map(toRecord);
  }

  /** A run begins: `running`, one more attempt, `started_at` kept from the first run. */
  async markRunning(jobId: number): Promise<BackfillJobRecord> {
    return this.update(jobId, `status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), error = NULL`, []);
  }

  /** A page was published: count it and remember where the next one starts (null: none left). */
  async recordPage(jobId: number, rows: number, nextCursor: string | null): Promise<BackfillJobRecord> {
    return this.update(jobId, `pages = pages + 1, rows = rows + $2, cursor = $3`, [rows, nextCursor]);
  }

  async markFinished(jobId: number): Promise<BackfillJobRecord> {
    return this.update(jobId, `status = 'finished', finished_at = now(), cursor = NULL`, []);
  }

  /** `error` is shown to users: a message for people, never a secret. */
  async markFailed(jobId: number, error: string): Promise<BackfillJobRecord> {
    return this.update(jobId, `status = 'failed', finished_at = now(), error = $2`, [error.slice(0, 2000)]);
  }

  /**
   * A job that will not run and counts as finished (docs/behaviour/backfill.md#cascade): its
   * replicator cannot backfill (webhook-only), or it has no credentials. `note` says why.
   */
  async markSkipped(jobId: number, note: string): Promise<BackfillJobRecord> {
    return this.update(jobId, `status = 'finished', finished_at = now(), cursor = NULL, error = $2`, [note.slice(0, 2000)]);
  }

  /**
   * Jobs a backfiller may run now (docs/behaviour/backfill.md#sweep), oldest first: pending or
   * running (a running job whose backfiller died resumes from its cursor), and either a root or a
   * child whose parent has finished (children run after their parent).
   */
  async listRunnable(limit: number): Promise<BackfillJobRecord[]> {
    const rows = await this.db.query<JobRow>(
      `SELECT ${COLUMNS} FROM ${JOBS} AS j
        WHERE j.status IN ('pending', 'running')
          AND (j.parent_job_id IS NULL OR EXISTS (SELECT 1 FROM ${JOBS} AS p WHERE p.id = j.parent_job_id AND p.status = 'finished'))
        ORDER BY j.id LIMIT $1`,
      [limit],
    );
    return rows.map(toRecord);
  }

  /** Whether the integration has a root job that is pending or running. */
  async hasUnfinishedRoot(serviceIntegrationId: number): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ${JOBS} WHERE service_integration_id = $1 AND parent_job_id IS NULL AND status IN ('pending', 'running') LIMIT 1`, [
      serviceIntegrationId,
    ]);
    return rows.length > 0;
  }

  /** Whether a root job of the integration carries `criteria.<key> = value` (a scheduler's slot claim). */
  async hasRootWithCriterion(serviceIntegrationId: number, key: string, value: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM ${JOBS} WHERE service_integration_id = $1 AND parent_job_id IS NULL AND criteria ->> $2 = $3 LIMIT 1`, [
      serviceIntegrationId,
      key,
      value,
    ]);
    return rows.length > 0;
  }

  private async update(jobId: number, assignments: string, parameters: readonly unknown[]): Promise<BackfillJobRecord> {
    const [row] = await this.db.query<JobRow>(`UPDATE ${JOBS} SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [jobId, ...parameters]);
    if (!row) throw new AppError('not_found', `Backfill job ${jobId} does not exist.`);
    return toRecord(row);
  }
}
