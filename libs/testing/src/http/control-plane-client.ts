import { jsonRequest, JsonResponse } from './json-http';

export interface CreatedOrganization {
  readonly organization: { id: number; key: string; name: string };
  readonly token: string;
}

export interface IntegrationSummaryBody {
  readonly opaque_id: string;
  readonly service_name: string;
  readonly table_name: string;
}

/** A state-machine step as the api returns it (docs/behaviour/state-machines.md#step-shape). */
export interface StepBody {
  readonly needs_input: boolean;
  readonly prompt: string;
  readonly prompt_is_secret: boolean;
  readonly post_to_url: string;
  readonly post_params: Record<string, unknown>;
  readonly post_params_value_key: string;
  readonly complete: boolean;
  readonly output: string;
  readonly error_code: string;
  readonly service_integration: IntegrationSummaryBody;
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
