import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../services/service-process';
import { PtySession } from './pty-session';

/** The built `whdb` binary (package.json "bin"), as `npm link` or `npx whdb` runs it. */
export const WHDB_BIN = path.join(REPO_ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

export interface WhdbRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Only what the CLI reads: no WHDB_* variable of the test process leaks in. */
function cliEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/root', ...env };
}

/** Runs `whdb` with pipes (stdin is not a terminal: the CI way), feeding `input` on stdin. */
export function runWhdb(args: readonly string[], env: Readonly<Record<string, string>>, input = ''): Promise<WhdbRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WHDB_BIN, ...args], { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Starts `whdb` on a pseudo-terminal, for prompts and progress bars as a person sees them. */
export function startWhdbOnPty(args: readonly string[], env: Readonly<Record<string, string>>): Promise<PtySession> {
  return PtySession.start(process.execPath, [WHDB_BIN, ...args], { env: { TERM: 'xterm-256color', ...cliEnv(env) }, cwd: REPO_ROOT });
}
