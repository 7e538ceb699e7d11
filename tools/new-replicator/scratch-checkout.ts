import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What a command run in the scratch checkout printed, and how it ended. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Directories never copied: installed, built or cached output. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'dist', '.nx', 'coverage', 'tmp']);

function walk(root: string, relative = ''): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : walk(root, child);
    return entry.isFile() ? [child] : [];
  });
}

/** The files of the working tree as git sees them (tracked or new, not ignored); a walk outside git. */
function sourceFiles(root: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve(walk(root));
      resolve(stdout.split('\0').filter((file) => file !== '' && existsSync(path.join(root, file))));
    });
  });
}

/**
 * A throw-away copy of the repository's working tree in the OS temp directory, sharing the
 * repository's `node_modules` through a symlink, so commands run there (a generator, tsc, Jest,
 * Nx) cannot touch the real checkout.
 */
export class ScratchCheckout {
  private constructor(readonly dir: string) {}

  static async create(root: string, label: string): Promise<ScratchCheckout> {
    const dir = mkdtempSync(path.join(tmpdir(), `whdb-${label}-`));
    for (const file of await sourceFiles(root)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      copyFileSync(path.join(root, file), path.join(dir, file));
    }
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    return new ScratchCheckout(dir);
  }

  exists(file: string): boolean {
    return existsSync(path.join(this.dir, file));
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  /** Runs `command` in the copy; resolves with its exit code and output, whatever the code. */
  run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(command, args, { cwd: this.dir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
