import { HttpClient } from '@whdb/core';

/** The `User-Agent` of the backfiller's provider calls (providers' logs, and tests telling its requests from the api's credential checks). */
export const BACKFILLER_USER_AGENT = 'whdb-backfiller';

/** Adds `User-Agent: whdb-backfiller` to every request that sets none. */
export function withBackfillerUserAgent(http: HttpClient): HttpClient {
  return {
    request: (request) => {
      const headers = request.headers ?? {};
      const named = Object.keys(headers).some((name) => name.toLowerCase() === 'user-agent');
      return http.request(named ? request : { ...request, headers: { ...headers, 'user-agent': BACKFILLER_USER_AGENT } });
    },
  };
}
