/**
 * Colours for people on a terminal (docs/cli.md#output): only when the stream is a TTY and
 * `NO_COLOR` is unset, so pipes, logs and `--json` stay plain.
 */
export interface Style {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  dim(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const PLAIN: Style = { bold: (t) => t, red: (t) => t, green: (t) => t, dim: (t) => t };
export const ANSI: Style = { bold: wrap(1, 22), red: wrap(31, 39), green: wrap(32, 39), dim: wrap(2, 22) };

export function styleFor(stream: { readonly isTTY?: boolean }, noColor: boolean): Style {
  return stream.isTTY && !noColor ? ANSI : PLAIN;
}
