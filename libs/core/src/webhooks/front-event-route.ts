import { isJsonObject } from '../json/json';

/** Where a Front application event goes (docs/replicators/front_message_v1.md#routing). */
export interface FrontEventRoute {
  /** The company's API host, from `payload._links.self` (e.g. `acme.api.frontapp.com`). */
  readonly host: string;
  /** `front_<payload.target._meta.type>_v1`; `conversation` when the event has no target type. */
  readonly serviceName: string;
}

/**
 * The company's Front API root as integrations store it in `api_url`: `https://<host>`, lower-cased,
 * from a URL or a bare host (`https://acme.api.frontapp.com/x`, `acme.api.frontapp.com`). Empty
 * stays empty; an unparseable value is returned trimmed.
 */
export function normalizeFrontApiUrl(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return `https://${url.host.toLowerCase()}`;
  } catch {
    return trimmed;
  }
}

/**
 * Routes an application event `{type, authorization, payload}` the way WebhookDB does: by the host
 * of `payload._links.self` (the company) and by `payload.target._meta.type` (the replicator).
 * Null when the body carries no event to route (the `sync` handshake body, or no usable link).
 */
export function frontEventRoute(body: unknown): FrontEventRoute | null {
  if (!isJsonObject(body) || !isJsonObject(body['payload'])) return null;
  const payload = body['payload'];
  const links = payload['_links'];
  const self = isJsonObject(links) ? links['self'] : undefined;
  if (typeof self !== 'string') return null;
  let host: string;
  try {
    host = new URL(self).host.toLowerCase();
  } catch {
    return null;
  }
  const target = payload['target'];
  const meta = isJsonObject(target) ? target['_meta'] : undefined;
  const type = isJsonObject(meta) && typeof meta['type'] === 'string' && /^[a-z_]{1,40}$/.test(meta['type']) ? meta['type'] : 'conversation';
  return { host, serviceName: `front_${type}_v1` };
}
