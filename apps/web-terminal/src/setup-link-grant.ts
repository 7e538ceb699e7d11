/**
 * Reads a setup link's grant from the URL fragment (`#grant=setup_grant_...`) and removes the
 * fragment from the address bar and the history at once (docs/setup-terminal.md#setup-links).
 */
export function takeGrantFromUrl(location: Pick<Location, 'hash' | 'pathname'>, history: Pick<History, 'replaceState'>): string | undefined {
  if (!location.hash) return undefined;
  const grant = new URLSearchParams(location.hash.slice(1)).get('grant') ?? undefined;
  history.replaceState(null, '', location.pathname);
  return grant && /^setup_grant_[0-9a-z]+$/.test(grant) ? grant : undefined;
}
