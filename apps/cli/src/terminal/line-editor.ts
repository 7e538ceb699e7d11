/**
 * The keys of one line typed in raw mode (docs/cli.md#prompts): printable characters are added,
 * Backspace removes one, Ctrl-U clears the line, Enter ends it, Ctrl-C and Ctrl-D (on an empty
 * line) abort; escape sequences (arrow keys) and other control characters are ignored. Pure, so
 * the hidden reader is tested without a terminal.
 */
export type KeyEffect =
  | { readonly kind: 'append'; readonly text: string }
  | { readonly kind: 'erase'; readonly count: number }
  | { readonly kind: 'enter' }
  | { readonly kind: 'abort' };

export interface LineState {
  readonly value: string;
  readonly done: boolean;
  readonly aborted: boolean;
  /** Input after the Enter that ended the line (a paste of several lines): kept for the next prompt. */
  readonly rest: string;
}

export function emptyLine(): LineState {
  return { value: '', done: false, aborted: false, rest: '' };
}

/** Applies typed input to a line; `effects` say what to echo (nothing is echoed for secrets). */
export function typeKeys(state: LineState, input: string): { state: LineState; effects: KeyEffect[] } {
  const effects: KeyEffect[] = [];
  const chars = [...input];
  let value = state.value;
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i];
    if (char === '\r' || char === '\n') {
      // A CR LF pair is one Enter.
      const next = char === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1;
      effects.push({ kind: 'enter' });
      return { state: { value, done: true, aborted: false, rest: chars.slice(next).join('') }, effects };
    }
    if (char === '\u0003' || (char === '\u0004' && value === '')) {
      effects.push({ kind: 'abort' });
      return { state: { value: '', done: true, aborted: true, rest: '' }, effects };
    }
    if (char === '\u007f' || char === '\b') {
      if (value) {
        value = [...value].slice(0, -1).join('');
        effects.push({ kind: 'erase', count: 1 });
      }
    } else if (char === '\u0015') {
      const count = [...value].length;
      if (count) effects.push({ kind: 'erase', count });
      value = '';
    } else if (char === '\u001b') {
      i = skipEscapeSequence(chars, i);
    } else if (char >= ' ') {
      value += char;
      effects.push({ kind: 'append', text: char });
    }
  }
  return { state: { value, done: false, aborted: false, rest: '' }, effects };
}

/** Index of the last character of an escape sequence starting at `start` (CSI `ESC [ ... final`, or `ESC x`). */
function skipEscapeSequence(chars: readonly string[], start: number): number {
  if (chars[start + 1] !== '[' && chars[start + 1] !== 'O') return Math.min(start + 1, chars.length - 1);
  let i = start + 2;
  while (i < chars.length && !/[@-~]/.test(chars[i])) i += 1;
  return Math.min(i, chars.length - 1);
}
