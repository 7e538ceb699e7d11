import { HttpRequest, HttpResponse, OrgAlert } from '@whdb/core';
import { createLogger } from '@whdb/platform';
import { alertRetryDelayMs, OrgAlerts } from './org-alerts';

const alert: OrgAlert = {
  template: 'errors/generic_backfill',
  service_integration: { opaque_id: 'svi_a', service_name: 'signalwire_message_v1', table_name: 'signalwire_message_v1_abcd' },
  message: 'SignalWire refused the credentials',
  details: { status: 401 },
};

type Step = number | Error;

function harness(scripts: Record<string, Step[]>, urls: string[] = Object.keys(scripts)) {
  const requests: HttpRequest[] = [];
  const sleeps: number[] = [];
  const lines: string[] = [];
  const logger = createLogger('test', { level: 'debug', stream: { write: (line: string) => void lines.push(line) } });
  const http = {
    async request(request: HttpRequest): Promise<HttpResponse> {
      requests.push(request);
      const step = scripts[request.url]!.shift() ?? 200;
      if (step instanceof Error) throw step;
      return { status: step, headers: {}, body: '' };
    },
  };
  const alerts = new OrgAlerts({ handlerUrls: async () => urls, http, logger, sleep: async (ms) => void sleeps.push(ms), policy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 150 } });
  return { alerts, requests, sleeps, lines };
}

describe('OrgAlerts (docs/behaviour/alerts.md)', () => {
  it('POSTs the alert as JSON to every handler and logs it', async () => {
    const h = harness({ 'https://a.example/hook?token=s3cret': [200], 'https://b.example/x': [204] });
    const deliveries = await h.alerts.raise(7, alert);
    expect(deliveries).toEqual([
      { handler: 'https://a.example', delivered: true, attempts: 1 },
      { handler: 'https://b.example', delivered: true, attempts: 1 },
    ]);
    expect(h.requests.map((r) => [r.method, r.headers?.['content-type'], JSON.parse(String(r.body))])).toEqual([
      ['POST', 'application/json', alert],
      ['POST', 'application/json', alert],
    ]);
    expect(h.lines.join('')).toContain('organization alert');
  });

  it('retries 5xx, 429 and network errors with a doubling, capped backoff', async () => {
    const h = harness({ 'https://a.example/hook': [503, new Error('socket hang up'), 200] });
    const [delivery] = await h.alerts.raise(7, alert);
    expect(delivery).toEqual({ handler: 'https://a.example', delivered: true, attempts: 3 });
    expect(h.sleeps).toEqual([100, 150]);
  });

  it('gives up after maxAttempts, and at once on a 4xx other than 408/429', async () => {
    const h = harness({ 'https://a.example/hook': [500, 429, 500, 200], 'https://b.example/hook': [404] });
    const deliveries = await h.alerts.raise(7, alert);
    expect(deliveries).toEqual([
      { handler: 'https://a.example', delivered: false, attempts: 3 },
      { handler: 'https://b.example', delivered: false, attempts: 1 },
    ]);
  });

  it('never logs a handler URL, only its origin', async () => {
    const h = harness({ 'https://a.example/hook/tok_very_secret?key=k_secret': [500, 500, 500] });
    await h.alerts.raise(7, alert);
    const logs = h.lines.join('');
    expect(logs).toContain('https://a.example');
    expect(logs).not.toContain('tok_very_secret');
    expect(logs).not.toContain('k_secret');
  });

  it('logs the alert even when the handlers cannot be read, and does not throw', async () => {
    const lines: string[] = [];
    const logger = createLogger('test', { level: 'debug', stream: { write: (line: string) => void lines.push(line) } });
    const alerts = new OrgAlerts({ handlerUrls: () => Promise.reject(new Error('db down')), http: { request: () => Promise.reject(new Error('unused')) }, logger });
    await expect(alerts.raise(7, alert)).resolves.toEqual([]);
    expect(lines.join('')).toContain('SignalWire refused the credentials');
  });

  it('computes the backoff: base doubling per failed attempt, capped', () => {
    expect([1, 2, 3, 4].map((n) => alertRetryDelayMs(n, { baseDelayMs: 1000, maxDelayMs: 5000 }))).toEqual([1000, 2000, 4000, 5000]);
  });
});
