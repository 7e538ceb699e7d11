// Starts one built service (node dist/apps/<app>/src/main.js) with its log in a file; warnings and
// errors are echoed to the console with the service's name.
// Each service runs in its own process group (`detached`), so Ctrl-C in the terminal reaches only
// the runner, which then stops each service with exactly one SIGTERM (docs/runbooks/stopping-services.md).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function startService({ root, app, label = app, env, logDir }) {
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${label}.log`);
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/apps', app, 'src/main.js')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const echo = (chunk) => {
    log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        console.error(`[${label}] ${line}`);
        continue;
      }
      if (entry.level === 'warn' || entry.level === 'error') console.error(`[${label}] ${entry.level}: ${entry.msg}${entry.error ? ` (${entry.error.message ?? ''})` : ''}`);
    }
  };
  child.stdout.on('data', echo);
  child.stderr.on('data', echo);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  let stopping = false;
  /** One SIGTERM, however often it is called: the service drains and exits. */
  const stop = () => {
    if (running() && !stopping) {
      stopping = true;
      child.kill('SIGTERM');
    }
    return exited;
  };
  /** Passes a signal on (e.g. a repeated Ctrl-C: the third signal makes a draining service give up). */
  const forward = (signal) => {
    if (running()) child.kill(signal);
  };
  return { label, child, logFile, exited, stop, forward };
}

export async function waitUntilReady(service, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${service.label} exited with code ${service.child.exitCode}; see ${service.logFile}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service.label} was not ready within ${timeoutMs / 1000} s; see ${service.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
