/**
 * Where providers' APIs live (CONTRACT configuration: `SIGNALWIRE_URL_TEMPLATE`, `FRONT_API_URL`;
 * docs/configuration.md#provider-endpoints). Services read them from their config and hand them to
 * replicators through the backfill and setup contexts, so tests and staging can point a whole stack
 * at fake providers.
 */
export interface ProviderEndpoints {
  /** SignalWire base URL with `{space}` standing for the space name. */
  readonly signalwireUrlTemplate: string;
  /** Front API base URL. */
  readonly frontApiUrl: string;
}

export const DEFAULT_PROVIDER_ENDPOINTS: ProviderEndpoints = Object.freeze({
  signalwireUrlTemplate: 'https://{space}.signalwire.com',
  frontApiUrl: 'https://api2.frontapp.com',
});

/** The SignalWire base URL of `space`: the template with `{space}` replaced, without a trailing slash. */
export function signalwireBaseUrl(endpoints: ProviderEndpoints | undefined, space: string): string {
  const template = (endpoints ?? DEFAULT_PROVIDER_ENDPOINTS).signalwireUrlTemplate;
  return template.split('{space}').join(space).replace(/\/+$/, '');
}
