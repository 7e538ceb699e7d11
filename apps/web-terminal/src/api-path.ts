/**
 * Paths the page may send its token to: the api's own `/v1/...` paths on this origin, nothing else
 * (docs/setup-terminal.md#security). A step's `post_to_url` comes from the api, but it is checked
 * all the same: no other host, no scheme, no `..`, no query or fragment.
 */
const SAFE_PATH = /^\/v1\/[A-Za-z0-9_\-.~%/]*$/;

export function isSafeApiPath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.includes('//') && !path.split('/').some((segment) => segment === '..' || segment === '.');
}

/** `/v1/organizations/<org>/service_integrations` with each segment escaped. */
export function integrationsPath(org: string): string {
  return `/v1/organizations/${encodeURIComponent(org)}/service_integrations`;
}

export function backfillJobPath(org: string, sint: string, jobId: string): string {
  return `${integrationsPath(org)}/${encodeURIComponent(sint)}/backfill/job/${encodeURIComponent(jobId)}`;
}
