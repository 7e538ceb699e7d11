// Small process / network helpers shared by the infra scripts. Node builtins only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One line of progress on stderr, so stdout stays clean for `--json`-style consumers. */
export function say(message) {
  process.stderr.write(`[infra] ${message}\n`);
}

/** Resolves true when a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when `cmd args...` runs and exits 0 (used to detect java, mvn, docker, pg_ctlcluster). */
export function commandWorks(cmd, args = [], timeoutMs = 15000) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

/** True when an executable named cmd is on PATH (for tools whose --help exits non-zero, like pg_ctlcluster). */
export function commandOnPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir || '.', cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** True when a process with this pid exists (a zombie counts as gone where /proc tells us). */
export function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  const cmdline = commandLineOf(pid);
  return cmdline === undefined || cmdline !== '';
}

/**
 * Command line of a process: from /proc on Linux, from `ps` elsewhere. '' for a zombie or a process
 * that is gone; undefined when it cannot be determined at all.
 */
export function commandLineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch (error) {
    if (error.code === 'ENOENT' && fs.existsSync('/proc/self')) return '';
  }
  try {
    return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim();
  } catch {
    return pidExists(pid) ? undefined : '';
  }
}

function pidExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Polls check() until it returns a truthy value or the deadline passes; returns that value or undefined. */
export async function pollUntil(check, { timeoutMs, intervalMs = 250, onTick } = {}) {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started >= timeoutMs) return undefined;
    onTick?.(Date.now() - started);
    await sleep(intervalMs);
  }
}

/** Last n lines of a text file ('' when it does not exist). */
export function tailFile(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}
