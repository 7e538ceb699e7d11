import { HttpClient, HttpResponse, IntegrationSettings, isJsonObject, JsonObject, parseJsonResponse, expectOk, ProviderEndpoints, signalwireBaseUrl } from '@whdb/core';

/** A media item of an SMS (SPEC 15.6). */
export interface SignalwireMediaItem {
  readonly content_type: string;
  readonly uri: string;
}

/**
 * SignalWire's Compatibility API as the sender uses it (PROVIDERS 3; docs/behaviour/outbound-sender.md#signalwire):
 * Basic auth with the parent integration's project id and API token (decrypted), the space from its
 * `api_url` through `SIGNALWIRE_URL_TEMPLATE`, form-encoded sends, JSON answers.
 */
export class SignalwireApi {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    private readonly http: HttpClient,
    private readonly integration: IntegrationSettings,
    endpoints: ProviderEndpoints,
    private readonly timeoutMs: number,
  ) {
    this.base = signalwireBaseUrl(endpoints, integration.apiUrl);
    this.auth = `Basic ${Buffer.from(`${integration.backfillKey}:${integration.backfillSecret}`).toString('base64')}`;
  }

  get messagesUrl(): string {
    return `${this.base}/api/laml/2010-04-01/Accounts/${encodeURIComponent(this.integration.backfillKey)}/Messages.json`;
  }

  /** `POST .../Messages.json` with `From`, `To`, `Body` and a repeated `MediaUrl`; the raw answer (the caller classifies it). */
  send(sms: { readonly from: string; readonly to: string; readonly body: string; readonly mediaUrls: readonly string[] }): Promise<HttpResponse> {
    const form = new URLSearchParams({ From: sms.from, To: sms.to, Body: sms.body });
    for (const url of sms.mediaUrls) form.append('MediaUrl', url);
    return this.http.request({ method: 'POST', url: this.messagesUrl, headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }), body: form.toString(), timeoutMs: this.timeoutMs });
  }

  /** The most recent messages from `from` to `to`, newest first (the documented `From`/`To` filters). */
  async recentMessages(from: string, to: string, pageSize = 50): Promise<JsonObject[]> {
    const url = `${this.messagesUrl}?${new URLSearchParams({ From: from, To: to, PageSize: String(pageSize) }).toString()}`;
    const body = parseJsonResponse(expectOk(await this.http.request({ method: 'GET', url, headers: this.headers(), timeoutMs: this.timeoutMs }), url), url);
    return isJsonObject(body) && Array.isArray(body['messages']) ? body['messages'].filter(isJsonObject) : [];
  }

  /** `GET <space><subresource_uris.media>`: the `media_list`. */
  async mediaList(path: string): Promise<SignalwireMediaItem[]> {
    const url = this.urlOf(path);
    const body = parseJsonResponse(expectOk(await this.http.request({ method: 'GET', url, headers: this.headers(), timeoutMs: this.timeoutMs }), url), url);
    if (!isJsonObject(body) || !Array.isArray(body['media_list'])) return [];
    return body['media_list'].filter(isJsonObject).flatMap((item) => (typeof item['content_type'] === 'string' && typeof item['uri'] === 'string' ? [{ content_type: item['content_type'], uri: item['uri'] }] : []));
  }

  /** A media item's bytes: its uri without `.json`, accepting any type (SPEC 15.6). */
  async downloadMedia(uri: string): Promise<Uint8Array> {
    const url = this.urlOf(uri.replace(/\.json$/, ''));
    const response = expectOk(await this.http.request({ method: 'GET', url, headers: this.headers({ accept: '*/*' }), timeoutMs: this.timeoutMs }), url);
    return response.bytes ?? Buffer.from(response.body, 'utf8');
  }

  /** A path on the space; an absolute URL keeps only its path, so credentials never go to another host. */
  private urlOf(pathOrUrl: string): string {
    const path = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl.replace(/^https?:\/\/[^/]+/i, '') : pathOrUrl;
    return `${this.base}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: this.auth, accept: 'application/json', ...extra };
  }
}

/** The `code` of a SignalWire business error (a JSON body with `code`), or null (SPEC 15.5). */
export function signalwireErrorCode(response: HttpResponse): string | null {
  try {
    const body = JSON.parse(response.body) as unknown;
    if (isJsonObject(body) && body['code'] !== undefined && body['code'] !== null) return String(body['code']);
  } catch {
    // Not JSON: not a business error.
  }
  return null;
}
