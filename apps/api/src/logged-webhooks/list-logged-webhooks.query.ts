import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { LOGGED_WEBHOOK_STATUSES, LoggedWebhookStatus } from '@whdb/core';

/** Query of `GET /v1/organizations/{org}/logged_webhooks` (docs/behaviour/audit-log.md#api). */
export class ListLoggedWebhooksQuery {
  /** An opaque id, table name or service name (`{sint}`); opaque ids of deleted integrations work too. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  service_integration?: string;

  @IsOptional()
  @IsIn(LOGGED_WEBHOOK_STATUSES, { message: `status must be one of ${LOGGED_WEBHOOK_STATUSES.join(', ')}` })
  status?: LoggedWebhookStatus;

  /** Received at or after this ISO 8601 time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 time' })
  since?: string;

  /** Received before this ISO 8601 time. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 time' })
  until?: string;

  /** Page size, 1-200 (default 50). */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;

  /** `next_cursor` of the previous page. */
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'cursor must be the next_cursor of a previous page' })
  cursor?: string;
}
