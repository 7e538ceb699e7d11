import type { IPty } from '@lydell/node-pty';
import { eventually } from '../eventually';

/** Removes ANSI escape sequences (colours, cursor moves, line clears) from terminal output. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u001b[@-Z\\-_]/g, '');
}

export interface PtySessionOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly cols?: number;
  readonly rows?: number;
}

/**
 * A program on a pseudo-terminal, as a person runs it: its stdin is a TTY (raw mode, hidden input
 * work), what it prints is recorded, and the test types into it. Built on `@lydell/node-pty`
 * (node-pty with prebuilt binaries), loaded only when a session starts.
 */
export class PtySession {
  private output = '';
  readonly exited: Promise<number>;

  static async start(file: string, args: readonly string[], options: PtySessionOptions): Promise<PtySession> {
    const { spawn } = await import('@lydell/node-pty');
    return new PtySession(spawn(file, [...args], { name: 'xterm-256color', cols: options.cols ?? 120, rows: options.rows ?? 40, cwd: options.cwd, env: { ...options.env } }));
  }

  private constructor(private readonly pty: IPty) {
    this.pty.onData((data) => {
      this.output += data;
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Everything printed so far, raw (with escape sequences). */
  get raw(): string {
    return this.output;
  }

  /** Everything printed so far, without escape sequences, CR LF as LF. */
  get text(): string {
    return stripAnsi(this.output).replace(/\r\n/g, '\n');
  }

  /** Waits until the output contains `expected` `times` times (or matches it). */
  async waitFor(expected: string | RegExp, options: { timeoutMs?: number; times?: number } = {}): Promise<void> {
    const times = options.times ?? 1;
    await eventually(
      () => {
        const text = this.text;
        const count = typeof expected === 'string' ? text.split(expected).length - 1 : (text.match(new RegExp(expected.source, `${expected.flags.replace('g', '')}g`)) ?? []).length;
        if (count < times) throw new Error(`not yet seen ${times}x ${String(expected)}; output so far:\n${text}`);
      },
      { timeoutMs: options.timeoutMs ?? 15_000, description: `${String(expected)} on the terminal` },
    );
  }

  /** Types text as keystrokes (no Enter). */
  type(text: string): void {
    this.pty.write(text);
  }

  /** Types a line and presses Enter. */
  typeLine(text: string): void {
    this.pty.write(`${text}\r`);
  }

  kill(): void {
    try {
      this.pty.kill();
    } catch {
      // already gone
    }
  }
}
