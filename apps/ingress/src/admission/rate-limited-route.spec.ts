import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RawReply, RawRoute } from '@whdb/platform';
import { IngressReplies } from '../webhooks/ingress-reply';
import { rateLimitedRoute } from './rate-limited-route';
import { RefusalHold } from './refusal-hold';
import { TenantGate } from './tenant-gate';
import { TenantRateLimits } from './tenant-rate-limits';

const PREFIX = '/v1/service_integrations/';

/** Stands for the webhook route: answers 202, or the use case's own 429 for `svi_late`. */
class InnerRoute implements RawRoute {
  readonly prefix = PREFIX;
  readonly template = `${PREFIX}:opaque_id`;
  handled = 0;
  handle(req: IncomingMessage, _context: unknown, reply: RawReply): void {
    this.handled += 1;
    req.resume();
    const late = req.url!.includes('svi_late');
    req.on('end', () => (late ? reply(429, IngressReplies.rateLimited('organization', 1).headers, 'late') : reply(202, {}, 'ok')));
  }
}

describe('rateLimitedRoute', () => {
  let server: Server;
  let url: string;
  let inner: InnerRoute;
  let limits: TenantRateLimits;
  let hold: RefusalHold;
  let limited: string[];

  beforeEach(async () => {
    inner = new InnerRoute();
    limits = new TenantRateLimits({ perIntegration: 0, perOrganization: 1, burstSeconds: 1, now: () => 0 });
    const gate = new TenantGate({ organizationOf: (id) => ({ svi_noisy: 1, svi_quiet: 2 })[id], limits });
    hold = new RefusalHold({ holdMs: 300, maxHeld: 10 });
    limited = [];
    const route = rateLimitedRoute(inner, gate, hold, (scope) => limited.push(scope));
    server = createServer((req, res) => route.handle(req, { correlationId: 'c', receivedAt: new Date() }, (status, headers, body) => res.writeHead(status, headers).end(body)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (id: string) => fetch(`${url}${id}`, { method: 'POST', body: 'x'.repeat(1000) });

  it('refuses an organization over its rate with a held 429 + what is left of its Retry-After, without handing it to the route', async () => {
    limits.admit('svi_noisy', 1);
    const answer = post('svi_noisy');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(hold.current).toBe(1);
    const response = await answer;
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1'); // a 1 s wait, 0.3 s of it held
    expect(await response.json()).toEqual({ message: 'Too many webhooks for this organization; retry later.' });
    expect(inner.handled).toBe(0);
    expect(limited).toEqual(['organization']);
    expect(hold.current).toBe(0);
  });

  it('hands every other webhook to the route, and its 2xx straight back', async () => {
    limits.admit('svi_noisy', 1);
    const response = await post('svi_quiet');
    expect(response.status).toBe(202);
    expect(inner.handled).toBe(1);
    expect(hold.current).toBe(0);
  });

  it("holds the route's own 429 too", async () => {
    const answer = post('svi_late');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(inner.handled).toBe(1);
    expect(hold.current).toBe(1);
    expect((await answer).status).toBe(429);
    expect(limited).toEqual([]);
  });
});
