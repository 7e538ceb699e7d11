import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Where the page loads its script and style from (same origin: the CSP allows only 'self'). */
export const SETUP_TERMINAL_ASSET_PATHS = {
  script: '/v1/setup_terminal/setup-terminal.js',
  style: '/v1/setup_terminal/setup-terminal.css',
} as const;

export type SetupTerminalAsset = keyof typeof SETUP_TERMINAL_ASSET_PATHS;

const FILES: Record<SetupTerminalAsset, { readonly file: string; readonly contentType: string }> = {
  script: { file: 'setup-terminal.js', contentType: 'text/javascript; charset=utf-8' },
  style: { file: 'setup-terminal.css', contentType: 'text/css; charset=utf-8' },
};

/**
 * The browser bundle of apps/web-terminal, written by the build next to the api in dist/
 * (`node tools/build.mjs`; docs/setup-terminal.md#how-it-is-built). Running the api from sources
 * (tests), the bundle of the last build is used.
 */
export class SetupTerminalAssets {
  private readonly cache = new Map<SetupTerminalAsset, string>();

  constructor(private readonly directories: readonly string[] = defaultBundleDirectories()) {}

  /** The asset's text and content type, or undefined when the bundle was not built. */
  async read(asset: SetupTerminalAsset): Promise<{ body: string; contentType: string } | undefined> {
    const { file, contentType } = FILES[asset];
    const cached = this.cache.get(asset);
    if (cached !== undefined) return { body: cached, contentType };
    for (const directory of this.directories) {
      const body = await readFile(path.join(directory, file), 'utf8').catch(() => undefined);
      if (body !== undefined) {
        this.cache.set(asset, body);
        return { body, contentType };
      }
    }
    return undefined;
  }
}

function defaultBundleDirectories(): string[] {
  // dist/apps/api/src/setup-terminal -> dist/apps/web-terminal/bundle
  return [path.resolve(__dirname, '../../../web-terminal/bundle'), path.resolve(process.cwd(), 'dist/apps/web-terminal/bundle')];
}
