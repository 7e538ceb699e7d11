import { jsonRequest, JsonResponse } from './json-http';

export interface CreatedOrganization {
  readonly organization: { id: number; key: string; name: string };
  readonly token: string;
}

export interface StepBody {
  readonly needs_input: boolean;
  readonly complete: boolean;
  readonly output: string;
  readonly prompt: string;
  readonly post_to_url: string;
  readonly error_code: string;
  readonly service_integration: { opaque_id: string; service_name: string; table_name: string };
}

/** Drives the control-plane API over HTTP as a user (or the CLI) does. */
export class ControlPlaneClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  withToken(token: string): ControlPlaneClient {
    return new ControlPlaneClient(this.baseUrl, token);
  }

  request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> {
    return jsonRequest<T>(method, `${this.baseUrl}${path}`, { body, headers: { authorization: `Bearer ${this.token}` } });
  }

  async createOrganization(name: string, key?: string): Promise<CreatedOrganization> {
    return expectStatus(await this.request<CreatedOrganization>('POST', '/v1/organizations', { name, key }), 200);
  }

  async createIntegration(org: string, serviceName: string): Promise<StepBody> {
    return expectStatus(await this.request<StepBody>('POST', `/v1/organizations/${org}/service_integrations/create`, { service_name: serviceName }), 200);
  }

  async transition(org: string, sint: string, field: string, value: string): Promise<StepBody> {
    return expectStatus(await this.request<StepBody>('POST', `/v1/organizations/${org}/service_integrations/${sint}/transition/${field}`, { value }), 200);
  }
}

export function expectStatus<T>(response: JsonResponse<T>, status: number): T {
  if (response.status !== status) throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text}`);
  return response.body;
}
