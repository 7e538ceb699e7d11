import { AppError } from '../errors/app-error';

/**
 * The topic and consumer-group catalog (docs/topics.md#catalog). Every topic name the system uses is built
 * here; nothing else spells `whdb.` by hand.
 */

const SERVICE_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const MAX_SERVICE_NAME_LENGTH = 200;
/** Kafka's legal topic characters and length limit. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const DLQ_SUFFIX = '.dlq';

/** Returns the name if it is a snake_case service name (`increase_account_v1`), else throws `invalid_service`. */
export function assertServiceName(serviceName: string): string {
  if (
    typeof serviceName !== 'string' ||
    serviceName.length > MAX_SERVICE_NAME_LENGTH ||
    !SERVICE_NAME.test(serviceName)
  ) {
    throw new AppError('invalid_service', `Not a valid service name: ${JSON.stringify(serviceName)}`, {
      service_name: serviceName,
    });
  }
  return serviceName;
}

/** Returns the name if Kafka accepts it as a topic name, else throws `invalid_input`. */
export function assertTopicName(topic: string): string {
  if (typeof topic !== 'string' || !TOPIC_NAME.test(topic) || topic === '.' || topic === '..') {
    throw new AppError('invalid_input', `Not a valid Kafka topic name: ${JSON.stringify(topic)}`, { topic });
  }
  return topic;
}

export const Topics = {
  /** Verified webhooks, backfilled resources, channel and delivery results for one replicator. */
  inbound: (serviceName: string): string => `whdb.inbound.${assertServiceName(serviceName)}`,
  /** Row-change events of one replicator's tables (published by the projectors from their outbox lanes). */
  rows: (serviceName: string): string => `whdb.rows.${assertServiceName(serviceName)}`,
  /** Commands for the outbound sender (SignalWire SMS, Front imports). */
  commandsOutbound: 'whdb.commands.outbound',
  /** Backfill job requests (api, scheduler). */
  backfillRequests: 'whdb.backfill.requests',
  /** Rejected webhook deliveries, for the audit log. */
  webhooksRejected: 'whdb.webhooks.rejected',
  /** The dead-letter topic of `topic`. */
  dlq: (topic: string): string => `${assertTopicName(topic)}${DLQ_SUFFIX}`,
  /** Whether `topic` is a dead-letter topic. */
  isDlq: (topic: string): boolean => topic.endsWith(DLQ_SUFFIX),
} as const;

export const ConsumerGroups = {
  projector: (serviceName: string): string => `whdb.projector.${assertServiceName(serviceName)}`,
  reconciler: 'whdb.reconciler',
  outboundSender: 'whdb.outbound-sender',
  backfiller: 'whdb.backfiller',
  /** The webhook audit log writer (docs/behaviour/audit-log.md). */
  webhookLogger: 'whdb.webhook-logger',
  /** The history writer (docs/behaviour/history.md): every `whdb.rows.<service_name>`. */
  historyWriter: 'whdb.history-writer',
} as const;
