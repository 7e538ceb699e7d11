import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readCliEnvironment } from './cli-environment';
import { resolveSession } from './resolve-session';
import { configFilePath, readStoredLogin, writeStoredLogin } from './stored-login';

describe('the saved login', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'whdb-cli-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lives under $XDG_CONFIG_HOME/whdb, else ~/.config/whdb', () => {
    expect(readCliEnvironment({ XDG_CONFIG_HOME: '/x' }).configDir).toBe('/x/whdb');
    expect(readCliEnvironment({ HOME: '/home/ana' }).configDir).toBe('/home/ana/.config/whdb');
    expect(readCliEnvironment({ XDG_CONFIG_HOME: '  ' }, '/home/bo').configDir).toBe('/home/bo/.config/whdb');
  });

  it('is written 0600 in a 0700 directory, also over a file that was more open', async () => {
    const file = configFilePath(path.join(dir, 'whdb'));
    await writeStoredLogin(file, { api_url: 'http://a', token: 't1' });
    await writeFile(file, '{}', { mode: 0o644 });
    await writeStoredLogin(file, { api_url: 'http://a', token: 't2', org: 'acme' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ api_url: 'http://a', token: 't2', org: 'acme' });
    expect(await readStoredLogin(file)).toEqual({ login: { api_url: 'http://a', token: 't2', org: 'acme' }, tooOpen: false });
  });

  it('is overridden by WHDB_API_URL, WHDB_TOKEN and WHDB_ORG, and --org over all', async () => {
    const env = { XDG_CONFIG_HOME: dir };
    await writeStoredLogin(configFilePath(path.join(dir, 'whdb')), { api_url: 'http://saved/', token: 'saved', org: 'saved_org' });
    expect(await resolveSession(readCliEnvironment(env))).toMatchObject({ apiUrl: 'http://saved', token: 'saved', org: 'saved_org' });
    expect(await resolveSession(readCliEnvironment({ ...env, WHDB_TOKEN: 'env', WHDB_ORG: 'env_org' }))).toMatchObject({ apiUrl: 'http://saved', token: 'env', org: 'env_org' });
    expect(await resolveSession(readCliEnvironment({ ...env, WHDB_ORG: 'env_org' }), 'flag_org')).toMatchObject({ org: 'flag_org' });
  });

  it('warns when the file can be read by others, and says how to log in when there is none', async () => {
    const file = configFilePath(path.join(dir, 'whdb'));
    await writeStoredLogin(file, { api_url: 'http://a', token: 't' });
    await import('node:fs/promises').then((fs) => fs.chmod(file, 0o644));
    expect((await resolveSession(readCliEnvironment({ XDG_CONFIG_HOME: dir }))).warning).toMatch(/chmod 600/);
    await expect(resolveSession(readCliEnvironment({ XDG_CONFIG_HOME: path.join(dir, 'empty') }))).rejects.toThrow(/Not logged in: run `whdb login`/);
  });
});
