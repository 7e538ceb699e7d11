/**
 * A job run for the queue that pokes the sweep once the run ended (finished, failed, skipped,
 * busy...): the integration's next job or the job's children may run now
 * (docs/behaviour/backfill.md#sweep). A run that crashed (threw: e.g. its integration's secrets
 * cannot be decrypted) does not poke: the sweep would offer the same job again at once, and it
 * would crash again, a hot loop that took a core. The sweep's interval retries it instead.
 */
export function pokeAfterEndedRuns(run: (jobId: number) => Promise<unknown>, poke: () => void): (jobId: number) => Promise<void> {
  return async (jobId) => {
    await run(jobId);
    poke();
  };
}
