/**
 * A logged delivery as `GET /v1/organizations/{org}/logged_webhooks` lists it
 * (docs/behaviour/audit-log.md#api). Only the fields the CLI shows are named here; `--json`
 * prints the api's answer as it is.
 */
export interface LoggedWebhookBody {
  readonly id: string;
  readonly inserted_at: string;
  readonly truncated_at: string | null;
  readonly service_integration_opaque_id: string;
  readonly request_method: string;
  readonly request_path: string;
  readonly response_status: number;
  readonly rejected_reason: string | null;
  /** Accepted and not truncated yet. */
  readonly replayable: boolean;
}

export interface LoggedWebhookPage {
  readonly items: readonly LoggedWebhookBody[];
  /** Where the next (older) page starts; null on the last page. */
  readonly next_cursor: string | null;
}

/** The filters of `whdb webhooks list`, already checked (docs/cli.md#webhooks). */
export interface LoggedWebhookFilters {
  readonly integration?: string;
  readonly status?: 'accepted' | 'rejected';
  /** ISO 8601. */
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/** `POST .../logged_webhooks/replay` answers the deliveries it published again. */
export interface ReplayAnswer {
  readonly items: readonly { readonly id: string; readonly event_id: string; readonly service_integration_opaque_id: string }[];
}
