import { ErrorHandlerRecord } from '@whdb/persistence';

/** An error handler as the api returns it (docs/behaviour/integrations-api.md#error-handlers). */
export interface ErrorHandlerResponse {
  readonly id: string;
  readonly url: string;
  readonly created_at: string;
}

export function toErrorHandlerResponse(record: ErrorHandlerRecord): ErrorHandlerResponse {
  return { id: record.opaqueId, url: record.url, created_at: record.createdAt.toISOString() };
}
