import { Db } from '../database/transaction';
import { controlPlaneTable } from '../schema/control-plane-schema';

const LOGGED = controlPlaneTable('loggedWebhooks');

/** Counts of an integration's logged deliveries (docs/behaviour/integrations-api.md#stats). */
export interface WebhookCounts {
  /** Deliveries logged since `since`. */
  readonly total: number;
  /** Those answered with a status of 400 or more. */
  readonly rejected: number;
  /** Response statuses of the integration's ten latest deliveries (any age), newest first. */
  readonly latestStatuses: readonly number[];
}

/** Reads `whdb.logged_webhooks` (written by the audit log) for the api's `stats` endpoint. */
export class WebhookStatsRepository {
  constructor(private readonly db: Db) {}

  async countsFor(opaqueId: string, since: Date): Promise<WebhookCounts> {
    const [counts] = await this.db.query<{ total: number; rejected: number }>(
      `SELECT count(*)::integer AS total, (count(*) FILTER (WHERE response_status >= 400))::integer AS rejected
         FROM ${LOGGED} WHERE service_integration_opaque_id = $1 AND inserted_at > $2`,
      [opaqueId, since],
    );
    const latest = await this.db.query<{ response_status: number }>(
      `SELECT response_status FROM ${LOGGED} WHERE service_integration_opaque_id = $1 ORDER BY inserted_at DESC, id DESC LIMIT 10`,
      [opaqueId],
    );
    return { total: counts?.total ?? 0, rejected: counts?.rejected ?? 0, latestStatuses: latest.map((row) => row.response_status) };
  }
}
