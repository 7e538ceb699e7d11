import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../eventually';

/** The repository root (the nearest folder with nx.json), from sources or from dist/. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${start}`);
  }
}

/** dist/ under it holds the built services (`node tools/build.mjs`). */
export const REPO_ROOT = findRepoRoot(__dirname);

export interface ServiceProcessOptions {
  /** `ingress`, `api`, `projector` ... (dist/apps/<app>/src/main.js). */
  readonly app: string;
  readonly env: Readonly<Record<string, string>>;
  /** Base URL serving /readyz (for workers, their probe port). */
  readonly probeUrl: string;
  /** Shown in logs and errors. */
  readonly label?: string;
  /** Extra `node` flags before the entry point (e.g. `--cpu-prof` for profiling). */
  readonly nodeArgs?: readonly string[];
}

const SEVERE_LINE = /"level":"(error|fatal)"/;

/**
 * One service running as its own Node process, exactly as in production (`node dist/apps/...`).
 * Keeps the last lines of its output to explain failures.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private readonly output: string[] = [];
  private severeLines = 0;
  private readonly lastSevereLines: string[] = [];
  private exited: Promise<number | null> = Promise.resolve(null);

  constructor(readonly options: ServiceProcessOptions) {}

  get label(): string {
    return this.options.label ?? this.options.app;
  }

  /** The operating-system process id while running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until /readyz answers 200. */
  async start(timeoutMs = 90_000): Promise<this> {
    const main = path.join(REPO_ROOT, 'dist', 'apps', this.options.app, 'src', 'main.js');
    const child = spawn(process.execPath, ['--enable-source-maps', ...(this.options.nodeArgs ?? []), main], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      const lines = chunk.toString('utf8').split('\n').filter(Boolean);
      const severe = lines.filter((line) => SEVERE_LINE.test(line));
      this.severeLines += severe.length;
      this.lastSevereLines.push(...severe);
      if (this.lastSevereLines.length > 5) this.lastSevereLines.splice(0, this.lastSevereLines.length - 5);
      this.output.push(...lines);
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await this.waitUntilReady(timeoutMs);
    } catch (error) {
      throw new Error(`${this.label} did not become ready: ${(error as Error).message}\n${this.logTail()}`);
    }
    return this;
  }

  async waitUntilReady(timeoutMs = 30_000): Promise<void> {
    await eventually(
      async () => {
        if (!this.running) throw new Error(`${this.label} exited`);
        const response = await fetch(`${this.options.probeUrl}/readyz`);
        if (response.status !== 200) throw new Error(`/readyz answered ${response.status}: ${await response.text()}`);
        return true;
      },
      { timeoutMs, intervalMs: 100, description: `${this.label} /readyz` },
    );
  }

  /** SIGTERM and wait for a graceful exit; returns the exit code. */
  async stop(): Promise<number | null> {
    if (!this.running) return this.exited;
    this.child!.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL: a crash, with no chance to flush or commit anything. */
  async crash(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** Lines logged at level error or fatal since start (the JSON logger's `"level":"error"`), for the soak bench. */
  get errorLineCount(): number {
    return this.severeLines;
  }

  /** The last (up to 5) of those lines. */
  get lastErrorLines(): readonly string[] {
    return this.lastSevereLines;
  }

  logTail(lines = 40): string {
    return this.output.slice(-lines).map((line) => `  [${this.label}] ${line}`).join('\n');
  }
}
