import { JsonObject } from '../json/json';
import { IntegrationRef } from './envelopes';

/**
 * Commands on `whdb.commands.outbound` (key `<channel opaque_id>:<external_id>`): what the
 * reconciler decided must be sent, executed by the outbound sender exactly once per
 * `idempotency_key` (docs/behaviour/channel.md). Every command carries the complete channel row
 * (`row`, the upsert body) that its `delivery.result` completes, so the result needs no read back.
 */
interface OutboundCommandBase {
  readonly id: string;
  readonly correlation_id: string;
  readonly issued_at: string;
  /** Recorded before the provider call and completed after it: `fsmca-fims-<external_id>`, `fsmca-swfail-<sid>`. */
  readonly idempotency_key: string;
  /** The channel integration (`front_signalwire_message_channel_app_v1`). */
  readonly channel: IntegrationRef;
  /** Its parent `signalwire_message_v1` integration (credentials, media). */
  readonly signalwire: IntegrationRef;
  /** 1 for the first issue of this key; the reconciler's sweep increments it on re-issue. */
  readonly attempt: number;
}

/** A Front attachment to serve to SignalWire as MMS media (SPEC 15.7). */
export interface FrontAttachmentRef {
  readonly id: string;
  readonly url: string;
  readonly filename: string;
  readonly content_type: string;
}

/** Front → SMS: send one SMS (or MMS) from the support number to one customer. */
export interface SendSmsCommand extends OutboundCommandBase {
  readonly type: 'signalwire.send_sms';
  readonly external_id: string;
  /** E.164 support number. */
  readonly from: string;
  /** E.164 customer number. */
  readonly to: string;
  readonly body: string;
  readonly attachments: readonly FrontAttachmentRef[];
  /** The channel row to complete with `signalwire_sid`. */
  readonly row: JsonObject;
}

/** SMS → Front: import one message into the Front channel (inbound, outbound, or a failed-send notice). */
export interface FrontImportCommand extends OutboundCommandBase {
  readonly type: 'front.import_message';
  readonly direction: 'inbound' | 'outbound';
  /** The Front channel id (the channel integration's `backfill_key`). */
  readonly channel_id: string;
  readonly external_id: string;
  readonly external_conversation_id: string;
  readonly sender: string;
  readonly recipient: string;
  readonly body: string;
  /** Epoch seconds. */
  readonly delivered_at: number;
  /** The SignalWire message whose media to attach (SPEC 15.6); null for a failed-send notice. */
  readonly signalwire_sid: string | null;
  /** The channel row to complete with `front_message_id`; null when no row is completed (a notice). */
  readonly row: JsonObject | null;
}

export type OutboundCommand = SendSmsCommand | FrontImportCommand;
export type OutboundCommandType = OutboundCommand['type'];
