import fc from 'fast-check';

/** The seed every fuzz test uses unless `WHDB_FUZZ_SEED` says otherwise (docs/bad-input.md). */
export const DEFAULT_FUZZ_SEED = 20261202;

const MAX_REPORT_CHARS = 6_000;

/** Shortens runs of one repeated character and the whole text, so a huge counterexample stays readable. */
export function shortenReport(text: string): string {
  const squeezed = text.replace(/Buffer\.from\(\[([\d,]{400,})\]\)/g, (_all, bytes: string) => `Buffer.from([${bytes.slice(0, 200)}<…${bytes.split(',').length} bytes>])`).replace(/(.)\1{39,}/gs, (run: string, unit: string) => `${unit.repeat(8)}<…${run.length} × ${JSON.stringify(unit)}>`);
  return squeezed.length > MAX_REPORT_CHARS ? `${squeezed.slice(0, MAX_REPORT_CHARS)}\n<… ${squeezed.length - MAX_REPORT_CHARS} more characters>` : squeezed;
}

function reportFailure<T>(details: fc.RunDetails<T>): void {
  const message = fc.defaultReportMessage(details);
  if (!details.failed || message === undefined) return;
  const error = new Error(shortenReport(message));
  if (details.errorInstance instanceof Error && details.errorInstance.stack) error.stack = `${error.message}\n${shortenReport(details.errorInstance.stack)}`;
  throw error;
}

/**
 * fast-check parameters for a fuzz property: a fixed seed by default, so a CI run is
 * reproducible; `WHDB_FUZZ_SEED=<n>` replays a reported seed and `WHDB_FUZZ_SEED=random` explores
 * new inputs. A failure reports the seed, the path and the shrunk counterexample, shortened.
 */
export function fuzzParameters<T>(numRuns: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  const requested = process.env['WHDB_FUZZ_SEED'];
  const seed = requested === 'random' ? undefined : requested ? Number(requested) : DEFAULT_FUZZ_SEED;
  return { numRuns, reporter: reportFailure, ...(seed === undefined ? {} : { seed }), ...extra };
}
