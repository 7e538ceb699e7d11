import { isSensitiveKey, REDACTED } from '../logging/sensitive-key';
import { buildField, ConfigField, FieldOptions, FieldValue, invalid, valid } from './config-field';

/*
 * The per-variable builders services compose into a schema (see `defineConfig`). Each returns a
 * `ConfigField` whose value type follows its options: `optional: true` adds `undefined`.
 */

/** Free text. */
export function str<const O extends FieldOptions<string> = FieldOptions<string>>(options?: O): ConfigField<FieldValue<string, O>> {
  return buildField({ kind: 'string', parse: (raw) => valid(raw) }, options);
}

export interface IntOptions extends FieldOptions<number> {
  readonly min?: number;
  readonly max?: number;
}

/** A decimal integer, optionally bounded. */
export function int<const O extends IntOptions = IntOptions>(options?: O): ConfigField<FieldValue<number, O>> {
  return buildField({ kind: 'int', parse: (raw) => parseInteger(raw, options?.min, options?.max) }, options);
}

/** A TCP port (0 lets the OS choose, which tests use). */
export function port<const O extends FieldOptions<number> = FieldOptions<number>>(options?: O): ConfigField<FieldValue<number, O>> {
  return buildField({ kind: 'port', parse: (raw) => parseInteger(raw, 0, 65535) }, options);
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** true/false, 1/0, yes/no, on/off (case-insensitive). */
export function bool<const O extends FieldOptions<boolean> = FieldOptions<boolean>>(options?: O): ConfigField<FieldValue<boolean, O>> {
  return buildField(
    {
      kind: 'boolean',
      parse: (raw) => {
        const normalized = raw.toLowerCase();
        if (TRUE.has(normalized)) return valid(true);
        if (FALSE.has(normalized)) return valid(false);
        return invalid('must be true or false');
      },
    },
    options,
  );
}

/** One of a fixed set of strings. */
export function oneOf<const V extends readonly [string, ...string[]], const O extends FieldOptions<V[number]> = FieldOptions<V[number]>>(
  values: V,
  options?: O,
): ConfigField<FieldValue<V[number], O>> {
  return buildField<V[number], O>(
    {
      kind: 'enum',
      parse: (raw) => ((values as readonly string[]).includes(raw) ? valid(raw as V[number]) : invalid(`must be one of ${values.join(', ')}`)),
    },
    options,
  );
}

export interface UrlOptions extends FieldOptions<string> {
  /** Allowed schemes without the colon, e.g. `['postgres', 'postgresql']`; default http and https. */
  readonly protocols?: readonly string[];
}

/**
 * An absolute URL. Never echoed in errors and shown with its password and secret-ish query
 * parameters masked, since connection strings carry credentials.
 */
export function url<const O extends UrlOptions = UrlOptions>(options?: O): ConfigField<FieldValue<string, O>> {
  const protocols = options?.protocols ?? ['http', 'https'];
  return buildField(
    {
      kind: 'url',
      echoInvalid: false,
      parse: (raw) => {
        let parsed: URL;
        try {
          parsed = new URL(raw);
        } catch {
          return invalid('must be an absolute URL');
        }
        const scheme = parsed.protocol.replace(/:$/, '');
        return protocols.includes(scheme) ? valid(raw) : invalid(`must be a ${protocols.join(' or ')} URL`);
      },
      describe: maskUrlCredentials,
    },
    options,
  );
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

export interface BrokerListOptions extends Omit<FieldOptions<readonly string[]>, 'default'> {
  /** Comma-separated like the variable itself, or a list. */
  readonly default?: string | readonly string[];
}

/** Comma-separated `host:port` bootstrap servers (KAFKA_BROKERS). */
export function brokerList<const O extends BrokerListOptions = BrokerListOptions>(options?: O): ConfigField<FieldValue<readonly string[], O>> {
  const parse = (raw: string) => {
    const brokers = raw.split(',').map((item) => item.trim()).filter((item) => item !== '');
    if (brokers.length === 0) return invalid('must list at least one host:port');
    const bad = brokers.filter((broker) => !isHostPort(broker));
    return bad.length > 0 ? invalid(`must be comma-separated host:port entries (bad: ${bad.join(', ')})`) : valid(Object.freeze(brokers));
  };
  const fallback = options?.default;
  let defaultValue: readonly string[] | undefined;
  if (fallback !== undefined) {
    const parsed = parse(typeof fallback === 'string' ? fallback : fallback.join(','));
    if (!parsed.ok) throw new Error(`Invalid default for brokerList(): ${parsed.reason}`);
    defaultValue = parsed.value;
  }
  return buildField({ kind: 'broker-list', parse }, { ...options, default: defaultValue }) as ConfigField<FieldValue<readonly string[], O>>;
}

export interface ListOptions extends FieldOptions<readonly string[]> {
  /** Default: any run of whitespace. */
  readonly separator?: string;
}

/** A list of tokens, e.g. SIGNALWIRE_SMS_ALLOWLIST (space-separated globs). */
export function list<const O extends ListOptions = ListOptions>(options?: O): ConfigField<FieldValue<readonly string[], O>> {
  const separator = options?.separator;
  return buildField(
    {
      kind: 'list',
      parse: (raw) =>
        valid(Object.freeze((separator === undefined ? raw.split(/\s+/) : raw.split(separator)).map((item) => item.trim()).filter(Boolean))),
    },
    options,
  );
}

/** A secret: never echoed in errors, `[redacted]` in `describeConfig`. Validate its shape with `validate`. */
export function secret<const O extends FieldOptions<string> = FieldOptions<string>>(options?: O): ConfigField<FieldValue<string, O>> {
  return buildField({ kind: 'secret', sensitive: true, parse: (raw) => valid(raw) }, options);
}

/** Validator for `secret({ validate })`: standard base64 that decodes to exactly `bytes` bytes. */
export function base64Key(bytes = 32): (value: string) => string | undefined {
  return (value) => {
    const canonical = /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0;
    if (!canonical || Buffer.from(value, 'base64').length !== bytes) return `must be ${bytes} bytes encoded as base64`;
    return undefined;
  };
}

function parseInteger(raw: string, min: number | undefined, max: number | undefined) {
  if (!/^-?\d+$/.test(raw)) return invalid('must be an integer');
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) return invalid('is out of range');
  if (min !== undefined && value < min) return invalid(`must be >= ${min}`);
  if (max !== undefined && value > max) return invalid(`must be <= ${max}`);
  return valid(value);
}

function isHostPort(value: string): boolean {
  const match = HOST_PORT.exec(value);
  if (!match) return false;
  const portNumber = Number(match[2]);
  return portNumber >= 1 && portNumber <= 65535;
}

/** `postgres://user:[redacted]@host:5432/db?sslmode=require&password=[redacted]`. */
export function maskUrlCredentials(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return REDACTED;
  }
  const userinfo = parsed.username ? `${parsed.username}${parsed.password ? `:${REDACTED}` : ''}@` : parsed.password ? `:${REDACTED}@` : '';
  const query = [...parsed.searchParams].map(([key, item]) => `${key}=${isSensitiveKey(key) ? REDACTED : item}`).join('&');
  const authority = parsed.host ? `//${userinfo}${parsed.host}` : '';
  return `${parsed.protocol}${authority}${parsed.pathname}${query ? `?${query}` : ''}`;
}
