/**
 * The result of verifying a delivery (docs/behaviour/webhooks.md#statuses): the status, headers and
 * body to answer with. A rejection always carries a `reason`, sent back in `Whdb-Rejected-Reason`
 * and logged.
 */
export interface WebhookResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly reason?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export const WebhookResponses = {
  /** 202 `{"o":"k"}` */
  ok(status = 202): WebhookResponse {
    return { status, headers: JSON_HEADERS, body: '{"o":"k"}' };
  },
  /** `{"message": reason}` with a 4xx status (401 by default). */
  error(reason: string, status = 401): WebhookResponse {
    if (!reason) throw new Error('A rejected webhook must carry a reason');
    return { status, headers: JSON_HEADERS, body: JSON.stringify({ message: reason }), reason };
  },
  /** Any other body/content type, e.g. SignalWire's `<Response></Response>`. */
  custom(status: number, contentType: string, body: string, extraHeaders: Record<string, string> = {}, reason?: string): WebhookResponse {
    return { status, headers: { 'content-type': contentType, ...extraHeaders }, body, reason };
  },
};

export function isRejected(response: WebhookResponse): boolean {
  return response.status >= 400;
}
