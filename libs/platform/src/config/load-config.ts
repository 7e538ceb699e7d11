import { isSensitiveKey, REDACTED } from '../logging/sensitive-key';
import { ConfigError, ConfigIssue } from './config-error';
import { ConfigField, ValueOf } from './config-field';

/** A service's variables: name -> field. Compose schemas by spreading (`{...commonConfigSchema, ...}`). */
export type ConfigSchema = Readonly<Record<string, ConfigField<unknown>>>;

/** The typed, frozen configuration a schema yields. */
export type Config<S extends ConfigSchema> = { readonly [K in keyof S]: ValueOf<S[K]> };

/** The environment as `loadConfig` reads it. */
export type Environment = Readonly<Record<string, string | undefined>>;

const SCHEMA = Symbol('whdb.config.schema');

/** Declares a schema; an identity function that keeps the field types for `Config<typeof schema>`. */
export function defineConfig<const S extends ConfigSchema>(schema: S): S {
  return Object.freeze({ ...schema });
}

/**
 * Parses every variable of `schema` from `env` (the only place that reads `process.env`).
 * Blank values count as unset. Throws one `ConfigError` listing every invalid variable.
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: Environment = process.env): Config<S> {
  const present = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value?.trim() === '' ? undefined : value?.trim()]));
  const context = { production: env.NODE_ENV?.trim() === 'production', env: present };
  const values: Record<string, unknown> = {};
  const issues: ConfigIssue[] = [];
  for (const [variable, field] of Object.entries(schema)) {
    const raw = env[variable]?.trim();
    const outcome = field.resolve(raw === '' ? undefined : raw, context);
    if (outcome.ok) values[variable] = outcome.value;
    else issues.push({ variable, reason: outcome.reason });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  Object.defineProperty(values, SCHEMA, { value: schema, enumerable: false });
  return Object.freeze(values) as Config<S>;
}

/**
 * The configuration as boot logs may show it: secrets as `[redacted]`, URL passwords masked.
 * For objects not made by `loadConfig`, falls back to redacting secret-ish names.
 */
export function describeConfig(config: object): Record<string, unknown> {
  const schema = (config as { [SCHEMA]?: ConfigSchema })[SCHEMA];
  const out: Record<string, unknown> = {};
  for (const [variable, value] of Object.entries(config)) {
    const field = schema?.[variable];
    if (field) out[variable] = field.describe(value);
    else out[variable] = isSensitiveKey(variable) ? REDACTED : value;
  }
  return out;
}
