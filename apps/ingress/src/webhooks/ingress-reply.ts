import { WebhookResponse } from '@whdb/core';

/** What the ingress answers: a status, headers and a body (already serialized). */
export interface IngressReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Set when the delivery was refused; sent as `Whdb-Rejected-Reason` and logged. */
  readonly rejectedReason?: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

const rateLimitedReplies = new Map<string, IngressReply>();
const MAX_KEPT_RATE_LIMITED_REPLIES = 64;

export const IngressReplies = {
  fromVerification(response: WebhookResponse): IngressReply {
    return { status: response.status, headers: response.headers, body: response.body, rejectedReason: response.reason };
  },
  rejected(status: number, reason: string): IngressReply {
    return { status, headers: JSON_TYPE, body: JSON.stringify({ message: reason }), rejectedReason: reason };
  },
  unavailable(retryAfterSeconds: number): IngressReply {
    return {
      status: 503,
      headers: { ...JSON_TYPE, 'retry-after': String(retryAfterSeconds) },
      body: JSON.stringify({ message: 'The webhook could not be stored right now; retry later.' }),
    };
  },
  /** 429: the integration or its organization is over its rate (docs/operations.md#noisy-tenant); not an audit-log refusal. */
  rateLimited(scope: 'integration' | 'organization', retryAfterSeconds: number): IngressReply {
    // A flood gets this answer thousands of times a second: the usual ones are built once.
    const key = `${scope}:${retryAfterSeconds}`;
    let reply = rateLimitedReplies.get(key);
    if (!reply) {
      reply = Object.freeze({
        status: 429,
        headers: Object.freeze({ ...JSON_TYPE, 'retry-after': String(retryAfterSeconds) }),
        body: JSON.stringify({ message: `Too many webhooks for this ${scope}; retry later.` }),
      });
      if (rateLimitedReplies.size < MAX_KEPT_RATE_LIMITED_REPLIES) rateLimitedReplies.set(key, reply);
    }
    return reply;
  },
  botRefused(): IngressReply {
    return {
      status: 403,
      headers: { 'content-type': 'text/plain' },
      body: 'This route is for receiving webhooks and HTTP calls, not for bots. Add ?skipbotcheck to the URL if you are a person.',
      rejectedReason: 'bot',
    };
  },
};
