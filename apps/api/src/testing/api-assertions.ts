/** What the assertions need of an HTTP response (matches `JsonResponse` of libs/testing). */
export interface ResponseLike {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly text: string;
}

/**
 * Asserts the error shape `{"error": {"status", "message", "code"}}`
 * (docs/behaviour/integrations-api.md#errors) with the given status and code (and, optionally, a
 * message matcher); returns `error` for further assertions.
 */
export function expectApiError(response: ResponseLike, status: number, code: string, message?: string | RegExp): Record<string, unknown> {
  expect({ status: response.status, contentType: response.headers.get('content-type') }).toEqual({ status, contentType: expect.stringMatching(/^application\/json/) });
  const body = response.body as { error?: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ status, code, message: expect.any(String) });
  expect(body.error!['message']).not.toBe('');
  if (message !== undefined) expect(body.error!['message']).toMatch(message);
  return body.error!;
}
