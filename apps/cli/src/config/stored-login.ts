import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../errors/cli-error';
import { ExitCode } from '../errors/exit-codes';

/** What `whdb login` saves (docs/cli.md#login). The file holds a token: it is mode 0600. */
export interface StoredLogin {
  readonly api_url: string;
  readonly token: string;
  readonly org?: string;
}

export const CONFIG_FILE_NAME = 'config.json';

export function configFilePath(configDir: string): string {
  return path.join(configDir, CONFIG_FILE_NAME);
}

/** Whether a file mode lets anyone but its owner read or write it. */
export function isTooOpen(mode: number): boolean {
  return (mode & 0o077) !== 0;
}

/** The saved login, or undefined when there is none. A file that is not ours is an error. */
export async function readStoredLogin(file: string): Promise<{ login: StoredLogin; tooOpen: boolean } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, ExitCode.failed, 'config_unreadable');
  }
  const parsed = parseStoredLogin(text);
  if (!parsed) throw new CliError(`${file} is not a whdb login file; run whdb login again.`, ExitCode.failed, 'config_invalid');
  return { login: parsed, tooOpen: isTooOpen((await stat(file)).mode) };
}

export function parseStoredLogin(text: string): StoredLogin | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { api_url, token, org } = value as Record<string, unknown>;
  if (typeof api_url !== 'string' || typeof token !== 'string') return undefined;
  return { api_url, token, ...(typeof org === 'string' && org ? { org } : {}) };
}

/**
 * Saves the login readable by its owner only: the directory is 0700, the file is written under a
 * temporary name with mode 0600 and renamed over the old one, so it is never readable by others.
 */
export async function writeStoredLogin(file: string, login: StoredLogin): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
