import { spawn } from 'node:child_process';
import { join } from 'node:path';

const RUNNER = join(__dirname, 'fixtures', 'up-runner.fixture.mjs');

interface RunnerLine {
  readonly msg: string;
  readonly code?: number | null;
  readonly signal?: string | null;
  readonly log?: string;
}

/**
 * Issue 6: Ctrl-C on `npm run up`. The terminal sends SIGINT to the runner's whole process group;
 * the runner then stops each service. Each service must drain and exit 0 without an error line.
 */
describe('Ctrl-C under npm run up (real processes)', () => {
  it('stops each service with one signal: it drains and exits 0, logging no warning or error', async () => {
    // Its own process group, like a shell job in the foreground: the group gets the "terminal" SIGINT.
    const runner = spawn(process.execPath, [RUNNER], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DRAIN_MS: '500' } });
    const lines: RunnerLine[] = [];
    let stderr = '';
    runner.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => runner.once('exit', (code) => resolve(code)));
    const ready = new Promise<void>((resolve, reject) => {
      let buffered = '';
      runner.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        for (const part of parts) {
          const line = JSON.parse(part) as RunnerLine;
          lines.push(line);
          if (line.msg === 'runner ready') resolve();
        }
      });
      void exited.then((code) => reject(new Error(`runner exited with ${code} before its service was ready: ${stderr}`)));
    });
    await ready;
    process.kill(-runner.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    const report = lines.find((line) => line.msg === 'service exited');
    expect(report).toMatchObject({ code: 0, signal: null });
    const serviceLog = report!.log!.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: string; msg: string; signal?: string });
    expect(serviceLog.map((line) => line.msg)).toEqual(['signal-fixture listening', 'shutting down', 'drained', 'stopped']);
    expect(serviceLog.find((line) => line.msg === 'shutting down')?.signal).toBe('SIGTERM');
    expect(serviceLog.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);
  });
});
