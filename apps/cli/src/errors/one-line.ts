/** Collapses a message to one line (errors are one line: docs/cli.md#errors). */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
