// Runs a command with inherited stdio and rejects with a clear message when it fails.
import { spawn } from 'node:child_process';

export function run(command, args, { env = process.env, label = `${command} ${args.join(' ')}` } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (code === 0) {
        console.log(`[test] ${label}: ok (${seconds} s)`);
        resolve();
      } else {
        reject(new Error(`${label} failed (${signal ?? `exit ${code}`}) after ${seconds} s`));
      }
    });
  });
}
