/** Whether the process runs with NODE_ENV=production (some variables are only required there). */
export interface ConfigFieldContext {
  readonly production: boolean;
  /** The whole environment (blank values as unset), for fields that depend on another variable. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type FieldOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/**
 * One environment variable: how to parse it, whether it is sensitive, how to show it in boot logs.
 * Build fields with the builders in `config-fields.ts` (`url()`, `port()`, `secret()` ...).
 */
export interface ConfigField<T> {
  readonly kind: string;
  /** Sensitive values are shown as `[redacted]` by `describeConfig` and never echoed in errors. */
  readonly sensitive: boolean;
  /** `raw` is undefined when the variable is unset or blank. */
  resolve(raw: string | undefined, context: ConfigFieldContext): FieldOutcome<T>;
  /** The value as boot logs may show it. */
  describe(value: T): unknown;
}

/** Options every builder accepts. */
export interface FieldOptions<T> {
  /** Used when the variable is unset or blank. */
  readonly default?: T;
  /** Unset is allowed and yields `undefined` (the value type becomes `T | undefined`). */
  readonly optional?: boolean;
  /** With `optional` or `default`: unset is still an error when NODE_ENV=production. */
  readonly requiredInProduction?: boolean;
  /** With `optional`: unset is allowed only when this other variable is set (e.g. the key and the keyring). */
  readonly requiredUnlessSet?: string;
  /** Shown after "is required" to tell the operator what to set. */
  readonly hint?: string;
  /** Extra validation of the parsed value; returns the reason it is invalid, or undefined. */
  readonly validate?: (value: T) => string | undefined;
}

/** The value type a field yields given its options: `optional: true` adds `undefined`. */
export type FieldValue<T, O> = O extends { readonly optional: true } ? T | undefined : T;

/** The value type of a field. */
export type ValueOf<F> = F extends ConfigField<infer T> ? T : never;

interface FieldSpec<T> {
  readonly kind: string;
  readonly sensitive?: boolean;
  /** Whether an invalid raw value may be quoted back in the error (never for secrets or URLs). */
  readonly echoInvalid?: boolean;
  parse(raw: string): FieldOutcome<T>;
  describe?(value: T): unknown;
}

const MAX_ECHO = 60;

/** Builds a field from a parser and the common options (default, optional, validation). */
export function buildField<T, O extends FieldOptions<T>>(spec: FieldSpec<T>, options: O | undefined): ConfigField<FieldValue<T, O>> {
  const sensitive = spec.sensitive ?? false;
  const echo = !sensitive && (spec.echoInvalid ?? true);
  const describe = spec.describe ?? ((value: T) => value);
  const field: ConfigField<T | undefined> = {
    kind: spec.kind,
    sensitive,
    resolve(raw, context) {
      if (raw === undefined) {
        const alternative = options?.requiredUnlessSet;
        if (alternative !== undefined) {
          if (context.env[alternative] !== undefined) return { ok: true, value: undefined };
          return invalid(missingReason(`is required unless ${alternative} is set`, options?.hint));
        }
        if (options?.requiredInProduction && context.production) return invalid(missingReason('is required in production', options.hint));
        if (options?.default !== undefined) return { ok: true, value: options.default };
        if (options?.optional) return { ok: true, value: undefined };
        return invalid(missingReason('is required', options?.hint));
      }
      const parsed = spec.parse(raw);
      if (!parsed.ok) return invalid(echo ? `${parsed.reason} (got ${quote(raw)})` : parsed.reason);
      const problem = options?.validate?.(parsed.value);
      if (problem !== undefined) return invalid(echo ? `${problem} (got ${quote(raw)})` : problem);
      return parsed;
    },
    describe(value) {
      if (value === undefined) return null;
      return sensitive ? '[redacted]' : describe(value);
    },
  };
  return field as ConfigField<FieldValue<T, O>>;
}

export function valid<T>(value: T): FieldOutcome<T> {
  return { ok: true, value };
}

export function invalid(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

function missingReason(base: string, hint: string | undefined): string {
  return hint ? `${base} (${hint})` : base;
}

function quote(raw: string): string {
  return JSON.stringify(raw.length > MAX_ECHO ? `${raw.slice(0, MAX_ECHO)}...` : raw);
}
