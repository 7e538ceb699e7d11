import { HttpClient, Logger, OrgAlert } from '@whdb/core';

/** How an alert is delivered to one error handler (docs/behaviour/alerts.md#delivery). */
export interface OrgAlertDeliveryPolicy {
  /** POSTs per handler, the first included (default 4). */
  readonly maxAttempts: number;
  /** Wait after the first failed POST; doubles after each further failure (default 1 s). */
  readonly baseDelayMs: number;
  /** Cap of that wait (`WHDB_RETRY_BACKOFF_MAX_SECONDS`). */
  readonly maxDelayMs: number;
  /** Timeout of one POST (default 10 s). */
  readonly timeoutMs: number;
}

export const DEFAULT_ORG_ALERT_DELIVERY: OrgAlertDeliveryPolicy = Object.freeze({ maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 300_000, timeoutMs: 10_000 });

export interface OrgAlertsDependencies {
  /** The error-handler URLs of an organization (`ErrorHandlerRepository.listForOrganization`). */
  readonly handlerUrls: (organizationId: number) => Promise<readonly string[]>;
  readonly http: HttpClient;
  readonly logger: Logger;
  readonly policy?: Partial<OrgAlertDeliveryPolicy>;
  /** Waits between attempts; tests pass a recorder. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What happened to one handler's delivery. */
export interface OrgAlertDelivery {
  /** The handler's origin (never the whole URL: it often carries a token). */
  readonly handler: string;
  readonly delivered: boolean;
  readonly attempts: number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait after failed attempt `attempt` (1-based): base * 2^(attempt-1), capped. */
export function alertRetryDelayMs(attempt: number, policy: Pick<OrgAlertDeliveryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** 2xx is delivered; 408, 429 and 5xx are worth another try; any other answer is final. */
function isRetriableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid url>';
  }
}

/**
 * Organization alerts (docs/behaviour/alerts.md; SPEC 7.3; CONTRACT: error handlers). Every alert is
 * logged (warn), whether or not the organization has handlers. Then each handler URL receives the
 * alert as a JSON POST `{template, service_integration, message, details}`, independently: a
 * network error, timeout, 408, 429 or 5xx is retried with exponential backoff (capped by
 * `WHDB_RETRY_BACKOFF_MAX_SECONDS`) up to `maxAttempts`; other answers end that handler's delivery.
 * No de-duplication (as WebhookDB). Handler URLs never reach the logs, only their origin.
 * `raise` never throws: alerting must not fail the work that raised it.
 */
export class OrgAlerts {
  private readonly policy: OrgAlertDeliveryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: OrgAlertsDependencies) {
    this.policy = { ...DEFAULT_ORG_ALERT_DELIVERY, ...deps.policy };
    this.sleep = deps.sleep ?? realSleep;
  }

  async raise(organizationId: number, alert: OrgAlert): Promise<OrgAlertDelivery[]> {
    const { logger } = this.deps;
    logger.warn('organization alert', {
      organization_id: organizationId,
      template: alert.template,
      service_integration: alert.service_integration.opaque_id,
      alert_message: alert.message,
      details: alert.details,
    });
    let urls: readonly string[];
    try {
      urls = await this.deps.handlerUrls(organizationId);
    } catch (error) {
      logger.warn('error handlers could not be read; the alert was only logged', { organization_id: organizationId, template: alert.template, error });
      return [];
    }
    const body = JSON.stringify(alert);
    return Promise.all(urls.map((url) => this.deliver(organizationId, alert.template, url, body)));
  }

  private async deliver(organizationId: number, template: string, url: string, body: string): Promise<OrgAlertDelivery> {
    const handler = originOf(url);
    const fields = { organization_id: organizationId, template, handler };
    for (let attempt = 1; ; attempt += 1) {
      let retriable: boolean;
      let failure: Record<string, unknown>;
      try {
        const response = await this.deps.http.request({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body, timeoutMs: this.policy.timeoutMs });
        if (response.status >= 200 && response.status < 300) {
          this.deps.logger.info('alert posted to an error handler', { ...fields, status: response.status, attempts: attempt });
          return { handler, delivered: true, attempts: attempt };
        }
        retriable = isRetriableStatus(response.status);
        failure = { status: response.status };
      } catch (error) {
        retriable = true;
        failure = { error: (error as Error)?.name ?? 'Error' };
      }
      if (!retriable || attempt >= this.policy.maxAttempts) {
        this.deps.logger.warn('alert could not be posted to an error handler', { ...fields, ...failure, attempts: attempt });
        return { handler, delivered: false, attempts: attempt };
      }
      const waitMs = alertRetryDelayMs(attempt, this.policy);
      this.deps.logger.info('alert post failed; retrying', { ...fields, ...failure, attempt, wait_ms: waitMs });
      await this.sleep(waitMs);
    }
  }
}
