import type { Server } from 'node:http';

/**
 * Stops accepting connections and waits for in-flight requests; keep-alive connections are closed
 * as soon as they are idle, and whatever is still open after `graceMs` is cut.
 */
export function stopAccepting(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
