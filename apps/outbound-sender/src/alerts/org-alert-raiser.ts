import { HttpClient, Logger, OrgAlert } from '@whdb/core';

/**
 * Where the sender's alerts go (docs/behaviour/outbound-sender.md#alerts). The shape of
 * service-kit's `OrgAlerts.raise` (the backfiller's, with retries), so that one can replace
 * `ErrorHandlerAlerts` once both are on main.
 */
export interface OrgAlertRaiser {
  raise(organizationId: number, alert: OrgAlert): Promise<unknown>;
}

/**
 * Logs each alert and POSTs it once (no retries) as JSON `{template, service_integration, message,
 * details}` to every error handler of the organization (CONTRACT: error handlers). Handler URLs are
 * never logged (they often carry tokens): only their origin.
 */
export class ErrorHandlerAlerts implements OrgAlertRaiser {
  constructor(
    private readonly handlerUrls: (organizationId: number) => Promise<readonly string[]>,
    private readonly http: HttpClient,
    private readonly logger: Logger,
  ) {}

  async raise(organizationId: number, alert: OrgAlert): Promise<void> {
    this.logger.warn('organization alert', { organization_id: organizationId, template: alert.template, service_integration: alert.service_integration.opaque_id, alert_message: alert.message, details: alert.details });
    const urls = await this.handlerUrls(organizationId).catch(() => [] as string[]);
    await Promise.all(
      urls.map(async (url) => {
        const origin = originOf(url);
        try {
          const response = await this.http.request({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(alert), timeoutMs: 10_000 });
          this.logger.info('alert posted to an error handler', { organization_id: organizationId, template: alert.template, handler: origin, status: response.status });
        } catch (error) {
          this.logger.warn('alert could not be posted to an error handler', { organization_id: organizationId, template: alert.template, handler: origin, error });
        }
      }),
    );
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid url>';
  }
}
