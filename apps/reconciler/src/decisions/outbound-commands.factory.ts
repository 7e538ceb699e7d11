import { randomUUID } from 'node:crypto';
import { FrontImportCommand, IntegrationRef, SendSmsCommand } from '@whdb/core';
import { FailureNotice } from './decide-signalwire-row';
import { ImportDecision, SendDecision } from './decide-channel-row';

/** The channel a command is for (docs/behaviour/channel.md#commands). */
export interface ChannelTarget {
  readonly channel: IntegrationRef;
  readonly signalwire: IntegrationRef;
  /** The Front channel id (`backfill_key`, set at authorization); empty until Front authorized the channel. */
  readonly frontChannelId: string;
}

export interface CommandMeta {
  readonly correlationId: string;
  readonly attempt: number;
  readonly now: Date;
}

/** `fsmca-fims-<external_id>`: one key per channel row for its import or its send (SPEC 15.5). */
export const rowIdempotencyKey = (externalId: string): string => `fsmca-fims-${externalId}`;
/** `fsmca-swfail-<sid>`: the failure notice of one SignalWire sid, once ever (SPEC 15.4). */
export const failureNoticeKey = (sid: string): string => `fsmca-swfail-${sid}`;

function base(target: ChannelTarget, key: string, meta: CommandMeta) {
  return {
    id: randomUUID(),
    correlation_id: meta.correlationId,
    issued_at: meta.now.toISOString(),
    idempotency_key: key,
    channel: target.channel,
    signalwire: target.signalwire,
    attempt: meta.attempt,
  };
}

export function importCommand(target: ChannelTarget, decision: ImportDecision, meta: CommandMeta): FrontImportCommand {
  return {
    ...base(target, rowIdempotencyKey(decision.externalId), meta),
    type: 'front.import_message',
    direction: decision.direction,
    channel_id: target.frontChannelId,
    external_id: decision.externalId,
    external_conversation_id: decision.externalConversationId,
    sender: decision.sender,
    recipient: decision.recipient,
    body: decision.body,
    delivered_at: decision.deliveredAt,
    signalwire_sid: decision.signalwireSid,
    row: decision.row,
  };
}

export function sendSmsCommand(target: ChannelTarget, decision: SendDecision, meta: CommandMeta): SendSmsCommand {
  return {
    ...base(target, rowIdempotencyKey(decision.externalId), meta),
    type: 'signalwire.send_sms',
    external_id: decision.externalId,
    from: decision.from,
    to: decision.to,
    body: decision.body,
    attachments: decision.attachments,
    row: decision.row,
  };
}

/** The failed-send notice: an inbound import with no row to complete and no media (SPEC 15.4). */
export function failureNoticeCommand(target: ChannelTarget, notice: FailureNotice, meta: CommandMeta): FrontImportCommand {
  return {
    ...base(target, failureNoticeKey(notice.sid), meta),
    type: 'front.import_message',
    direction: 'inbound',
    channel_id: target.frontChannelId,
    external_id: notice.sid,
    external_conversation_id: notice.externalConversationId,
    sender: notice.sender,
    recipient: notice.recipient,
    body: notice.body,
    delivered_at: notice.deliveredAt,
    signalwire_sid: null,
    row: null,
  };
}
