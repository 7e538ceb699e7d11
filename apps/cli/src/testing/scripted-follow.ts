/**
 * Test scaffolding for the specs of the followers (`followBackfillJob`, `followRebuild`): an api
 * that answers a script of states on a fake clock, and an output stream that records what is drawn.
 * Test-only: apps/<app>/src/testing/ is not built into dist.
 */

/** Answers `values` in order (the first is what the command started from), then the last one again. */
export function scriptedFollow<T>(values: readonly T[]) {
  if (values.length === 0) throw new Error('a script needs at least one state');
  let index = 0;
  let clock = 0;
  return {
    first: values[0]!,
    fetch: async (): Promise<T> => values[Math.min(++index, values.length - 1)]!,
    now: () => clock,
    /** Advances the fake clock instead of waiting. */
    sleep: async (ms: number) => {
      clock += ms;
    },
    /** How many times the follower read again. */
    get fetched() {
      return index;
    },
  };
}

/** An output stream, a terminal or not, that keeps every chunk written to it. */
export function recordingStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (chunk: string) => chunks.push(chunk) }, chunks };
}

/** The chunks that redraw the progress line in place (a terminal). */
export const redraws = (chunks: readonly string[]) => chunks.filter((chunk) => chunk.startsWith('\r\u001b[2K'));
