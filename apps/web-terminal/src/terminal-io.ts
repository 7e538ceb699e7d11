/** The kinds of line the terminal shows, each styled differently. */
export type LineKind = 'output' | 'error' | 'notice' | 'answer' | 'success' | 'progress';

export interface Question {
  /** What the step asks for (`webhook_secret`, `api_url`, `guard_confirm`...). */
  readonly field: string;
  readonly prompt: string;
  /** Hide what is typed (a password input) and never show it again. */
  readonly secret: boolean;
}

/** What the conversation needs of the terminal on the page (terminal-view.ts; a fake in the specs). */
export interface TerminalIo {
  say(text: string, kind?: LineKind): void;
  ask(question: Question): Promise<string>;
  /** Shows `text` in one line that later calls replace (a backfill's progress). */
  progress(text: string): void;
}
