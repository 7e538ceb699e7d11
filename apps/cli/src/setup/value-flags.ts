import { usageError } from '../errors/cli-error';

/**
 * Answers given up front for non-interactive use (docs/cli.md#non-interactive-use):
 * `--value field=text` and `--value-env field=VARIABLE` (the value read from the environment, so a
 * secret stays out of the command line). Each answer is used once: a field asked again (a wrong
 * answer) is asked at the terminal, or is an error without one.
 */
export class PresetAnswers {
  private readonly answers = new Map<string, string>();

  static parse(values: readonly string[], fromEnv: readonly string[], variables: Readonly<Record<string, string | undefined>>): PresetAnswers {
    const preset = new PresetAnswers();
    for (const flag of values) {
      const [field, value] = splitAssignment(flag, '--value');
      preset.answers.set(field, value);
    }
    for (const flag of fromEnv) {
      const [field, variable] = splitAssignment(flag, '--value-env');
      const value = variables[variable];
      if (value === undefined) throw usageError(`--value-env ${field}=${variable}: the environment variable ${variable} is not set.`);
      preset.answers.set(field, value);
    }
    return preset;
  }

  set(field: string, value: string): void {
    this.answers.set(field, value);
  }

  /** The answer for `field`, removed so that it is not given twice. */
  take(field: string): string | undefined {
    const value = this.answers.get(field);
    this.answers.delete(field);
    return value;
  }
}

export function splitAssignment(flag: string, name: string): [string, string] {
  const at = flag.indexOf('=');
  const field = at > 0 ? flag.slice(0, at).trim() : '';
  // The text is not quoted back: it may be a secret typed without its field.
  if (!field) throw usageError(`${name} expects field=value, e.g. ${name} webhook_secret=...`);
  return [field, flag.slice(at + 1)];
}

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
