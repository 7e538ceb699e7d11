/** The service whose setup page has the seed flow's address (CONTRACT "HTTP: ingress"; SPEC 15.2). */
export const FRONT_CHANNEL_SERVICE = 'front_signalwire_message_channel_app_v1';
export const FRONT_CHANNEL_SETUP_PATH = '/v1/install/front_signalwire/setup';

/** Where the web setup terminal of a service is served (docs/setup-terminal.md#pages). */
export function setupPagePath(serviceName: string): string {
  return serviceName === FRONT_CHANNEL_SERVICE ? FRONT_CHANNEL_SETUP_PATH : `/v1/setup/${encodeURIComponent(serviceName)}`;
}
