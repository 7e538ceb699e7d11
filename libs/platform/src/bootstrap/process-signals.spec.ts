import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const FIXTURE = join(__dirname, 'fixtures', 'signal-service.fixture.cjs');

interface Child {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<number | null>;
}

/** Starts the fixture worker and resolves once it logged "<service> listening". */
function startFixture(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, [FIXTURE], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts) {
        const line = JSON.parse(part) as Record<string, unknown>;
        lines.push(line);
        if (line.msg === 'signal-fixture listening') resolve({ process: child, lines, exited });
      }
    });
    void exited.then((code) => reject(new Error(`fixture exited with ${code} before listening: ${stderr}`)));
  });
}

describe('process signals (real child process)', () => {
  it('drains on SIGTERM (shutdown hooks run) and exits 0', async () => {
    const child = await startFixture({ DRAIN_MS: '200' });
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.lines.map((line) => line.msg)).toEqual(['signal-fixture listening', 'shutting down', 'drained', 'stopped']);
  });

  it('drains and exits 0, logging no error, after SIGINT then SIGTERM (Ctrl-C under npm run up)', async () => {
    const child = await startFixture({ DRAIN_MS: '500' });
    child.process.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 50));
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    expect(child.lines.map((line) => line.msg)).toEqual(['signal-fixture listening', 'shutting down', 'already shutting down, still draining', 'drained', 'stopped']);
    expect(child.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  });

  it('exits 1 when a third signal arrives while draining', async () => {
    const child = await startFixture({ DRAIN_MS: '10000' });
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGINT'] as const) {
      child.process.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await child.exited).toBe(1);
    expect(child.lines.map((line) => line.msg)).toContain('signal repeated during shutdown, exiting now without finishing the drain');
  });

  it('exits 1 when draining outlasts the deadline', async () => {
    const child = await startFixture({ DRAIN_MS: '10000', DEADLINE_MS: '300' });
    child.process.kill('SIGTERM');
    expect(await child.exited).toBe(1);
    expect(child.lines.map((line) => line.msg)).toContain('shutdown deadline passed, exiting now');
  });
});
