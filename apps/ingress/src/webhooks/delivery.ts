/** One HTTP delivery to a webhook route, as captured by the controller. */
export interface Delivery {
  readonly opaqueId: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly rawBody: Buffer;
  readonly correlationId: string;
  readonly receivedAt: Date;
}

const BOT_USER_AGENT = /bot|crawl|spider|slurp|facebookexternalhit|embedly|preview|monitor/i;

/** docs/behaviour/webhooks.md#processing-order: a GET from a bot user agent without `?skipbotcheck` is refused. */
export function isBotProbe(delivery: Delivery): boolean {
  if (delivery.method !== 'GET' || 'skipbotcheck' in delivery.query) return false;
  return BOT_USER_AGENT.test(delivery.headers['user-agent'] ?? '');
}
