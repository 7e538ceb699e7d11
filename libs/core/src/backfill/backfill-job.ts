/**
 * A backfill job as users see it (CONTRACT: `GET .../backfill/job/{id}`; docs/behaviour/backfill.md#jobs).
 * `pending` until a backfiller takes it, `running` while pages are fetched, then `finished` or
 * `failed`. A job is only finished for the api once all of its children are.
 */
export const BACKFILL_JOB_STATUSES = ['pending', 'running', 'finished', 'failed'] as const;
export type BackfillJobStatus = (typeof BACKFILL_JOB_STATUSES)[number];

/** One job row (one integration); `children` are the jobs of its dependents, created with it. */
export interface BackfillJobRecord {
  readonly id: number;
  /** `bfj_<base36>`: the id in URLs and events. */
  readonly opaqueId: string;
  readonly serviceIntegrationId: number;
  readonly parentJobId: number | null;
  readonly incremental: boolean;
  readonly criteria: Readonly<Record<string, unknown>>;
  readonly status: BackfillJobStatus;
  /** Pages fetched and published so far. */
  readonly pages: number;
  /** Resources published so far. */
  readonly rows: number;
  /** The token of the next page to fetch; null before the first page (and after the last). */
  readonly cursor: string | null;
  /** Why the job failed (a message for people; no secrets). */
  readonly error: string | null;
  /** Runs of this job so far (a run resumes from `cursor`). */
  readonly attempts: number;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
}
