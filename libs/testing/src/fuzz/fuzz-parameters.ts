import fc from 'fast-check';

/** The seed every fuzz test uses unless `WHDB_FUZZ_SEED` says otherwise (docs/bad-input.md). */
export const DEFAULT_FUZZ_SEED = 20261202;

/**
 * fast-check parameters for a fuzz property: a fixed seed by default, so a CI run is
 * reproducible; `WHDB_FUZZ_SEED=<n>` replays a reported seed and `WHDB_FUZZ_SEED=random` explores
 * new inputs. fast-check prints the seed and the shrunk counterexample of a failure.
 */
export function fuzzParameters<T>(numRuns: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  const requested = process.env['WHDB_FUZZ_SEED'];
  const seed = requested === 'random' ? undefined : requested ? Number(requested) : DEFAULT_FUZZ_SEED;
  return { numRuns, ...(seed === undefined ? {} : { seed }), ...extra };
}
