import { AppError, findInFlightSms, HttpStatusError, isJsonObject, Logger, SendSmsCommand, SmsAllowlist } from '@whdb/core';
import { OutboundSendEntry, OutboundSendLedger } from '@whdb/persistence';
import { ExecutionOutcome, SenderMetrics } from '../commands/sender-metrics';
import { isRetriableStatus, isSuccess, neverReachedProvider, retriableStatusError } from '../commands/http-outcome';
import { OrgAlertRaiser } from '@whdb/service-kit';
import { CommandIntegrations } from '../integrations/command-integrations';
import { SignalwireApi } from './signalwire-api';
import { IntegrationSettings } from '@whdb/core';

export interface SendSmsDependencies {
  readonly ledger: OutboundSendLedger;
  readonly integrations: CommandIntegrations;
  readonly signalwireApi: (integration: IntegrationSettings) => SignalwireApi;
  readonly allowlist: SmsAllowlist;
  /** Stages the command's Front attachments; returns their public media URLs (SPEC 15.7). */
  readonly stageMedia: (command: SendSmsCommand) => Promise<string[]>;
  readonly alerts: OrgAlertRaiser;
  readonly metrics: SenderMetrics;
  readonly logger: Logger;
}

/**
 * Front → SMS (SPEC 15.5 "Sending an SMS"; docs/behaviour/outbound-sender.md#signalwire), once per
 * idempotency key: a completed key republishes its sid; the allowlist may skip (`skipped`, no call);
 * a call left in flight is looked for at SignalWire (same from, to, body, created since the start)
 * and adopted; otherwise the start is committed, the SMS posted, and the sid recorded. A business
 * error (JSON `code`) alerts and gives no result; a 429 or 5xx is retried with backoff.
 */
export class SendSmsExecutor {
  constructor(private readonly deps: SendSmsDependencies) {}

  async execute(command: SendSmsCommand): Promise<ExecutionOutcome> {
    const { metrics } = this.deps;
    return this.deps.ledger.withKey(command.idempotency_key, 'signalwire', async (entry) => {
      const state = await entry.state();
      if (state.kind === 'completed') {
        metrics.outcome('signalwire', 'replayed');
        return sidResult(state.result);
      }
      if (!this.deps.allowlist.allows(command.to)) {
        this.deps.logger.warn('SMS recipient matches no SIGNALWIRE_SMS_ALLOWLIST glob; not sent', { idempotency_key: command.idempotency_key });
        metrics.outcome('signalwire', 'skipped');
        return sidResult(await entry.complete({ sid: 'skipped' }));
      }
      const parent = await this.deps.integrations.resolve(command.signalwire);
      const api = this.deps.signalwireApi(parent.settings);
      if (state.kind === 'in_flight') {
        const adopted = await this.resolveInFlight(entry, api, command, state.startedAt);
        if (adopted) return adopted;
      }
      const mediaUrls = await this.deps.stageMedia(command);
      await entry.start();
      return this.post(entry, api, command, mediaUrls);
    });
  }

  /** Looks for the SMS an interrupted call may have created; adopts its sid, or null to send now. */
  private async resolveInFlight(entry: OutboundSendEntry, api: SignalwireApi, command: SendSmsCommand, startedAt: Date): Promise<ExecutionOutcome | null> {
    const recent = await api.recentMessages(command.from, command.to);
    const sids = recent.map((message) => message['sid']).filter((sid): sid is string => typeof sid === 'string');
    const found = findInFlightSms(recent, { from: command.from, to: command.to, body: command.body, startedAt, claimedSids: await entry.sidsClaimedElsewhere(sids) });
    if (found === null) {
      this.deps.metrics.inFlightResolution('signalwire', 'not_found');
      this.deps.logger.info('an interrupted SMS send created no message; sending it now', { idempotency_key: command.idempotency_key });
      return null;
    }
    this.deps.metrics.inFlightResolution('signalwire', 'adopted');
    this.deps.metrics.outcome('signalwire', 'adopted');
    this.deps.logger.info('an interrupted SMS send had reached SignalWire; adopting its sid', { idempotency_key: command.idempotency_key, sid: found['sid'] });
    return sidResult(await entry.complete({ sid: found['sid'] }));
  }

  private async post(entry: OutboundSendEntry, api: SignalwireApi, command: SendSmsCommand, mediaUrls: string[]): Promise<ExecutionOutcome> {
    const { metrics } = this.deps;
    let response;
    try {
      response = await api.send({ from: command.from, to: command.to, body: command.body, mediaUrls });
    } catch (error) {
      // A timeout may have reached SignalWire: the call stays in flight and the retry looks first.
      if (neverReachedProvider(error)) await entry.abandon();
      metrics.retry('signalwire', 'unreachable');
      throw error;
    }
    if (isSuccess(response.status)) {
      const body = JSON.parse(response.body) as unknown;
      const sid = isJsonObject(body) && typeof body['sid'] === 'string' ? body['sid'] : null;
      if (sid === null) throw new AppError('upstream_http_error', 'SignalWire accepted the SMS without a sid', { status: response.status }, { retriable: false });
      metrics.outcome('signalwire', 'sent');
      return sidResult(await entry.complete({ sid }));
    }
    if (isRetriableStatus(response.status)) {
      // A 429 created nothing; a 5xx might have: it stays in flight and the retry looks first.
      if (response.status === 429) await entry.abandon();
      metrics.retry('signalwire', response.status === 429 ? '429' : '5xx');
      throw retriableStatusError(response, api.messagesUrl);
    }
    await entry.abandon();
    return this.refused(command, response.status, response.body, api.messagesUrl);
  }

  /** SPEC 15.5: a JSON `code` is a business error: alert, no result (the sweep retries); anything else fails the command. */
  private async refused(command: SendSmsCommand, status: number, body: string, url: string): Promise<ExecutionOutcome> {
    let code: string | null = null;
    let message = '';
    try {
      const parsed = JSON.parse(body) as unknown;
      if (isJsonObject(parsed) && parsed['code'] !== undefined && parsed['code'] !== null) {
        code = String(parsed['code']);
        message = typeof parsed['message'] === 'string' ? parsed['message'] : '';
      }
    } catch {
      code = null;
    }
    if (code === null) {
      this.deps.metrics.outcome('signalwire', 'refused');
      throw new HttpStatusError(status, url, body.slice(0, 500));
    }
    this.deps.metrics.outcome('signalwire', 'business_error');
    await this.deps.alerts.raise(command.channel.organization_id, {
      template: 'errors/signalwire_send_sms',
      service_integration: await this.deps.integrations.alertTarget(command.channel),
      message: `SignalWire refused to send an SMS to ${command.to}: ${message || 'no message'} (error ${code}). It will be tried again later.`,
      details: { http_status: status, signalwire_code: code, signalwire_message: message, external_id: command.external_id, idempotency_key: command.idempotency_key },
    });
    return { kind: 'no_result' };
  }
}

function sidResult(result: unknown): ExecutionOutcome {
  const sid = isJsonObject(result) ? result['sid'] : undefined;
  return { kind: 'result', patch: { signalwire_sid: typeof sid === 'string' ? sid : null } };
}
