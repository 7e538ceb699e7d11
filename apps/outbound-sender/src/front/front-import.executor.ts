import { AppError, formatE164, FrontImportCommand, isJsonObject, Logger } from '@whdb/core';
import { OutboundSendEntry, OutboundSendLedger } from '@whdb/persistence';
import { OrgAlertRaiser } from '@whdb/service-kit';
import { isRetriableStatus, isSuccess, neverReachedProvider, retriableStatusError } from '../commands/http-outcome';
import { ExecutionOutcome, SenderMetrics } from '../commands/sender-metrics';
import { CommandIntegrations } from '../integrations/command-integrations';
import { ImportContent } from './collect-sms-media';
import { FrontChannelApi } from './front-channel-api';

/** `front_message_id` of an import interrupted in flight, which Front offers no way to look up (docs/behaviour/outbound-sender.md#in-flight). */
export const IMPORT_UNCONFIRMED = 'import_unconfirmed';

/** Without the channel app, nothing can be signed for Front: final, so the command is dead-lettered (redrive it once configured). */
export function frontAppMissing(): AppError {
  return new AppError('config_invalid', 'FRONT_SIGNALWIRE_CHANNEL_APP_ID and FRONT_SIGNALWIRE_CHANNEL_APP_SECRET are not set: Front calls cannot be signed', {}, { retriable: false });
}

export interface FrontImportDependencies {
  readonly ledger: OutboundSendLedger;
  readonly integrations: CommandIntegrations;
  /** Null while `FRONT_SIGNALWIRE_CHANNEL_APP_ID` / `_SECRET` are unset. */
  readonly front: FrontChannelApi | null;
  /** The text and files to import (SPEC 15.6). */
  readonly content: (command: FrontImportCommand) => Promise<ImportContent>;
  readonly alerts: OrgAlertRaiser;
  readonly metrics: SenderMetrics;
  readonly logger: Logger;
}

/**
 * SMS → Front (SPEC 15.5 "Posting to Front", 15.6; docs/behaviour/outbound-sender.md#front-import),
 * once per idempotency key: a completed key republishes its `message_uid`; the content is prepared
 * (media downloaded) before the start is committed, so the window in flight is the POST alone; a
 * 429 or 5xx is retried with backoff (Retry-After honoured). Front has no lookup of an import by
 * its external id: an import found in flight is not sent again; it is recorded as
 * `import_unconfirmed` and the organization is alerted (at most once, never twice).
 */
export class FrontImportExecutor {
  constructor(private readonly deps: FrontImportDependencies) {}

  async execute(command: FrontImportCommand): Promise<ExecutionOutcome> {
    const front = this.deps.front;
    if (front === null) throw frontAppMissing();
    return this.deps.ledger.withKey(command.idempotency_key, 'front', async (entry) => {
      const state = await entry.state();
      if (state.kind === 'completed') {
        this.deps.metrics.outcome('front', 'replayed');
        return uidResult(state.result);
      }
      if (state.kind === 'in_flight') return this.unconfirmed(entry, command, state.startedAt);
      const content = await this.deps.content(command);
      await entry.start();
      return this.post(entry, front, command, content);
    });
  }

  private async post(entry: OutboundSendEntry, front: FrontChannelApi, command: FrontImportCommand, content: ImportContent): Promise<ExecutionOutcome> {
    const handle = command.direction === 'inbound' ? command.sender : command.recipient;
    let response;
    try {
      response = await front.importMessage(
        command.channel_id,
        {
          direction: command.direction,
          handle: formatE164(handle) ?? handle,
          body: content.text,
          deliveredAt: Math.floor(command.delivered_at),
          externalId: command.external_id,
          externalConversationId: command.external_conversation_id,
        },
        content.attachments,
      );
    } catch (error) {
      if (neverReachedProvider(error)) await entry.abandon();
      this.deps.metrics.retry('front', 'unreachable');
      throw error;
    }
    const url = front.importUrl(command.channel_id, command.direction);
    if (isSuccess(response.status)) {
      const body = JSON.parse(response.body) as unknown;
      const uid = isJsonObject(body) && typeof body['message_uid'] === 'string' ? body['message_uid'] : null;
      if (uid === null) throw new AppError('upstream_http_error', 'Front accepted the import without a message_uid', { status: response.status }, { retriable: false });
      this.deps.metrics.outcome('front', 'sent');
      return uidResult(await entry.complete({ message_uid: uid }));
    }
    // Front answered: nothing was imported.
    await entry.abandon();
    if (isRetriableStatus(response.status)) {
      this.deps.metrics.retry('front', response.status === 429 ? '429' : '5xx');
      throw retriableStatusError(response, url);
    }
    this.deps.metrics.outcome('front', 'refused');
    await this.alert(command, 'errors/front_import_message', `Front refused to import a message into channel ${command.channel_id} (HTTP ${response.status}).`, { http_status: response.status });
    throw new AppError('upstream_http_error', `Front refused the import (HTTP ${response.status})`, { status: response.status }, { retriable: false });
  }

  private async unconfirmed(entry: OutboundSendEntry, command: FrontImportCommand, startedAt: Date): Promise<ExecutionOutcome> {
    this.deps.metrics.inFlightResolution('front', 'unconfirmed');
    this.deps.metrics.outcome('front', 'unconfirmed');
    this.deps.logger.warn('a Front import was interrupted in flight and cannot be looked up; not importing it again', { idempotency_key: command.idempotency_key, started_at: startedAt.toISOString() });
    await this.alert(
      command,
      'errors/front_import_unconfirmed',
      `A message import into Front channel ${command.channel_id} was interrupted before Front's answer was recorded. It was not imported again, to avoid a duplicate: check the conversation ${command.external_conversation_id} in Front.`,
      { started_at: startedAt.toISOString() },
    );
    return uidResult(await entry.complete({ message_uid: null, front_message_id: IMPORT_UNCONFIRMED }));
  }

  private async alert(command: FrontImportCommand, template: string, message: string, details: Record<string, unknown>): Promise<void> {
    await this.deps.alerts.raise(command.channel.organization_id, {
      template,
      service_integration: await this.deps.integrations.alertTarget(command.channel),
      message,
      details: { ...details, external_id: command.external_id, idempotency_key: command.idempotency_key },
    });
  }
}

function uidResult(result: unknown): ExecutionOutcome {
  if (!isJsonObject(result)) return { kind: 'result', patch: { front_message_id: null } };
  const id = typeof result['message_uid'] === 'string' ? result['message_uid'] : result['front_message_id'];
  return { kind: 'result', patch: { front_message_id: typeof id === 'string' ? id : null } };
}
