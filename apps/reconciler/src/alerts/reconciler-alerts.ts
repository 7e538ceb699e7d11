import { Logger, OrgAlert } from '@whdb/core';

/**
 * Where the reconciler raises organization alerts (CONTRACT: error handlers; docs/behaviour/channel.md#sweep).
 * The same shape as `OrgAlerts.raise` of libs/service-kit (backfiller branch), which can be passed
 * in as it is once on main; until then `loggedAlerts` logs them.
 */
export interface AlertSink {
  raise(organizationId: number, alert: OrgAlert): Promise<unknown> | void;
}

export function loggedAlerts(logger: Logger): AlertSink {
  return {
    raise: (organizationId, alert) =>
      logger.warn('organization alert', {
        organization_id: organizationId,
        template: alert.template,
        service_integration: alert.service_integration.opaque_id,
        alert_message: alert.message,
        details: alert.details,
      }),
  };
}
