import { HttpStatusError, HttpUnreachableError, HttpResponse } from '@whdb/core';

/** Whether an HTTP failure means the request never reached the provider (nothing can have been created). */
export function neverReachedProvider(error: unknown): boolean {
  if (!(error instanceof HttpUnreachableError)) return false;
  return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET before|certificate/i.test(error.message);
}

/** A retriable error for a 429 (with its Retry-After, honoured by the consumer runner) or a 5xx. */
export function retriableStatusError(response: HttpResponse, url: string): HttpStatusError {
  const retryAfter = Number(response.headers['retry-after']);
  return new HttpStatusError(response.status, url, response.body.slice(0, 500), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;
export const isRetriableStatus = (status: number): boolean => status === 429 || status >= 500;
