// Preloaded into a service process (`node --require <this file>`) by tests that put a TcpFaultProxy
// between that one service and a dependency whose address the service learns at run time (Kafka:
// the broker's advertised listener comes back in the metadata, so KAFKA_BROKERS alone cannot route a
// client through a proxy). WHDB_TEST_CONNECT_REDIRECT="127.0.0.1:19610>127.0.0.1:41234,..." makes
// every `net.connect` to the left address go to the right one; nothing else changes.
// Used by apps/e2e/src/chaos (docs/operations.md#chaos-suite); never loaded in production.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node --require)
const net = require('node:net');

const routes = new Map(
  (process.env.WHDB_TEST_CONNECT_REDIRECT || '')
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('>')),
);

if (routes.size > 0) {
  const original = net.connect;
  const redirected = function connect(...args) {
    const [first] = args;
    if (first && typeof first === 'object' && first.port !== undefined) {
      const target = routes.get(`${first.host || 'localhost'}:${first.port}`);
      if (target) {
        const at = target.lastIndexOf(':');
        args[0] = { ...first, host: target.slice(0, at), port: Number(target.slice(at + 1)) };
      }
    }
    return original.apply(this, args);
  };
  net.connect = redirected;
  net.createConnection = redirected;
}
