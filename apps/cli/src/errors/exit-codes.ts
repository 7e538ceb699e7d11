/** The `whdb` exit statuses (docs/cli.md#exit-codes). Scripts may rely on them: do not renumber. */
export const ExitCode = {
  ok: 0,
  /** The api refused the request, or the operation failed (e.g. a backfill job failed). */
  failed: 1,
  /** Bad arguments, or input that is missing and cannot be asked for (stdin is not a terminal). */
  usage: 2,
  /** Not logged in, or the api did not accept the token (401). */
  auth: 3,
  /** The api could not be reached (refused, DNS, timeout). */
  unreachable: 4,
  /** The api does not have this endpoint yet (it answered 404). */
  unsupported: 5,
  /** Ctrl-C or end of input at a prompt. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
