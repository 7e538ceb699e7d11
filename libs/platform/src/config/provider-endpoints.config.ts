import { ProviderEndpoints } from '@whdb/core';
import { str, url } from './config-fields';
import { Config, defineConfig } from './load-config';

/** The URL a `{space}` template gives for a sample space, or the reason it is not one. */
function checkSpaceTemplate(template: string): string | undefined {
  try {
    const parsed = new URL(template.split('{space}').join('space'));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? undefined : 'must be a http or https URL (with {space} for the space name)';
  } catch {
    return 'must be an absolute URL (with {space} for the space name)';
  }
}

/**
 * Where provider APIs live (docs/configuration.md#provider-endpoints). Services that call providers
 * (the api's credential checks, the backfiller) spread it into their schema and pass
 * `providerEndpointsFrom(config)` to replicators.
 */
export const providerEndpointsConfigSchema = defineConfig({
  SIGNALWIRE_URL_TEMPLATE: str({ default: 'https://{space}.signalwire.com', validate: checkSpaceTemplate }),
  FRONT_API_URL: url({ default: 'https://api2.frontapp.com' }),
});

export function providerEndpointsFrom(config: Config<typeof providerEndpointsConfigSchema>): ProviderEndpoints {
  return { signalwireUrlTemplate: config.SIGNALWIRE_URL_TEMPLATE, frontApiUrl: config.FRONT_API_URL };
}
