import { createServer, Server } from 'node:http';

/** What the probes report (README.md#probes). */
export interface ProbeState {
  /** The consumer joined its group (and has not crashed since). */
  ready: boolean;
  /** False once the consumer crashed for good (kafkajs gave up restarting it). */
  live: boolean;
}

/**
 * `GET /healthz` (liveness: 200 while the consumer runs) and `GET /readyz` (readiness: 200 once it
 * joined its group); 503 otherwise, 404 for any other path. Plain text, no detail.
 */
export function probeServer(state: ProbeState): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || (path !== '/healthz' && path !== '/readyz')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const ok = path === '/healthz' ? state.live : state.live && state.ready;
    response.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok' : path === '/healthz' ? 'not live' : 'not ready');
  });
}
