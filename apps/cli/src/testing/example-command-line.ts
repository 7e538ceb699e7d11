/**
 * The arguments of the first `whdb` of a `--help` example line (`$ ...`), as a shell would split them: the
 * words from `whdb` up to the end of that command (an unquoted `|`, `)`, `;`, `&`, `<` or `>`),
 * with quotes removed. `psql "$(whdb db connection)"` gives `['db', 'connection']`.
 * Test-only (apps/<app>/src/testing/ is not built into dist).
 */
export function exampleCommandLine(example: string): string[] {
  const first = exampleCommandLines(example)[0];
  if (!first) throw new Error(`no whdb command in the example: ${example}`);
  return first;
}

/** Every `whdb` command of an example line, in order (a pipeline may run two). */
export function exampleCommandLines(example: string): string[][] {
  const starts = [...example.matchAll(/(?:^|[\s(|])whdb(?=\s|$)/g)].map((match) => match.index + match[0].length);
  return starts.map((start) => wordsOf(example.slice(start)));
}

function wordsOf(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word = (word ?? '') + char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word = word ?? '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if ('|);&<>'.includes(char)) {
      break;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote) throw new Error(`an unclosed ${quote} in: ${text}`);
  if (word !== undefined) words.push(word);
  return words;
}

/** The example lines of a `--help` text: each `  $ ...` line after `Examples:`. */
export function helpExamples(help: string): string[] {
  const section = help.split('\nExamples:\n')[1];
  if (section === undefined) return [];
  return section
    .split('\n')
    .filter((line) => line.startsWith('  $ '))
    .map((line) => line.slice('  $ '.length));
}
