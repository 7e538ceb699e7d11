import os from 'node:os';
import path from 'node:path';

/**
 * The environment variables `whdb` reads (docs/cli.md#configuration), read once in `main.ts`:
 * nothing else in the CLI touches `process.env`.
 */
export interface CliEnvironment {
  /** `WHDB_API_URL`: overrides the logged-in api URL. */
  readonly apiUrl?: string;
  /** `WHDB_TOKEN`: overrides the logged-in token. */
  readonly token?: string;
  /** `WHDB_ORG`: overrides the logged-in organization. */
  readonly org?: string;
  /** Where `config.json` lives: `$XDG_CONFIG_HOME/whdb`, else `~/.config/whdb`. */
  readonly configDir: string;
  /** `NO_COLOR` set (to anything): no colours even on a terminal (no-color.org). */
  readonly noColor: boolean;
  /** Every other variable, for `--value-env field=VARIABLE`. */
  readonly variables: Readonly<Record<string, string | undefined>>;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function readCliEnvironment(env: Readonly<Record<string, string | undefined>>, homeDir: string = os.homedir()): CliEnvironment {
  const configHome = present(env.XDG_CONFIG_HOME) ?? path.join(present(env.HOME) ?? homeDir, '.config');
  return {
    apiUrl: present(env.WHDB_API_URL),
    token: present(env.WHDB_TOKEN),
    org: present(env.WHDB_ORG),
    configDir: path.join(configHome, 'whdb'),
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
    variables: env,
  };
}
