import { IngressReply } from '../webhooks/ingress-reply';

const JSON_TYPE = { 'content-type': 'application/json' };

/** Answers of the channel endpoint (docs/behaviour/channel.md#endpoint): Front expects 200 and JSON. */
export const ChannelReplies = {
  ok(body: unknown): IngressReply {
    return { status: 200, headers: JSON_TYPE, body: JSON.stringify(body) };
  },
  /** A 401 of the API key check (SPEC 11.4): `{"message", "code": "unauthenticated"}`. */
  unauthenticated(reason: string): IngressReply {
    return { status: 401, headers: JSON_TYPE, body: JSON.stringify({ message: reason, code: 'unauthenticated' }), rejectedReason: reason };
  },
  notConfigured(): IngressReply {
    return {
      status: 503,
      headers: { ...JSON_TYPE, 'retry-after': '60' },
      body: JSON.stringify({ message: 'The SignalWire channel is not configured here yet; retry later.' }),
    };
  },
};
