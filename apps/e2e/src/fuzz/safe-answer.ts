import { RawResponse } from './raw-http';

/**
 * Internal detail that must never reach a caller (docs/bad-input.md): database codes and
 * messages, driver and framework names, stack frames, file paths.
 */
const INTERNAL_DETAIL: readonly [string, RegExp][] = [
  ['an SQLSTATE', /sqlstate/i],
  ['a Postgres message', /invalid byte sequence|invalid input syntax|violates .* constraint|duplicate key value|relation "|syntax error at or near|index row size|out of range for type|value overflows numeric|unsupported Unicode escape|stack depth limit/i],
  ['a driver or framework name', /postgres|typeorm|QueryFailedError|kafkajs|KafkaJS|node-postgres|pg-pool|\bpg\b/i],
  ['a stack frame', /\bat [\w.<>$]+ \(|\n\s+at |\.(?:ts|js|cjs|mjs):\d+/],
  ['a file path', /\/(?:work|home|usr|tmp|root|app|src|dist|node_modules)\/|[A-Z]:\\/],
];

/** Names the internal detail a body carries, or null. */
export function internalDetailIn(body: string): string | null {
  for (const [what, pattern] of INTERNAL_DETAIL) {
    const match = pattern.exec(body);
    if (match) return `${what} (${JSON.stringify(match[0])})`;
  }
  return null;
}

function explain(response: RawResponse, problem: string): string {
  return `${problem}\n--- request ---\n${response.request}\n--- answer ${response.status} ---\n${response.body.slice(0, 1000)}`;
}

/** The answer is not a 5xx (nor a dropped connection) and shows no internal detail. */
export function expectNoServerError(response: RawResponse): void {
  if (response.status < 100 || response.status >= 500) throw new Error(explain(response, `expected no 5xx, got ${response.status}`));
  const detail = response.status >= 300 ? internalDetailIn(response.body) : null;
  if (detail) throw new Error(explain(response, `the answer shows ${detail}`));
}

/** The answer is a 4xx that shows no internal detail. */
export function expectClientError(response: RawResponse): void {
  expectNoServerError(response);
  if (response.status < 400) throw new Error(explain(response, `expected a 4xx, got ${response.status}`));
}

/** A 4xx in the api's error shape (docs/behaviour/integrations-api.md#errors) `{"error": {"status", "message", "code"}}`, status matching. */
export function expectApiClientError(response: RawResponse): void {
  expectClientError(response);
  if (response.status === 431 || response.body === '') return; // Refused by Node's HTTP parser, before the app.
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new Error(explain(response, 'the error body is not JSON'));
  }
  const error = (body as { error?: Record<string, unknown> }).error;
  const shaped = error && error['status'] === response.status && typeof error['message'] === 'string' && error['message'] !== '' && typeof error['code'] === 'string';
  if (!shaped) throw new Error(explain(response, 'the error body is not {"error": {"status", "message", "code"}}'));
}
