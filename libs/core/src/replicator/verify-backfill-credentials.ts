import { HttpStatusError, HttpUnreachableError } from '../http/http-client';
import { BackfillContext, Replicator } from './replicator';

export type CredentialsCheck =
  | { readonly verified: true }
  | { readonly verified: false; readonly httpErrorStatus: number | null; readonly message: string };

/**
 * Fetches the first backfill page to check credentials
 * (docs/behaviour/backfill.md#credentials-check): an HTTP error means "not verified"; a response of
 * an unexpected shape still counts as verified.
 */
export async function verifyBackfillCredentials(
  replicator: Pick<Replicator, 'descriptor' | 'fetchBackfillPage'>,
  context: Omit<BackfillContext, 'lastBackfilled'>): Promise<CredentialsCheck> {
  if (!replicator.fetchBackfillPage) throw new Error(`${replicator.descriptor.name} does not support backfill`);
  try {
    await replicator.fetchBackfillPage({ ...context, lastBackfilled: null }, null);
    return { verified: true };
  } catch (error) {
    const name = replicator.descriptor.resourceNamePlural;
    if (error instanceof HttpStatusError) {
      return {
        verified: false,
        httpErrorStatus: error.status,
        message: `It looks like that API Key is invalid: we got an HTTP ${error.status} error when listing ${name}. Please try again.`,
      };
    }
    if (error instanceof HttpUnreachableError) {
      return { verified: false, httpErrorStatus: null, message: `It looks like we could not reach the API to list ${name}. Please check the URL and try again.` };
    }
    if (error instanceof TypeError || error instanceof SyntaxError) return { verified: true };
    throw error;
  }
}
