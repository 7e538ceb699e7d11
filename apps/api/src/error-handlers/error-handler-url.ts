import { AppError } from '@whdb/core';

const MAX_URL_LENGTH = 2048;

/**
 * Checks an error-handler URL (docs/behaviour/integrations-api.md#error-handlers): an absolute
 * `https:` or `http:` URL with a host, at most 2048 characters, no whitespace. The URL may carry
 * credentials (a token in the path or query, user:password), so it is never quoted in an error
 * message or a log line.
 */
export function parseErrorHandlerUrl(value: unknown): string {
  if (typeof value !== 'string') throw new AppError('invalid_input', 'url must be a string: the https URL alerts are POSTed to.');
  const trimmed = value.trim();
  if (trimmed.length > MAX_URL_LENGTH) throw new AppError('invalid_input', `url must be at most ${MAX_URL_LENGTH} characters.`);
  if (/\s/.test(trimmed)) throw new AppError('invalid_input', 'url must not contain whitespace.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError('invalid_input', 'url is not a valid absolute URL (e.g. https://alerts.example.com/whdb).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('invalid_input', 'url must be an https or http URL.');
  if (url.hostname === '') throw new AppError('invalid_input', 'url must name a host.');
  return url.toString();
}
