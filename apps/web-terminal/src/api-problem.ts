/** An api answer that is not a success: the error shape `{"error": {status, message, code}}` (docs/behaviour/integrations-api.md#errors). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole `error` object (a 422 prompt carries `state_machine_step`). */
    readonly error: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  static from(status: number, body: unknown): ApiProblem {
    const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === 'object' && error !== null) {
      const fields = error as Record<string, unknown>;
      const message = typeof fields['message'] === 'string' && fields['message'] ? fields['message'] : `HTTP ${status}`;
      return new ApiProblem(status, typeof fields['code'] === 'string' ? fields['code'] : `http_${status}`, message, fields);
    }
    return new ApiProblem(status, `http_${status}`, `The api answered HTTP ${status}.`, {});
  }
}
