/** A question the CLI needs answered (docs/cli.md#prompts). */
export interface Question {
  /** The field it fills, e.g. `webhook_secret`: named in the error when it cannot be asked. */
  readonly field: string;
  readonly prompt: string;
  /** Hide what is typed (`prompt_is_secret`). */
  readonly secret: boolean;
  /** Shown in brackets; an empty answer takes it. */
  readonly defaultValue?: string;
  /** How to give the answer as a flag, named when it cannot be asked (default `--value <field>=...`). */
  readonly flag?: string;
}

export interface Prompter {
  /** False when stdin is not a terminal: nothing can be asked. */
  readonly interactive: boolean;
  ask(question: Question): Promise<string>;
}
