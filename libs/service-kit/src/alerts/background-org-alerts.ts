import { HttpClient, Logger, OrgAlert } from '@whdb/core';
import { Database, ErrorHandlerRepository } from '@whdb/persistence';
import { OrgAlerts } from './org-alerts';

/** What a service raises alerts through: `OrgAlerts.raise`, or the background form below. */
export interface OrgAlertRaiser {
  raise(organizationId: number, alert: OrgAlert): Promise<unknown>;
}

/**
 * Org alerts to the organization's error handlers (docs/behaviour/alerts.md), delivered in the
 * background: `raise` logs the alert and returns at once, while the POSTs and their retries go on
 * by themselves. For services on a hot path (the reconciler, the outbound sender), where a handler
 * that is down must not hold up the sends; the backfiller awaits `OrgAlerts` directly.
 */
export function backgroundOrgAlerts(database: Database, http: HttpClient, logger: Logger, maxDelayMs: number): OrgAlertRaiser {
  const handlers = new ErrorHandlerRepository(database);
  const alerts = new OrgAlerts({
    handlerUrls: async (organizationId) => (await handlers.listForOrganization(organizationId)).map((handler) => handler.url),
    http,
    logger,
    policy: { maxDelayMs },
  });
  return {
    raise: async (organizationId, alert) => {
      void alerts.raise(organizationId, alert).catch((error: unknown) => logger.warn('alert delivery failed', { template: alert.template, error }));
    },
  };
}
