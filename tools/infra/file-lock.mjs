// A cross-process lock file, so that parallel test runners do not start the same broker twice or run
// Maven concurrently. The file holds the owner's pid; a lock whose owner is gone is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { pidAlive, say, sleep } from './process-util.mjs';

const STALE_EMPTY_LOCK_MS = 5000;

function tryAcquire(file) {
  try {
    const fd = fs.openSync(file, 'wx');
    fs.writeSync(fd, String(process.pid));
    fs.closeSync(fd);
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
}

function isStale(file) {
  try {
    const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(owner)) return owner !== process.pid && !pidAlive(owner);
    // Empty: the owner is between open and write, unless it died right there long ago.
    return Date.now() - fs.statSync(file).mtimeMs > STALE_EMPTY_LOCK_MS;
  } catch {
    return false; // vanished meanwhile: just retry
  }
}

/** Runs fn while holding the lock file; waits (up to timeoutMs) for another process holding it. */
export async function withFileLock(file, fn, { timeoutMs = 300_000, what = path.basename(file) } = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const started = Date.now();
  let announced = false;
  while (!tryAcquire(file)) {
    if (isStale(file)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what} (lock ${file}); remove it if no other process is running`);
    }
    if (!announced) say(`waiting for another process to finish ${what}...`);
    announced = true;
    await sleep(200);
  }
  try {
    return await fn();
  } finally {
    try {
      if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  }
}
