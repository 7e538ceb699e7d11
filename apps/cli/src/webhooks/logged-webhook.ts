/**
 * A logged delivery as `GET /v1/organizations/{org}/logged_webhooks` lists it (SPEC 1.4 and 9.3;
 * the field names of `whdb.logged_webhooks`). Fields the api leaves out are shown empty.
 */
export interface LoggedWebhookBody {
  readonly id?: number | string;
  readonly inserted_at?: string;
  readonly request_method?: string;
  readonly request_path?: string;
  readonly response_status?: number;
  readonly service_integration_opaque_id?: string;
  readonly truncated_at?: string | null;
}

export interface LoggedWebhookPage {
  readonly items: readonly LoggedWebhookBody[];
  /** Where the next page starts; absent or null on the last page. */
  readonly next_cursor?: string | null;
}

/** Query parameters of the list (docs/cli.md#webhooks). Only the given filters are sent. */
export interface LoggedWebhookFilters {
  readonly integration?: string;
  readonly status?: string;
  readonly after?: string;
  readonly before?: string;
  readonly limit?: string;
  readonly cursor?: string;
}
