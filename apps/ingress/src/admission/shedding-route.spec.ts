import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RawReply, RawRoute } from '@whdb/platform';
import { InFlightBound } from './in-flight-bound';
import { sheddingRoute } from './shedding-route';

/** A route that reads the body and answers 202 only when the test lets it; counts what it handled. */
class HeldRoute implements RawRoute {
  readonly prefix = '/hook';
  readonly template = '/hook';
  readonly waiting: (() => void)[] = [];
  handled = 0;

  handle(req: IncomingMessage, _context: unknown, reply: RawReply): void {
    this.handled += 1;
    req.resume();
    req.on('end', () => this.waiting.push(() => reply(202, {}, 'ok')));
  }
}

describe('sheddingRoute', () => {
  let server: Server;
  let url: string;
  let route: HeldRoute;
  let bound: InFlightBound;
  let shed: number;

  beforeEach(async () => {
    route = new HeldRoute();
    bound = new InFlightBound(2);
    shed = 0;
    const bounded = sheddingRoute(route, bound, () => shed++);
    server = createServer((req, res) => bounded.handle(req, { correlationId: 'c', receivedAt: new Date() }, (status, headers, body) => res.writeHead(status, headers).end(body)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = () => fetch(url, { method: 'POST', body: 'x'.repeat(1000) });
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('sheds with 503 + Retry-After beyond the bound, without handing the request to the route', async () => {
    const held = [post(), post()];
    await until(() => route.waiting.length === 2);
    const third = await post();
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(route.handled).toBe(2);
    expect(shed).toBe(1);
    route.waiting.forEach((answer) => answer());
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([202, 202]);
  });

  it('frees the slot once the answer is sent', async () => {
    const first = post();
    const second = post();
    await until(() => route.waiting.length === 2);
    route.waiting.shift()!();
    await first;
    expect(bound.current).toBe(1);
    const third = post();
    await until(() => route.waiting.length === 2);
    route.waiting.forEach((answer) => answer());
    expect((await Promise.all([second, third])).map((r) => r.status)).toEqual([202, 202]);
    expect(bound.current).toBe(0);
  });

  it('frees the slot of a request whose client went away before the answer', async () => {
    const controller = new AbortController();
    const gone = fetch(url, { method: 'POST', body: 'x', signal: controller.signal }).catch(() => 'aborted');
    await until(() => route.waiting.length === 1);
    expect(bound.current).toBe(1);
    controller.abort();
    await gone;
    await until(() => bound.current === 0);
    expect(bound.current).toBe(0);
  });
});
