import { ApiTestApp } from '../testing/api-test-app';
import { SETUP_TERMINAL_CSP } from './security-headers';

/**
 * The pages of the web setup terminal (docs/setup-terminal.md#pages) as a browser receives them:
 * the security headers, the instructions, and an unknown service said plainly. The conversation
 * itself is driven in real Chromium (apps/e2e/src/web).
 */
describe('api: setup terminal pages', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await ApiTestApp.start();
  });

  afterAll(async () => {
    await api?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(`${api.url}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  function expectSecurityHeaders(headers: Headers): void {
    expect({
      csp: headers.get('content-security-policy'),
      frame: headers.get('x-frame-options'),
      referrer: headers.get('referrer-policy'),
      cache: headers.get('cache-control'),
      sniff: headers.get('x-content-type-options'),
    }).toEqual({ csp: SETUP_TERMINAL_CSP, frame: 'DENY', referrer: 'no-referrer', cache: 'no-store', sniff: 'nosniff' });
  }

  it('serves a service page: instructions, sign-in, the terminal, no inline script, strict headers', async () => {
    const page = await get('/v1/setup/increase_account_v1');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expectSecurityHeaders(page.headers);
    expect(SETUP_TERMINAL_CSP).toContain("script-src 'self'");
    expect(SETUP_TERMINAL_CSP).toContain("frame-ancestors 'none'");
    expect(page.text).toContain('data-service="increase_account_v1" data-known="true"');
    expect(page.text).toContain('whdb setup-link increase_account_v1');
    expect(page.text).toContain('id="token-input" name="token" type="password"');
    // The only scripts are external ones from this origin; no inline handlers either.
    expect([...page.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/v1/setup_terminal/setup-terminal.js" defer>']);
    expect(page.text).not.toMatch(/\son[a-z]+=/i);
    expect(page.text).not.toContain('<style');
  });

  it('serves the Front channel page with the seed flow, saying plainly when the service is unknown here', async () => {
    const page = await get('/v1/install/front_signalwire/setup');
    expectSecurityHeaders(page.headers);
    expect(page.text).toContain('Enable the Front app');
    expect(page.text).toContain('Set SignalWire up');
    expect(page.text).toContain('Choose the phone number');
    expect(page.text).toContain('Receive the API key');
    expect(page.text).toContain('data-service="front_signalwire_message_channel_app_v1"');
    // Until the channel replicator is registered, the page says so instead of offering a setup.
    const known = page.text.includes('data-known="true"');
    expect(page.status).toBe(known ? 200 : 404);
    if (!known) {
      expect(page.text).toContain('The service <code>front_signalwire_message_channel_app_v1</code> is unknown on this server');
      expect(page.text).not.toContain('id="sign-in-form"');
    } else {
      expect(page.text).toContain('data-dependency="signalwire_message_v1"');
    }
  });

  it('answers 404 with the page for an unknown service, escaping what the URL says', async () => {
    const page = await get(`/v1/setup/${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(page.status).toBe(404);
    expectSecurityHeaders(page.headers);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain('<code>increase_account_v1</code>');
  });
});
