/** The value after `--<name>` in a bench's arguments, if given. */
export function optionValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

export interface NumberOptionRule {
  readonly min: number;
  readonly max?: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
}

/** `text` as a number within `rule` (`fallback` when not given); a clear error naming `--<name>` otherwise. */
export function numberOption(text: string | undefined, name: string, fallback: number, rule: NumberOptionRule): number {
  if (text === undefined) return fallback;
  const parsed = Number(text);
  const max = rule.max ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(parsed) || (rule.integer && !Number.isInteger(parsed)) || parsed < rule.min || parsed > max) {
    const kind = rule.integer ? 'an integer' : 'a number';
    const range = rule.max === undefined ? `>= ${rule.min}` : `from ${rule.min} to ${rule.max}`;
    throw new Error(`--${name} must be ${kind} ${range}, got ${text}`);
  }
  return parsed;
}

/** Every `--<flag> NAME=value` of the arguments, as an environment. */
export function envPairsOption(argv: readonly string[], flag: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  argv.forEach((arg, i) => {
    if (arg !== `--${flag}`) return;
    const [name, ...rest] = (argv[i + 1] ?? '').split('=');
    if (!name || rest.length === 0) throw new Error(`--${flag} takes NAME=value, got ${argv[i + 1]}`);
    pairs[name] = rest.join('=');
  });
  return pairs;
}
