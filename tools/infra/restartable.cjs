// "Kafka down, then back" for Jest tests (CommonJS: Jest's module loader cannot load the .mjs files
// here). Drives `node tools/infra/cli.mjs kafka-*` in a child process, so it works from any test.
//   const { restartable } = require('../../tools/infra/restartable.cjs');  // or `import` from TS
//   const kafka = restartable({ name: 'outage', port: 19192 });
//   await kafka.start(); await kafka.stop(); await kafka.start(); // same data, same cluster id
// Use a dedicated name and ports: the shared `test` / `dev` instances are refused, other suites use them.
const { execFile } = require('node:child_process');
const path = require('node:path');

const CLI = path.join(__dirname, 'cli.mjs');
const SHARED = new Set(['dev', 'test']);

function runCli(args, timeoutMs) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`node tools/infra/cli.mjs ${args[0]} failed: ${stderr.trim() || error.message}`));
        return;
      }
      resolve(JSON.parse(stdout));
    });
  });
}

/**
 * A handle on one local Kafka instance. start() resolves to {name, brokers, port, controllerPort, pid,
 * clusterId, dir, logFile, reused}; stop({signal: 'SIGKILL'}) simulates a crash; status() never changes anything.
 */
function restartable({ name, port, controllerPort = port + 1, heapMb = 512 }) {
  if (!name || SHARED.has(name)) throw new Error(`restartable() needs a dedicated instance name, not ${JSON.stringify(name)}`);
  if (!Number.isInteger(port)) throw new Error('restartable() needs a port');
  const common = ['--name', name, '--port', String(port), '--controller-port', String(controllerPort), '--heap-mb', String(heapMb)];
  const start = () => runCli(['kafka-start', ...common], 150_000);
  const stop = ({ signal = 'SIGTERM' } = {}) => runCli(['kafka-stop', ...common, '--signal', signal], 60_000);
  return {
    name,
    brokers: `127.0.0.1:${port}`,
    start,
    stop,
    restart: async () => {
      await stop();
      return start();
    },
    status: () => runCli(['kafka-status', ...common], 30_000),
  };
}

module.exports = { restartable };
