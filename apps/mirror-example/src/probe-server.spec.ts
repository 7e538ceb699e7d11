import type { AddressInfo } from 'node:net';
import { probeServer, ProbeState } from './probe-server';

describe('probeServer', () => {
  const state: ProbeState = { ready: false, live: true };
  const server = probeServer(state);
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const status = async (path: string) => (await fetch(`${url}${path}`)).status;

  it('is live but not ready until the consumer joined its group, then ready', async () => {
    Object.assign(state, { ready: false, live: true });
    expect([await status('/healthz'), await status('/readyz')]).toEqual([200, 503]);
    state.ready = true;
    expect([await status('/healthz'), await status('/readyz')]).toEqual([200, 200]);
  });

  it('is neither live nor ready once the consumer crashed for good', async () => {
    Object.assign(state, { ready: true, live: false });
    expect([await status('/healthz'), await status('/readyz')]).toEqual([503, 503]);
  });

  it('answers 404 to any other path', async () => {
    expect(await status('/metrics')).toBe(404);
  });
});
